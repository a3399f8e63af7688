// The dense network: architecture checks, initialisation, and the forward pass for one sample
// (keeping every layer's z and a for the UI) and for a batch (evaluation).

#include "core/network.hpp"

#include "core/errors.hpp"
#include "core/random.hpp"

#include <cmath>
#include <string>

namespace nnviz {

int64_t Network::parameterCount() const
{
    int64_t n = 0;
    for (size_t l = 0; l + 1 < sizes.size(); ++l)
        n += int64_t(sizes[l + 1]) * sizes[l] + sizes[l + 1]; // W (out × in) + b (out)
    return n;
}

void validateArchitecture(const std::vector<int>& sizes, Activation hidden, Activation output)
{
    if (sizes.size() < 2)
        throw ConfigError("network needs at least 2 layers (input and output), got " +
                          std::to_string(sizes.size()));
    if (sizes[0] < 1 || sizes[0] > 1'000'000)
        throw ConfigError("input layer size must be 1..1,000,000, got " + std::to_string(sizes[0]));
    for (size_t l = 1; l < sizes.size(); ++l) {
        if (sizes[l] < 1 || sizes[l] > 100'000)
            throw ConfigError("layer " + std::to_string(l) + " size must be 1..100,000, got " +
                              std::to_string(sizes[l]));
    }
    if (hidden == Activation::Softmax)
        throw ConfigError("softmax can only be the output activation, not the hidden one "
                          "(use sigmoid or relu for hidden layers)");
    (void)output; // every activation is valid at the output
}

Network makeNetwork(const std::vector<int>& sizes, Activation hidden, Activation output,
                    uint64_t seed)
{
    validateArchitecture(sizes, hidden, output);
    Network net;
    net.sizes = sizes;
    net.hidden = hidden;
    net.output = output;
    net.layers.resize(sizes.size() - 1);
    Rng rng(seed);
    for (int l = 0; l < net.layerCount(); ++l) {
        const int in = sizes[size_t(l)], out = sizes[size_t(l) + 1];
        // Keep Var(z) ≈ Var(input): 1/in for sigmoid/softmax (LeCun), 2/in for ReLU (He), since
        // ReLU zeroes half its inputs.
        const double gain = net.activationOf(l) == Activation::Relu ? 2.0 : 1.0;
        const double sd = std::sqrt(gain / in);
        Layer& layer = net.layers[size_t(l)];
        layer.W.resize(out, in);
        for (int j = 0; j < out; ++j) // row by row: neuron j's weights, in a fixed order
            for (int i = 0; i < in; ++i) layer.W(j, i) = float(sd * rng.normal());
        layer.b = Eigen::VectorXf::Zero(out);
    }
    return net;
}

namespace {

// Eigen does not check shapes in Release builds, so a wrong-sized input would read past the end.
void checkInputRows(const Network& net, Eigen::Index rows, const char* what)
{
    if (rows != net.inputSize())
        throw ConfigError(std::string(what) + ": input has " + std::to_string(rows) +
                          " values but the network takes " + std::to_string(net.inputSize()));
}

} // namespace

void forward(const Network& net, const Eigen::VectorXf& input, ForwardTrace& trace)
{
    checkInputRows(net, input.size(), "forward");
    const size_t L = net.layers.size();
    if (trace.z.size() != L) trace.z.resize(L);
    if (trace.a.size() != L + 1) trace.a.resize(L + 1);
    trace.a[0] = input; // (in); no allocation when the size matches
    for (size_t l = 0; l < L; ++l) {
        const Layer& layer = net.layers[l];
        // z = W a + b: (out) = (out, in)(in) + (out)
        trace.z[l].resize(layer.W.rows());
        trace.z[l].noalias() = layer.W * trace.a[l];
        trace.z[l] += layer.b;
        // a = f(z). A VectorXf is not a MatrixXf, so the (vector) activations are spelled out
        // here rather than going through activationForward, which would need a copy.
        trace.a[l + 1].resize(layer.W.rows());
        switch (net.activationOf(int(l))) {
        case Activation::Sigmoid:
            trace.a[l + 1] = (1.0f + (-trace.z[l].array()).exp()).inverse().matrix();
            break;
        case Activation::Relu: trace.a[l + 1] = trace.z[l].cwiseMax(0.0f); break;
        case Activation::Softmax: {
            const float zmax = trace.z[l].maxCoeff();
            trace.a[l + 1] = (trace.z[l].array() - zmax).exp().matrix();
            trace.a[l + 1] /= trace.a[l + 1].sum();
            break;
        }
        }
    }
}

ForwardTrace forward(const Network& net, const Eigen::VectorXf& input)
{
    ForwardTrace trace;
    forward(net, input, trace);
    return trace;
}

Eigen::MatrixXf forwardBatch(const Network& net, const Eigen::MatrixXf& X)
{
    checkInputRows(net, X.rows(), "forwardBatch");
    // Two buffers swapped layer by layer: z = W a + b (out, N), then a = f(z) in place.
    Eigen::MatrixXf a, z;
    for (int l = 0; l < net.layerCount(); ++l) {
        const Layer& layer = net.layers[size_t(l)];
        if (l == 0)
            z.noalias() = layer.W * X;
        else
            z.noalias() = layer.W * a;
        z.colwise() += layer.b;
        activationForward(net.activationOf(l), z, z);
        a.swap(z);
    }
    if (net.layers.empty()) return X;
    return a;
}

int argmax(const Eigen::VectorXf& v)
{
    if (v.size() == 0) return -1;
    Eigen::Index best = 0;
    v.maxCoeff(&best); // first index of the maximum
    return int(best);
}

} // namespace nnviz
