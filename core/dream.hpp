// Activation maximisation, "what a neuron wants": gradient ascent on the input image until one
// neuron of any layer is as active as it can be, pixels kept in 0..1, with a smoothness and a
// norm penalty so the picture is readable. For an output neuron: "the 5 the network imagines".
// A pure function of its arguments (no shared state), cancellable: made for a background thread
// working on its own copy of the network.
#pragma once

#include "core/network.hpp"
#include "core/surgery.hpp"

#include <Eigen/Core>
#include <atomic>
#include <cstdint>

namespace nnviz {

struct DreamConfig {
    int steps = 300;         // gradient steps
    float stepSize = 0.05f;  // each pixel moves about this much per step at first (decays)
    float smoothness = 0.3f; // weight of Σ (x_p − x_q)² over 4-neighbours (square inputs)
    float norm = 0.2f;       // weight of Σ x² (a dark background)
    bool fromNoise = false;  // start from noise in [0, 0.5) instead of a blank (all 0) image
    uint64_t seed = 1;       // the noise, when fromNoise
};

struct DreamResult {
    Eigen::VectorXf image;     // (inputSize), row-major, each pixel in [0, 1]
    float activation = 0;      // the neuron's activation on image (softmax: its probability)
    float weightedSum = 0;     // its z on image
    float blankActivation = 0; // its activation on an all-0 image, for comparison
    int steps = 0;             // steps taken
    bool cancelled = false;    // *cancel was set: image is where the ascent had got to
};

// Maximises neuron `neuron` of layer `layer` (1 = first hidden, layerCount() = outputs) of the
// network with interventions iv. What rises is the neuron's weighted sum z (the same ordering
// as its activation for sigmoid and ReLU, without sigmoid's flat tails), and for a softmax
// output log a_k = z_k − log Σ e^z, so the other classes are pushed down. Each step:
//   x ← clip₀₁(x + η_t (ĝ − smoothness·∇S(x) − norm·2x)),  ĝ = g / rms(g),  η_t decaying,
// with g = ∂objective/∂x. Throws ConfigError for a neuron the network lacks or a bad config.
DreamResult dream(const Network& net, int layer, int neuron, const DreamConfig& config = {},
                  const Interventions& iv = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace nnviz
