// Activation maximisation by normalised, projected gradient ascent on the input (dream.hpp).

#include "core/dream.hpp"

#include "core/errors.hpp"
#include "core/explain.hpp"

#include <cmath>
#include <string>

namespace nnviz {

namespace {

// ∂objective/∂x at x, and the neuron's z and a there (trace: forwardWith's of x).
Eigen::VectorXf objectiveGradient(const Network& net, const Interventions& iv, int layer,
                                  int neuron, const ForwardTrace& trace)
{
    // dz = ∂objective/∂z_layer (sizes[layer]): e_j for a weighted sum, e_k − a for log softmax.
    Eigen::VectorXf dz = Eigen::VectorXf::Zero(net.sizes[size_t(layer)]);
    if (net.activationOf(layer - 1) == Activation::Softmax) dz = -trace.a[size_t(layer)];
    dz[neuron] += 1.0f;
    // Through W_layer: ∂objective/∂a_{layer−1} = W_layerᵀ dz, then down to the pixels.
    const Eigen::VectorXf below = net.layers[size_t(layer) - 1].W.transpose() * dz;
    return backToInput(net, iv, trace, layer - 1, below);
}

// ∇ of Σ over right and down neighbours of (x_p − x_q)²: 2 Σ_q (x_p − x_q) per pixel.
void addSmoothnessGradient(const Eigen::VectorXf& x, int side, float weight, Eigen::VectorXf& g)
{
    for (int y = 0; y < side; ++y)
        for (int c = 0; c < side; ++c) {
            const int p = y * side + c;
            if (c + 1 < side) {
                const float d = 2.0f * weight * (x[p] - x[p + 1]);
                g[p] += d;
                g[p + 1] -= d;
            }
            if (y + 1 < side) {
                const float d = 2.0f * weight * (x[p] - x[p + side]);
                g[p] += d;
                g[p + side] -= d;
            }
        }
}

} // namespace

DreamResult dream(const Network& net, int layer, int neuron, const DreamConfig& config,
                  const Interventions& iv, const std::atomic<bool>* cancel)
{
    if (layer < 1 || layer > net.layerCount() || neuron < 0 || neuron >= net.sizes[size_t(layer)])
        throw ConfigError("dream: neuron " + std::to_string(layer) + ":" + std::to_string(neuron) +
                          " is not in the network (layers 1.." + std::to_string(net.layerCount()) +
                          ", 1 = first hidden, " + std::to_string(net.layerCount()) +
                          " = outputs)");
    if (config.steps < 0 || !(config.stepSize > 0) || !(config.smoothness >= 0) ||
        !(config.norm >= 0))
        throw ConfigError("dream: steps must be ≥ 0, the step size > 0 and the penalties ≥ 0");
    checkInterventions(net, iv);

    const int n = net.inputSize();
    const int side = int(std::lround(std::sqrt(double(n))));
    const bool square = side * side == n; // the smoothness penalty needs neighbours

    DreamResult r;
    ForwardTrace trace;
    forwardWith(net, iv, Eigen::VectorXf::Zero(n), trace);
    r.blankActivation = trace.a[size_t(layer)][neuron];

    Eigen::VectorXf x = config.fromNoise ? Eigen::VectorXf(0.5f * noiseImage(n, config.seed))
                                         : Eigen::VectorXf::Zero(n);
    Eigen::VectorXf g(n);
    for (int step = 0; step < config.steps; ++step) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            r.cancelled = true;
            break;
        }
        forwardWith(net, iv, x, trace);
        g = objectiveGradient(net, iv, layer, neuron, trace);
        const float rms = std::sqrt(g.squaredNorm() / float(n));
        if (rms > 0) g /= rms; // ĝ: each pixel's share of the ascent, whatever the neuron's scale
        g -= 2.0f * config.norm * x;
        if (square && config.smoothness > 0) {
            Eigen::VectorXf penalty = Eigen::VectorXf::Zero(n);
            addSmoothnessGradient(x, side, config.smoothness, penalty);
            g -= penalty;
        }
        // Large steps first to find the shape, small ones to settle it.
        const float eta = config.stepSize / (1.0f + 3.0f * float(step) / float(config.steps));
        x = (x + eta * g).cwiseMax(0.0f).cwiseMin(1.0f);
        r.steps = step + 1;
    }
    forwardWith(net, iv, x, trace);
    r.image = x;
    r.weightedSum = trace.z[size_t(layer) - 1][neuron];
    r.activation = trace.a[size_t(layer)][neuron];
    return r;
}

} // namespace nnviz
