// Network surgery: neuron interventions (kill, clamp, scale) applied inside the forward pass,
// and weight/bias edits with an undo history. Plain data and free functions, no shared state:
// safe to run on a background thread on a copy of the network.
//
// Layers are counted as the window counts neurons (NeuronRef): 0 = the input pixels, 1 = the
// first hidden layer, ..., layerCount() = the outputs. Layer k's neurons are computed by network
// layer k − 1 (net.layers[k − 1], W (sizes[k] × sizes[k − 1])).
#pragma once

#include "core/network.hpp"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace nnviz {

enum class NeuronOp {
    Kill,  // a = 0
    Clamp, // a = value
    Scale, // a = value · f(z)
};

// One neuron's activation overridden after its activation function: a_j ← op(f(z_j)).
struct NeuronIntervention {
    int layer = 1;  // 1..layerCount() (not the input)
    int neuron = 0; // 0..sizes[layer] − 1
    NeuronOp op = NeuronOp::Kill;
    float value = 0; // Clamp: the activation; Scale: the factor; Kill: unused

    bool operator==(const NeuronIntervention&) const = default;
};

// At most one intervention per neuron, kept sorted by (layer, neuron).
class Interventions {
  public:
    bool empty() const { return m_list.empty(); }
    size_t size() const { return m_list.size(); }
    const std::vector<NeuronIntervention>& list() const { return m_list; }
    // Replaces any intervention on the same neuron.
    void set(const NeuronIntervention& iv);
    // Removes the neuron's intervention; false when it had none.
    bool clear(int layer, int neuron);
    // The neuron's intervention, or null.
    const NeuronIntervention* find(int layer, int neuron) const;
    bool touches(int layer) const;

    bool operator==(const Interventions&) const = default;

  private:
    std::vector<NeuronIntervention> m_list;
};

// Throws ConfigError when an intervention names a layer or neuron the network lacks, or a value
// that is not finite.
void checkInterventions(const Network& net, const Interventions& iv);

// Overrides layer `layer`'s activations a (sizes[layer], B) — or (sizes[layer]) — in place.
void applyInterventions(const Interventions& iv, int layer, Eigen::Ref<Eigen::MatrixXf> a);

// forward() with interventions: trace.z[l] are the untouched weighted sums, trace.a[l + 1] the
// activations after the overrides (what the next layer sees). With none, exactly forward().
void forwardWith(const Network& net, const Interventions& iv, const Eigen::VectorXf& x,
                 ForwardTrace& trace);

// forwardBatch() with interventions. X: (in, N) → (out, N). With none, exactly forwardBatch():
// the same operations in the same order, so the same bits.
Eigen::MatrixXf forwardBatchWith(const Network& net, const Interventions& iv,
                                 const Eigen::MatrixXf& X);

// The rest of a batched forward pass: a holds layer `layer`'s activations (sizes[layer], B),
// already through its function and its interventions; runs layers layer + 1 .. last (default:
// the outputs) in place, leaving layer last's activations (sizes[last], B) in a. The Rescorer
// starts here from cached sums.
void forwardFrom(const Network& net, const Interventions& iv, int layer, Eigen::MatrixXf& a,
                 int last = -1);

// The equivalent network without interventions, e.g. to save an edited model: a hidden
// neuron's override is folded into the next layer (kill: its outgoing weights zeroed; scale s:
// multiplied by s; clamp c: zeroed and c·w added to the next biases). Throws ConfigError for an
// intervention on an output neuron, which no weight can express.
Network foldInterventions(const Network& net, const Interventions& iv);

// One parameter's change: W(neuron, input) of layer `layer`, or b(neuron) when input < 0.
struct ParameterChange {
    int layer = 1, neuron = 0, input = -1;
    float before = 0, after = 0;
};

// One undoable step: any number of parameter changes and the interventions before and after.
struct EditStep {
    std::string label; // "weight 1:3←412", "kill 2:5", "paint 1:7", "reset" ...
    std::vector<ParameterChange> changes;
    Interventions before, after;
};

// A network being edited by hand: the loaded original, the edited weights, the interventions,
// and an undo/redo history. Undo writes back the exact floats recorded, so undoing every step
// restores the weights byte for byte. Not thread-safe: the UI thread owns it and hands copies
// of network() and interventions() to background re-scoring.
class EditableNetwork {
  public:
    explicit EditableNetwork(Network original = {});

    const Network& original() const { return m_original; }
    const Network& network() const { return m_net; } // edited weights, interventions not folded
    const Interventions& interventions() const { return m_iv; }
    // The weights or the interventions differ from the original's.
    bool edited() const;

    // Each edit is one undo step, or part of the open group. Arguments out of range throw
    // ConfigError; a value equal to the current one records nothing.
    void setWeight(int layer, int neuron, int input, float value);
    void setBias(int layer, int neuron, float value);
    // Adds delta (sizes[layer − 1]) to the neuron's incoming weights: a brush on its weight map.
    void addToWeights(int layer, int neuron, const Eigen::VectorXf& delta);
    void setIntervention(const NeuronIntervention& iv);
    void clearIntervention(int layer, int neuron);
    // Back to the original weights and no interventions, as one undoable step.
    void reset();

    // Edits between beginGroup and endGroup make one step (a drag, a brush stroke). Nested
    // calls join the outer group.
    void beginGroup(const std::string& label);
    void endGroup();

    bool canUndo() const { return !m_done.empty(); }
    bool canRedo() const { return !m_undone.empty(); }
    // The label of the step undo() or redo() would revert or replay ("" when none).
    std::string undoLabel() const { return canUndo() ? m_done.back().label : std::string(); }
    std::string redoLabel() const { return canRedo() ? m_undone.back().label : std::string(); }
    bool undo();
    bool redo();
    const std::vector<EditStep>& history() const { return m_done; }

  private:
    float& parameter(Network& net, int layer, int neuron, int input);
    void record(ParameterChange change, const std::string& label);
    void changeInterventions(const Interventions& after, const std::string& label);
    EditStep& openStep(const std::string& label);
    void closeStep();
    void apply(const EditStep& step, bool forward);

    Network m_original, m_net;
    Interventions m_iv;
    std::vector<EditStep> m_done, m_undone;
    int m_groupDepth = 0;
    bool m_stepOpen = false; // m_done.back() is still being filled
};

} // namespace nnviz
