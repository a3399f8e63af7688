// Re-scoring with the first layer's sums cached, and ablation of the hidden neurons.

#include "core/rescore.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

namespace nnviz {

Rescorer::Rescorer(std::shared_ptr<const Dataset> data) : m_data(std::move(data))
{
    if (!m_data) throw ConfigError("Rescorer: no data set");
}

void Rescorer::refreshFirstLayer(const Layer& first)
{
    const Dataset& d = *m_data;
    m_z1.resize(first.W.rows(), Eigen::Index(d.size()));
    Eigen::MatrixXf X; // (in, chunk)
    for (size_t at = 0; at < d.size(); at += kEvaluationChunk) {
        const size_t n = std::min(kEvaluationChunk, d.size() - at);
        d.inputs(at, n, X);
        // As forwardBatch computes it, chunk by chunk: z = W X, then + b on every column.
        auto z = m_z1.middleCols(Eigen::Index(at), Eigen::Index(n));
        z.noalias() = first.W * X;
        z.colwise() += first.b;
    }
    m_W1 = first.W;
    m_b1 = first.b;
}

Evaluation Rescorer::score(const Network& net, const Interventions& iv)
{
    checkInterventions(net, iv);
    Evaluation ev;
    startEvaluation(ev, net, *m_data);
    if (m_data->size() == 0 || net.layers.empty()) {
        finishEvaluation(ev);
        return ev;
    }
    const Layer& first = net.layers.front();
    m_lastUsedCache = m_z1.cols() == Eigen::Index(m_data->size()) &&
                      m_W1.rows() == first.W.rows() && m_W1.cols() == first.W.cols() &&
                      m_W1 == first.W && m_b1 == first.b;
    if (!m_lastUsedCache) refreshFirstLayer(first);
    for (size_t at = 0; at < m_data->size(); at += kEvaluationChunk) {
        const size_t n = std::min(kEvaluationChunk, m_data->size() - at);
        // a_1 = f(z_1) with layer 1's overrides, then the remaining layers: (out, n).
        activationForward(net.activationOf(0), m_z1.middleCols(Eigen::Index(at), Eigen::Index(n)),
                          m_a);
        applyInterventions(iv, 1, m_a);
        forwardFrom(net, iv, 1, m_a);
        addOutputs(ev, *m_data, at, m_a);
    }
    finishEvaluation(ev);
    return ev;
}

LayerActivity layerActivity(const Network& net, const Dataset& data, const Interventions& iv)
{
    checkInterventions(net, iv);
    if (data.size() > 0 && data.pixelCount() != net.inputSize())
        throw ConfigError("layerActivity: " + data.name + "'s images do not fit the network");
    const size_t L = net.sizes.size();
    LayerActivity act;
    act.mean.resize(L);
    act.max.resize(L);
    act.dead.assign(L, 0);
    for (size_t l = 1; l < L; ++l) {
        act.mean[l] = Eigen::VectorXf::Zero(net.sizes[l]);
        act.max[l] =
            Eigen::VectorXf::Constant(net.sizes[l], -std::numeric_limits<float>::infinity());
    }
    Eigen::MatrixXf X, a; // (in, chunk), then (sizes[l], chunk)
    for (size_t at = 0; at < data.size(); at += kEvaluationChunk) {
        const size_t n = std::min(kEvaluationChunk, data.size() - at);
        data.inputs(at, n, X);
        a = X;
        for (int l = 1; l <= net.layerCount(); ++l) {
            forwardFrom(net, iv, l - 1, a, l); // one layer: a becomes layer l's (sizes[l], n)
            act.mean[size_t(l)] += a.rowwise().sum();
            act.max[size_t(l)] = act.max[size_t(l)].cwiseMax(a.rowwise().maxCoeff());
        }
    }
    for (size_t l = 1; l < L; ++l) {
        if (data.size() > 0) act.mean[l] /= float(data.size());
        act.dead[l] = int((act.max[l].array() <= 0.0f).count());
    }
    return act;
}

Ablation ablateHiddenNeurons(Rescorer& rescorer, const Network& net, const Interventions& base,
                             const std::atomic<bool>* cancel)
{
    Ablation result;
    result.base = rescorer.score(net, base).accuracy;
    for (int layer = 1; layer < net.layerCount(); ++layer)
        for (int j = 0; j < net.sizes[size_t(layer)]; ++j) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                break;
            }
            Interventions killed = base;
            killed.set({layer, j, NeuronOp::Kill, 0.0f});
            const double accuracy = rescorer.score(net, killed).accuracy;
            result.neurons.push_back({layer, j, accuracy, result.base - accuracy});
        }
    // Stable: equal drops keep their (layer, neuron) order.
    std::stable_sort(result.neurons.begin(), result.neurons.end(),
                     [](const auto& a, const auto& b) { return a.drop > b.drop; });
    return result;
}

} // namespace nnviz
