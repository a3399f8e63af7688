// Effective input maps, gradients back to the pixels, occlusion and noise (see explain.hpp).

#include "core/explain.hpp"

#include "core/errors.hpp"
#include "core/random.hpp"

#include <string>

namespace nnviz {

namespace {

void checkNeuronOf(const Network& net, int layer, int neuron, const char* what)
{
    if (layer < 1 || layer > net.layerCount() || neuron < 0 || neuron >= net.sizes[size_t(layer)])
        throw ConfigError(std::string(what) + ": neuron " + std::to_string(layer) + ":" +
                          std::to_string(neuron) + " is not in the " +
                          std::to_string(net.layerCount()) + "-layer network (layers 1.." +
                          std::to_string(net.layerCount()) + ", 1 = first hidden)");
}

} // namespace

Eigen::VectorXf effectiveInputMap(const Network& net, int layer, int neuron)
{
    checkNeuronOf(net, layer, neuron, "effective input map");
    // r ← r · W_l from the neuron's own row down to the first layer; r: (1, sizes[l]).
    Eigen::RowVectorXf r = net.layers[size_t(layer) - 1].W.row(neuron);
    for (int l = layer - 2; l >= 0; --l)
        r = r * net.layers[size_t(l)].W;
    return r.transpose();
}

Eigen::VectorXf backToInput(const Network& net, const Interventions& iv, const ForwardTrace& trace,
                            int layer, const Eigen::VectorXf& da)
{
    if (layer < 0 || layer > net.layerCount() || da.size() != net.sizes[size_t(layer)] ||
        trace.z.size() != net.layers.size())
        throw ConfigError("backToInput: layer " + std::to_string(layer) +
                          " and the gradient or trace do not fit the network");
    Eigen::MatrixXf g = da; // ∂obj/∂a_k, (sizes[k], 1)
    Eigen::MatrixXf a, dz;
    for (int k = layer; k >= 1; --k) {
        // Through the overrides: a killed or clamped neuron no longer depends on z; a scaled
        // one passes s times the gradient.
        for (const auto& n : iv.list())
            if (n.layer == k)
                g(n.neuron, 0) = n.op == NeuronOp::Scale ? g(n.neuron, 0) * n.value : 0.0f;
        // Through f: dz = f'(z) ⊙ g (softmax: its Jacobian), with a = f(z) before the overrides.
        const Eigen::MatrixXf z = trace.z[size_t(k) - 1];
        activationForward(net.activationOf(k - 1), z, a);
        activationBackward(net.activationOf(k - 1), z, a, g, dz);
        // Through the weights: ∂obj/∂a_{k−1} = W_kᵀ dz, (sizes[k − 1], 1).
        g.noalias() = net.layers[size_t(k) - 1].W.transpose() * dz;
    }
    return g.col(0);
}

Eigen::VectorXf outputSaliency(const Network& net, const Eigen::VectorXf& x, int output,
                               const Interventions& iv)
{
    checkNeuronOf(net, net.layerCount(), output, "saliency");
    ForwardTrace trace;
    forwardWith(net, iv, x, trace);
    Eigen::VectorXf da = Eigen::VectorXf::Zero(net.outputSize()); // ∂a_k/∂a = e_k
    da[output] = 1.0f;
    return backToInput(net, iv, trace, net.layerCount(), da);
}

Occlusion occlusion(const Network& net, const Eigen::VectorXf& x, int output, int side, int patch,
                    const Interventions& iv)
{
    checkNeuronOf(net, net.layerCount(), output, "occlusion");
    if (side < 1 || x.size() != side * side || x.size() != net.inputSize())
        throw ConfigError("occlusion: the input has " + std::to_string(x.size()) +
                          " pixels, not a " + std::to_string(side) + "×" + std::to_string(side) +
                          " image the network takes");
    if (patch < 1 || patch > side)
        throw ConfigError("occlusion: a patch of " + std::to_string(patch) +
                          " pixels does not fit a " + std::to_string(side) + "-pixel side");
    Occlusion o;
    o.patch = patch;
    o.cols = o.rows = (side + patch - 1) / patch;
    const int patches = o.rows * o.cols;
    // Column 0 the image itself, column 1 + p the image with patch p blanked: (in, 1 + patches).
    Eigen::MatrixXf X = x.replicate(1, 1 + patches);
    for (int p = 0; p < patches; ++p) {
        const int px = (p % o.cols) * patch, py = (p / o.cols) * patch;
        for (int y = py; y < std::min(py + patch, side); ++y)
            X.col(1 + p).segment(y * side + px, std::min(patch, side - px)).setZero();
    }
    const Eigen::MatrixXf out = forwardBatchWith(net, iv, X); // (classes, 1 + patches)
    o.base = out(output, 0);
    o.drop.resize(size_t(patches));
    o.pixelMap.resize(x.size());
    for (int p = 0; p < patches; ++p)
        o.drop[size_t(p)] = o.base - out(output, 1 + p);
    for (int y = 0; y < side; ++y)
        for (int px = 0; px < side; ++px)
            o.pixelMap[y * side + px] = o.drop[size_t((y / patch) * o.cols + px / patch)];
    return o;
}

Eigen::VectorXf noiseImage(int pixels, uint64_t seed)
{
    Rng rng(seed);
    Eigen::VectorXf x(pixels);
    for (int i = 0; i < pixels; ++i)
        x[i] = float(rng.uniform());
    return x;
}

NoiseAnswer answerTo(const Network& net, const Eigen::VectorXf& x, const Interventions& iv)
{
    ForwardTrace trace;
    forwardWith(net, iv, x, trace);
    const int k = argmax(trace.output());
    return {k, trace.output()[k]};
}

NoiseSurvey noiseSurvey(const Network& net, int count, uint64_t seed, float threshold,
                        const Interventions& iv)
{
    if (count < 1) throw ConfigError("noise survey: count must be at least 1");
    Eigen::MatrixXf X(net.inputSize(), count); // (in, count)
    for (int i = 0; i < count; ++i)
        X.col(i) = noiseImage(net.inputSize(), seed + uint64_t(i));
    const Eigen::MatrixXf out = forwardBatchWith(net, iv, X); // (classes, count)
    NoiseSurvey s;
    s.count = count;
    s.threshold = threshold;
    s.answers.assign(size_t(net.outputSize()), 0);
    double sum = 0;
    for (int i = 0; i < count; ++i) {
        const int k = argmax(out.col(i));
        ++s.answers[size_t(k)];
        sum += out(k, i);
        s.confident += out(k, i) >= threshold;
    }
    s.fractionConfident = double(s.confident) / count;
    s.meanConfidence = sum / count;
    return s;
}

} // namespace nnviz
