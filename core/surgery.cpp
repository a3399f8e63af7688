// Network surgery: interventions inside the forward pass, folding them into weights, and the
// edit history of EditableNetwork (each step keeps the exact floats before and after).

#include "core/surgery.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace nnviz {

namespace {

std::string neuronName(int layer, int neuron)
{
    return std::to_string(layer) + ":" + std::to_string(neuron);
}

void checkNeuron(const Network& net, int layer, int neuron, const char* what)
{
    if (layer < 1 || layer > net.layerCount())
        throw ConfigError(std::string(what) + " " + neuronName(layer, neuron) + ": layer " +
                          std::to_string(layer) + " is not one of the network's layers 1.." +
                          std::to_string(net.layerCount()) + " (1 = first hidden, " +
                          std::to_string(net.layerCount()) + " = outputs)");
    if (neuron < 0 || neuron >= net.sizes[size_t(layer)])
        throw ConfigError(std::string(what) + " " + neuronName(layer, neuron) + ": layer " +
                          std::to_string(layer) + " has neurons 0.." +
                          std::to_string(net.sizes[size_t(layer)] - 1));
}

} // namespace

// [SECTION] Interventions

void Interventions::set(const NeuronIntervention& iv)
{
    const auto key = [](const NeuronIntervention& n) { return std::pair(n.layer, n.neuron); };
    const auto at = std::lower_bound(m_list.begin(), m_list.end(), iv,
                                     [&](const auto& a, const auto& b) { return key(a) < key(b); });
    if (at != m_list.end() && key(*at) == key(iv))
        *at = iv;
    else
        m_list.insert(at, iv);
}

bool Interventions::clear(int layer, int neuron)
{
    const auto it = std::find_if(m_list.begin(), m_list.end(), [&](const auto& n) {
        return n.layer == layer && n.neuron == neuron;
    });
    if (it == m_list.end()) return false;
    m_list.erase(it);
    return true;
}

const NeuronIntervention* Interventions::find(int layer, int neuron) const
{
    for (const auto& n : m_list)
        if (n.layer == layer && n.neuron == neuron) return &n;
    return nullptr;
}

bool Interventions::touches(int layer) const
{
    return std::any_of(m_list.begin(), m_list.end(),
                       [&](const auto& n) { return n.layer == layer; });
}

void checkInterventions(const Network& net, const Interventions& iv)
{
    for (const auto& n : iv.list()) {
        checkNeuron(net, n.layer, n.neuron, "intervention on neuron");
        if (!std::isfinite(n.value))
            throw ConfigError("intervention on neuron " + neuronName(n.layer, n.neuron) +
                              ": the value must be a finite number");
    }
}

void applyInterventions(const Interventions& iv, int layer, Eigen::Ref<Eigen::MatrixXf> a)
{
    for (const auto& n : iv.list()) {
        if (n.layer != layer) continue;
        auto row = a.row(n.neuron); // (B): this neuron for every sample
        switch (n.op) {
        case NeuronOp::Kill:
            row.setZero();
            break;
        case NeuronOp::Clamp:
            row.setConstant(n.value);
            break;
        case NeuronOp::Scale:
            row *= n.value;
            break;
        }
    }
}

// [SECTION] Forward passes with interventions

void forwardWith(const Network& net, const Interventions& iv, const Eigen::VectorXf& x,
                 ForwardTrace& trace)
{
    if (iv.empty()) return forward(net, x, trace);
    checkInterventions(net, iv);
    forward(net, x, trace); // sizes z and a; the layers with overrides are redone below
    for (int l = 0; l < net.layerCount(); ++l) {
        const Layer& layer = net.layers[size_t(l)];
        Eigen::VectorXf& z = trace.z[size_t(l)];
        Eigen::VectorXf& a = trace.a[size_t(l) + 1];
        // z = W a + b with the previous layer's overridden activations, a = f(z), overrides.
        z.noalias() = layer.W * trace.a[size_t(l)];
        z += layer.b;
        activationForward(net.activationOf(l), z, a);
        applyInterventions(iv, l + 1, a);
    }
}

