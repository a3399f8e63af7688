// The dense network: architecture checks, initialisation, and the forward pass for one sample
// (keeping every layer's z and a for the UI) and for a batch (evaluation).

#include "core/network.hpp"

#include "core/errors.hpp"
#include "core/random.hpp"
#include "core/text.hpp"

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
    if (sizes.size() > size_t(kMaxLayers))
        throw ConfigError("network has " + std::to_string(sizes.size()) +
                          " layers; nnviz supports at most " + std::to_string(kMaxLayers) +
                          " (input and output included)");
    int64_t params = 0;
    for (size_t l = 0; l < sizes.size(); ++l) {
        if (sizes[l] < 1 || sizes[l] > kMaxNeurons)
            throw ConfigError((l == 0 ? std::string("input layer") : "layer " + std::to_string(l)) +
                              " size must be 1.." + withThousands(kMaxNeurons) + ", got " +
                              std::to_string(sizes[l]));
        if (l > 0) params += int64_t(sizes[l]) * sizes[l - 1] + sizes[l]; // W (out × in) + b
    }
    if (params > kMaxParameters)
        throw ConfigError("the network would have " + withThousands(params) +
                          " parameters; nnviz supports at most " + withThousands(kMaxParameters));
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

// forwardLayers for M = VectorXf (one sample) or MatrixXf (one sample per column). Without z
// (forwardBatch, which only wants the output) each layer's z is computed in a[l+1]'s storage and
// the activation applied in place, so a batch allocates one matrix per layer, not two.
template <class M>
void forwardLayersOf(const Network& net, const M& x, std::vector<M>* z, std::vector<M>& a)
{
    checkInputRows(net, x.rows(), "forward");
    const size_t L = net.layers.size();
    if (z && z->size() != L) z->resize(L);
    if (a.size() != L + 1) a.resize(L + 1);
    for (size_t l = 0; l < L; ++l) {
        const Layer& layer = net.layers[l];
        const M& in = l == 0 ? x : a[l];
        M& zl = z ? (*z)[l] : a[l + 1];
        // z = W a + b: (out, B) = (out, in)(in, B) + (out) on every column
        zl.noalias() = layer.W * in;
        if constexpr (M::ColsAtCompileTime == 1)
            zl += layer.b;
        else
            zl.colwise() += layer.b;
        activationForward(net.activationOf(int(l)), zl, a[l + 1]); // a = f(z)
    }
}

} // namespace

void forwardLayers(const Network& net, const Eigen::VectorXf& x, std::vector<Eigen::VectorXf>& z,
                   std::vector<Eigen::VectorXf>& a)
{
    forwardLayersOf(net, x, &z, a);
}

void forwardLayers(const Network& net, const Eigen::MatrixXf& x, std::vector<Eigen::MatrixXf>& z,
                   std::vector<Eigen::MatrixXf>& a)
{
    forwardLayersOf(net, x, &z, a);
}

void forward(const Network& net, const Eigen::VectorXf& input, ForwardTrace& trace)
{
    forwardLayers(net, input, trace.z, trace.a);
    trace.a[0] = input; // (in), kept for the UI; no allocation when the size matches
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
    if (net.layers.empty()) return X;
    std::vector<Eigen::MatrixXf> a; // a[l+1]: (sizes[l+1], N); a[0] stays empty
    forwardLayersOf<Eigen::MatrixXf>(net, X, nullptr, a);
    return std::move(a.back());
}

int argmax(Eigen::Ref<const Eigen::VectorXf> v)
{
    if (v.size() == 0) return -1;
    Eigen::Index best = 0;
    v.maxCoeff(&best); // first index of the maximum
    return int(best);
}

} // namespace nnviz
