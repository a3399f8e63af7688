// Re-scoring an edited network on a labelled set, fast enough to follow every edit, and
// ablation: each hidden neuron killed in turn, most important first.
#pragma once

#include "core/dataset.hpp"
#include "core/evaluate.hpp"
#include "core/surgery.hpp"

#include <atomic>
#include <memory>
#include <vector>

namespace nnviz {

// Scores networks on one data set. Equal to the bit to evaluate() on the edited weights, and on
// the network with killed neurons' outgoing weights zeroed (the same chunks and operations);
// clamps and scales act in the pass, so their folded network (foldInterventions) agrees up to
// float rounding. Faster than evaluate(): it keeps the first layer's weighted sums
// z_1 = W_1 X + b_1 (sizes[1], N) of the last first-layer weights it saw: an edit that leaves
// W_1 and b_1 alone (any neuron intervention, a deeper weight or bias) then skips the 784-wide
// product and the uint8 → float conversion of the images. One Rescorer per thread; the network
// and interventions are only read during score().
class Rescorer {
  public:
    explicit Rescorer(std::shared_ptr<const Dataset> data);

    // Accuracy, per-class recall, confusion, each image's answer and confidence, as evaluate().
    // Throws ConfigError when the network does not fit the set or an intervention its shape.
    Evaluation score(const Network& net, const Interventions& iv = {});

    const Dataset& data() const { return *m_data; }
    // True when the last score() reused the cached first-layer sums.
    bool lastUsedCache() const { return m_lastUsedCache; }

  private:
    void refreshFirstLayer(const Layer& first);

    std::shared_ptr<const Dataset> m_data;
    Eigen::MatrixXf m_W1; // the first-layer weights the cache holds sums for (sizes[1], in)
    Eigen::VectorXf m_b1; // (sizes[1])
    Eigen::MatrixXf m_z1; // (sizes[1], N): W_1 x + b_1 for every image
    Eigen::MatrixXf m_a;  // scratch (sizes[l], chunk)
    bool m_lastUsedCache = false;
};

// One hidden neuron's importance: the accuracy with its activation forced to 0.
struct NeuronImportance {
    int layer = 1; // 1 = first hidden
    int neuron = 0;
    double accuracy = 0; // 0..1
    double drop = 0;     // base − accuracy (negative when killing it helps)
};

struct Ablation {
    double base = 0;                       // accuracy with every neuron (and `base` edits)
    std::vector<NeuronImportance> neurons; // every hidden neuron, largest drop first
    bool cancelled = false;                // stopped early: neurons holds those done so far
};

// Kills each hidden neuron (layers 1 .. layerCount() − 1) in turn on top of the interventions
// `base` (a kill replaces that neuron's own intervention) and re-scores. Sorted by drop,
// largest first; equal drops in layer, then neuron, order. Checks *cancel between neurons.
Ablation ablateHiddenNeurons(Rescorer& rescorer, const Network& net, const Interventions& base = {},
                             const std::atomic<bool>* cancel = nullptr);

// Each neuron's activity over a data set, for marking dead ReLU neurons and comparing a dream
// with real digits. Index by layer (0 = input, unused; 1 = first hidden, ..., outputs).
struct LayerActivity {
    std::vector<Eigen::VectorXf> mean; // mean[layer]: (sizes[layer]) mean activation
    std::vector<Eigen::VectorXf> max;  // max[layer]: (sizes[layer]) largest activation
    std::vector<int> dead; // dead[layer]: neurons never above 0 on the set (ReLU's dead ones)
};
// Runs the set in evaluate()'s chunks through the network with interventions iv.
LayerActivity layerActivity(const Network& net, const Dataset& data, const Interventions& iv = {});

} // namespace nnviz