namespace {

// One layer with its overrides: out = f(W in + b), (sizes[l + 1], B) from (sizes[l], B); the same
// operations as forwardBatch's, in the same order.
void layerWith(const Network& net, const Interventions& iv, int l, const Eigen::MatrixXf& in,
               Eigen::MatrixXf& out)
{
    const Layer& w = net.layers[size_t(l)];
    out.noalias() = w.W * in;
    out.colwise() += w.b;
    activationForward(net.activationOf(l), out, out);
    applyInterventions(iv, l + 1, out);
}

} // namespace

void forwardFrom(const Network& net, const Interventions& iv, int layer, Eigen::MatrixXf& a,
                 int last)
{
    if (last < 0) last = net.layerCount();
    Eigen::MatrixXf next; // (sizes[l + 1], B)
    for (int l = layer; l < last; ++l) {
        layerWith(net, iv, l, a, next);
        std::swap(a, next);
    }
}

Eigen::MatrixXf forwardBatchWith(const Network& net, const Interventions& iv,
                                 const Eigen::MatrixXf& X)
{
    if (iv.empty()) return forwardBatch(net, X);
    checkInterventions(net, iv);
    if (X.rows() != net.inputSize())
        throw ConfigError("forwardBatchWith: input has " + std::to_string(X.rows()) +
                          " values but the network takes " + std::to_string(net.inputSize()));
    Eigen::MatrixXf a; // (sizes[1], N), then each layer's activations in turn
    layerWith(net, iv, 0, X, a);
    forwardFrom(net, iv, 1, a);
    return a;
}

Network foldInterventions(const Network& net, const Interventions& iv)
{
    checkInterventions(net, iv);
    Network folded = net;
    for (const auto& n : iv.list()) {
        if (n.layer == net.layerCount())
            throw ConfigError("neuron " + neuronName(n.layer, n.neuron) +
                              " is an output: its override cannot be saved in the weights");
        Layer& next = folded.layers[size_t(n.layer)]; // reads layer n.layer's activations
        auto column = next.W.col(n.neuron);           // (sizes[layer + 1]): its outgoing weights
        switch (n.op) {
        case NeuronOp::Kill:
            column.setZero();
            break;
        case NeuronOp::Clamp:
            next.b += n.value * column; // the neuron now adds the constant w·c to each sum
            column.setZero();
            break;
        case NeuronOp::Scale:
            column *= n.value;
            break;
        }
    }
    return folded;
}

// [SECTION] EditableNetwork

EditableNetwork::EditableNetwork(Network original)
    : m_original(std::move(original)), m_net(m_original)
{
}

bool EditableNetwork::edited() const
{
    if (!m_iv.empty()) return true;
    for (size_t l = 0; l < m_net.layers.size(); ++l)
        if (m_net.layers[l].W != m_original.layers[l].W ||
            m_net.layers[l].b != m_original.layers[l].b)
            return true;
    return false;
}

float& EditableNetwork::parameter(Network& net, int layer, int neuron, int input)
{
    Layer& w = net.layers[size_t(layer) - 1];
    return input < 0 ? w.b[neuron] : w.W(neuron, input);
}

EditStep& EditableNetwork::openStep(const std::string& label)
{
    if (!m_stepOpen) {
        m_done.push_back(EditStep{label, {}, m_iv, m_iv});
        m_stepOpen = true;
        m_undone.clear(); // a new edit forgets what was undone
    }
    return m_done.back();
}

void EditableNetwork::closeStep()
{
    if (m_groupDepth > 0 || !m_stepOpen) return;
    m_stepOpen = false;
    const EditStep& s = m_done.back();
    if (s.changes.empty() && s.before == s.after) m_done.pop_back(); // nothing changed
}

void EditableNetwork::record(ParameterChange change, const std::string& label)
{
    float& p = parameter(m_net, change.layer, change.neuron, change.input);
    if (p == change.after) return;
    change.before = p;
    p = change.after;
    openStep(label).changes.push_back(change);
    closeStep();
}

void EditableNetwork::setWeight(int layer, int neuron, int input, float value)
{
    checkNeuron(m_net, layer, neuron, "weight of neuron");
    if (input < 0 || input >= m_net.sizes[size_t(layer) - 1])
        throw ConfigError("weight " + neuronName(layer, neuron) + "←" + std::to_string(input) +
                          ": inputs are 0.." + std::to_string(m_net.sizes[size_t(layer) - 1] - 1));
    if (!std::isfinite(value)) throw ConfigError("a weight must be a finite number");
    record({layer, neuron, input, 0, value},
           "weight " + neuronName(layer, neuron) + "←" + std::to_string(input));
}

