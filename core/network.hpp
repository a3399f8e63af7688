// The dense network: per-layer W (out × in) and b, a hidden activation (sigmoid or ReLU) and an
// output activation (sigmoid, as in the 3Blue1Brown video, or softmax). Forward passes keep every
// layer's weighted sums z and activations a so the UI can show each neuron.
#pragma once

#include "core/activation.hpp"
#include "core/dataset_kind.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace nnviz {

struct Layer {
    Eigen::MatrixXf W; // (out, in): row j holds neuron j's incoming weights
    Eigen::VectorXf b; // (out)
};

struct Network {
    std::vector<int> sizes;        // neurons per layer, input first: {784, 16, 16, 10}
    std::vector<Layer> layers;     // sizes.size() − 1 layers; layers[l] maps sizes[l] → sizes[l+1]
    Activation hidden = Activation::Sigmoid; // every layer but the last
    Activation output = Activation::Sigmoid; // the last layer
    DatasetKind dataset = DatasetKind::Mnist; // what it reads: its classes' names, its test set

    int inputSize() const { return sizes.empty() ? 0 : sizes.front(); }
    int outputSize() const { return sizes.empty() ? 0 : sizes.back(); }
    int layerCount() const { return int(layers.size()); }
    Activation activationOf(int layer) const { return layer + 1 == layerCount() ? output : hidden; }
    // Σ out·in + out over layers; 784-16-16-10 → 13,002.
    int64_t parameterCount() const;
};

// The largest network nnviz makes, trains, saves and loads. validateArchitecture and the model
// file reader and writer (model_file.cpp) check these same numbers, so every network that can be
// made can be saved and read back, and a corrupt header cannot describe more.
inline constexpr int kMaxLayers = 64;       // entries in `sizes`, input and output included
inline constexpr int kMaxNeurons = 100'000; // per layer, input included
inline constexpr int64_t kMaxParameters = 100'000'000; // Σ out·in + out (400 MB of float32)

// Checks sizes (2..kMaxLayers layers, each 1..kMaxNeurons wide, at most kMaxParameters
// parameters) and activations (softmax only as output); throws ConfigError with the reason.
void validateArchitecture(const std::vector<int>& sizes, Activation hidden, Activation output);

// The video's hidden layers: two of 16 neurons (the default of `nnviz train` and of the window).
inline const std::vector<int> kVideoHiddenSizes = {16, 16};

// A network with the given architecture and random weights: W ~ N(0, 1/in) for sigmoid
// (Xavier/LeCun), N(0, 2/in) for ReLU (He); b = 0. Deterministic for a seed.
Network makeNetwork(const std::vector<int>& sizes, Activation hidden, Activation output,
                    uint64_t seed);

// Everything one forward pass computes, layer by layer.
struct ForwardTrace {
    std::vector<Eigen::VectorXf> z; // z[l] = W_l a[l] + b_l, (sizes[l+1]); l = 0..L−1
    std::vector<Eigen::VectorXf> a; // a[0] = input (sizes[0]); a[l+1] = f(z[l])
    const Eigen::VectorXf& output() const { return a.back(); }
};

// The forward pass, written once for every caller (forward, forwardBatch, backprop): for each
// layer l = 0..L−1,
//   z[l] = W_l a_l + b_l,  a[l+1] = f_l(z[l]),  with a_0 = x.
// One sample: x (in), z[l] and a[l+1] (sizes[l+1]). A batch, one sample per column: x (in, B),
// z[l] and a[l+1] (sizes[l+1], B). z is resized to L entries and a to L + 1; a[0] is left as it
// is (x is read in its place; x must not live in z or a, which may move when resized). Storage
// is reused when the shapes match, so a steady shape allocates nothing. Throws ConfigError when
// x has the wrong number of rows.
void forwardLayers(const Network& net, const Eigen::VectorXf& x, std::vector<Eigen::VectorXf>& z,
                   std::vector<Eigen::VectorXf>& a);
void forwardLayers(const Network& net, const Eigen::MatrixXf& x, std::vector<Eigen::MatrixXf>& z,
                   std::vector<Eigen::MatrixXf>& a);

// Single-sample forward pass; reuses trace's storage when the shapes already match.
void forward(const Network& net, const Eigen::VectorXf& input, ForwardTrace& trace);
ForwardTrace forward(const Network& net, const Eigen::VectorXf& input);

// Batched forward for evaluation. X: (in, N), one sample per column → (out, N).
Eigen::MatrixXf forwardBatch(const Network& net, const Eigen::MatrixXf& X);

// Index of the largest element, the first of equal ones (the network's answer); −1 when empty.
// Takes a vector or a column of a matrix (one sample of a batch) without copying it.
int argmax(Eigen::Ref<const Eigen::VectorXf> v);

} // namespace nnviz
