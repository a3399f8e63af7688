// AppModel, third part: backpropagation on the drawing (the Backprop tab; see app_model.hpp).
// The gradient follows every new input, weights, target or cost; a Step replaces the shown
// network with a stepped copy (a new weightsVersion: every panel follows at once) and keeps the
// one before on an undo stack, so Undo puts back the very same object, bit for bit.
#include "app/gui/model/app_model.hpp"

#include <algorithm>

namespace nnviz::gui {

namespace {
constexpr size_t kMaxUndo = 100; // steps kept (a copy of the network each)
constexpr float kMinRate = 1e-4f, kMaxRate = 10.0f;
} // namespace

void AppModel::applyBackprop(const UiRequests& req)
{
    BackpropState& b = m_snap.backprop;
    const int classes = m_snap.model.net->outputSize();
    bool changed = false;
    if (req.backpropShown && !b.shown) {
        m_backSweepPending = true; // the gradient flows back once the tab opens
        changed = true;
    }
    b.shown = req.backpropShown;
    // A new drawing goes back to its answer; a set's image comes with its label.
    if (req.clearCanvas && b.targetChosen) {
        b.targetChosen = false;
        changed = true;
    }
    std::optional<int> target = req.backpropTarget;
    if (!target && b.shown && req.digitKey) target = req.digitKey;
    if (!target && req.setImage) {
        const DataStore::Status st = m_data->status(req.setImage->kind, req.setImage->split);
        if (st.set && req.setImage->index < st.set->size())
            target = int(st.set->labels[req.setImage->index]);
    }
    if (target && *target >= 0 && *target < classes && (*target != b.target || !b.targetChosen)) {
        b.target = *target;
        b.targetChosen = true;
        changed = true;
    }
    if (req.backpropCost && *req.backpropCost != b.cost) {
        b.cost = *req.backpropCost;
        changed = true;
    }
    if (req.backpropRate) b.rate = std::clamp(*req.backpropRate, kMinRate, kMaxRate);
    if (req.selectEdge) b.selectedEdge = req.selectEdge;
    if (changed) {
        recomputeGradient();
        m_backSweepPending = true;
        emitBackprop();
    }
    if (req.backpropStep) stepBackprop();
    if (req.backpropUndo) undoBackprop();
}

void AppModel::recomputeGradient()
{
    BackpropState& b = m_snap.backprop;
    const Network& net = *m_snap.model.net;
    // The steps undo only from the network the last one made (A away and back keeps them).
    b.undoDepth = !m_undo.empty() && m_undo.back().after == m_snap.model.net ? m_undo.size() : 0;
    if (b.undoDepth == 0) b.stepped = false; // the last step's costs were of another network
    if (!b.targetChosen && m_snap.output.answer >= 0) b.target = m_snap.output.answer;
    b.target = std::clamp(b.target, 0, net.outputSize() - 1);
    if (const std::optional<EdgeRef> e = b.selectedEdge;
        e && (e->layer < 0 || e->layer >= net.layerCount() || e->from < 0 ||
              e->from >= net.sizes[size_t(e->layer)] || e->to < 0 ||
              e->to >= net.sizes[size_t(e->layer) + 1]))
        b.selectedEdge.reset();
    // With surgery, of the folded network: the same outputs, and zero for what a killed or
    // clamped neuron's incoming weights cannot change.
    const std::shared_ptr<const Network> folded = foldedNetwork();
    b.gradient = std::make_shared<const ExampleGradient>(
        exampleGradient(*folded, b.cost, m_snap.input.pixels, b.target));
    ++b.version;
    // A backward sweep under way keeps going (the layers behind its front show this gradient).
    if (b.shown && b.sweep >= float(net.layerCount())) m_backSweepPending = true;
}

void AppModel::stepBackprop()
{
    BackpropState& b = m_snap.backprop;
    if (!b.gradient || m_session) return; // a training run owns the weights meanwhile
    // The gradient is the folded network's: the step goes on from it, and the session ends.
    endSurgery("a Backprop step ended the surgery session: it stepped the edited network, "
               "interventions folded into its weights",
               true);
    b.targetChosen = true;                // the answer may change; the target stays
    const float before = b.gradient->value;
    auto next = std::make_shared<Network>(*m_snap.model.net);
    gradientStep(*next, *b.gradient, b.rate);

    if (b.undoDepth == 0) m_undo.clear(); // steps on another network: no longer reachable
    const std::string base = m_undo.empty() ? m_snap.model.name : m_undo.front().name;
    m_undo.push_back({m_snap.model.net, m_snap.model.name, next});
    if (m_undo.size() > kMaxUndo) m_undo.erase(m_undo.begin());
    // The stepped network takes the place of the one it came from (A swaps back to it too).
    const int slot = slotOf(*next);
    if (m_bundled[slot] == m_snap.model.net) m_bundled[slot] = next;
    const size_t steps = m_undo.size();
    const std::string name =
        base + " + " + std::to_string(steps) + (steps == 1 ? " step" : " steps") + " (unsaved)";
    if (m_bundled[slot] == next) m_bundledName[slot] = name;
    startSweep();
    setNetwork(next, name, m_snap.model.untrained); // recomputes the answer and the gradient
    b.stepped = true;
    b.lastCostBefore = before;
    b.lastCostAfter = b.gradient->value;
    m_events.emplace_back(
        event::Step{b.target, b.cost, b.rate, before, b.gradient->value, m_undo.size()});
}

void AppModel::undoBackprop()
{
    if (m_undo.empty() || m_undo.back().after != m_snap.model.net || m_session) return;
    UndoEntry e = std::move(m_undo.back());
    m_undo.pop_back();
    const int slot = slotOf(*e.after);
    if (m_bundled[slot] == e.after) {
        m_bundled[slot] = e.before;
        m_bundledName[slot] = e.name;
    }
    // The stack's new top still leads to e.before, so recompute keeps it.
    startSweep();
    setNetwork(e.before, e.name, m_snap.model.untrained);
    m_snap.backprop.stepped = false;
    m_events.emplace_back(event::Undo{m_undo.size(), m_snap.backprop.gradient->value});
}

void AppModel::emitBackprop()
{
    const BackpropState& b = m_snap.backprop;
    m_events.emplace_back(
        event::Backprop{b.target, b.targetChosen, b.cost, b.gradient ? b.gradient->value : 0.0f});
}

void AppModel::tickBackprop(double dt)
{
    BackpropState& b = m_snap.backprop;
    const float L = float(m_snap.model.net->layerCount());
    if (!b.shown || !m_snap.sweep.enabled) {
        b.sweep = L;
        m_backSweepPending = false;
        return;
    }
    // After the forward sweep; one already under way keeps going (the layers behind its front
    // show the newest gradient).
    if (m_backSweepPending && m_snap.sweep.position >= L && b.sweep >= L) {
        b.sweep = 0;
        m_backSweepPending = false;
    }
    if (b.sweep < L) b.sweep = std::min(L, b.sweep + float(dt) * m_snap.sweep.speed);
}

bool AppModel::backpropAnimating() const
{
    const BackpropState& b = m_snap.backprop;
    return b.shown && m_snap.sweep.enabled &&
           (b.sweep < float(m_snap.model.net->layerCount()) || m_backSweepPending);
}

} // namespace nnviz::gui