void EditableNetwork::setBias(int layer, int neuron, float value)
{
    checkNeuron(m_net, layer, neuron, "bias of neuron");
    if (!std::isfinite(value)) throw ConfigError("a bias must be a finite number");
    record({layer, neuron, -1, 0, value}, "bias " + neuronName(layer, neuron));
}

void EditableNetwork::addToWeights(int layer, int neuron, const Eigen::VectorXf& delta)
{
    checkNeuron(m_net, layer, neuron, "weights of neuron");
    const int in = m_net.sizes[size_t(layer) - 1];
    if (delta.size() != in || !delta.allFinite())
        throw ConfigError("weights of neuron " + neuronName(layer, neuron) + ": expected " +
                          std::to_string(in) + " finite changes, got " +
                          std::to_string(delta.size()));
    beginGroup("paint " + neuronName(layer, neuron));
    for (int i = 0; i < in; ++i)
        if (delta[i] != 0.0f)
            record({layer, neuron, i, 0, m_net.layers[size_t(layer) - 1].W(neuron, i) + delta[i]},
                   "");
    endGroup();
}

void EditableNetwork::changeInterventions(const Interventions& after, const std::string& label)
{
    if (after == m_iv) return;
    openStep(label).after = after;
    m_iv = after;
    closeStep();
}

void EditableNetwork::setIntervention(const NeuronIntervention& iv)
{
    checkNeuron(m_net, iv.layer, iv.neuron, "intervention on neuron");
    if (!std::isfinite(iv.value)) throw ConfigError("an intervention's value must be finite");
    Interventions after = m_iv;
    after.set(iv);
    const char* verb = iv.op == NeuronOp::Kill    ? "kill "
                       : iv.op == NeuronOp::Clamp ? "clamp "
                                                  : "scale ";
    changeInterventions(after, verb + neuronName(iv.layer, iv.neuron));
}

void EditableNetwork::clearIntervention(int layer, int neuron)
{
    Interventions after = m_iv;
    if (after.clear(layer, neuron))
        changeInterventions(after, "restore " + neuronName(layer, neuron));
}

void EditableNetwork::reset()
{
    beginGroup("reset");
    for (int l = 1; l <= m_net.layerCount(); ++l) {
        const Layer& o = m_original.layers[size_t(l) - 1];
        const Layer& e = m_net.layers[size_t(l) - 1];
        for (int j = 0; j < int(o.W.rows()); ++j) {
            for (int i = 0; i < int(o.W.cols()); ++i)
                if (e.W(j, i) != o.W(j, i)) record({l, j, i, 0, o.W(j, i)}, "");
            if (e.b[j] != o.b[j]) record({l, j, -1, 0, o.b[j]}, "");
        }
    }
    changeInterventions({}, "reset");
    endGroup();
}

void EditableNetwork::beginGroup(const std::string& label)
{
    if (m_groupDepth++ == 0) openStep(label);
}

void EditableNetwork::endGroup()
{
    if (m_groupDepth == 0) return;
    if (--m_groupDepth == 0) closeStep();
}

void EditableNetwork::apply(const EditStep& step, bool forward)
{
    if (forward) {
        for (const auto& c : step.changes)
            parameter(m_net, c.layer, c.neuron, c.input) = c.after;
        m_iv = step.after;
    } else {
        // Backwards, so a parameter changed twice in one step ends at its first `before`.
        for (auto it = step.changes.rbegin(); it != step.changes.rend(); ++it)
            parameter(m_net, it->layer, it->neuron, it->input) = it->before;
        m_iv = step.before;
    }
}

bool EditableNetwork::undo()
{
    if (m_groupDepth > 0 || m_done.empty()) return false;
    apply(m_done.back(), false);
    m_undone.push_back(std::move(m_done.back()));
    m_done.pop_back();
    return true;
}

bool EditableNetwork::redo()
{
    if (m_groupDepth > 0 || m_undone.empty()) return false;
    apply(m_undone.back(), true);
    m_done.push_back(std::move(m_undone.back()));
    m_undone.pop_back();
    return true;
}

} // namespace nnviz
