// AppModel, fifth part: surgery on the shown network (the Surgery tab; see app_model.hpp). The
// first edit opens a session on the shown network (core's EditableNetwork); after every edit,
// undo, redo or reset the edited weights become model.net (a new weightsVersion: every panel
// follows), the drawing's answer is computed again with the interventions in the same apply(),
// and the test set is re-scored by the Rescorer (a few ms) and reported as event::Rescored.
// Ablation and the activity on the test set (dead ReLU neurons) run on a background thread.
//
// [SECTION] Requests
// [SECTION] Publishing and re-scoring
// [SECTION] Ending a session
// [SECTION] Ablation and activity
#include "app/gui/model/app_model.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nnviz::gui {

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// The brush dab as a change of every incoming weight (in inputs, laid out as the input's image:
// a square when in is one, else a strip): amount at the centre, easing to 0 at the radius.
Eigen::VectorXf brushDelta(int in, const WeightBrush& b)
{
    int w = int(std::lround(std::sqrt(double(in))));
    int h = w;
    if (w * h != in) {
        w = in;
        h = 1;
    }
    Eigen::VectorXf delta = Eigen::VectorXf::Zero(in);
    const float r = std::max(0.5f, b.radius);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float dx = float(x) + 0.5f - b.x, dy = float(y) + 0.5f - b.y;
            const float d = std::sqrt(dx * dx + dy * dy);
            if (d >= r) continue;
            const float k = 1.0f - d / r;
            delta[y * w + x] = b.amount * k * k;
        }
    return delta;
}

} // namespace

// [SECTION] Requests

void AppModel::applySurgery(const UiRequests& req)
{
    SurgeryState& s = m_snap.surgery;
    s.shown = req.surgeryShown;
    if (!s.shown && m_surgery && m_surgeryGroup) { // the tab left mid-drag: the drag ends
        m_surgery->endGroup();
        m_surgeryGroup = false;
    }
    if (req.surgeryKey && s.shown) surgeryKey(*req.surgeryKey);
    std::string what;
    if (editSurgery(req)) what = m_surgery->undoLabel();
    if (m_surgery && !m_surgeryGroup && (req.surgeryUndo || req.surgeryRedo || req.surgeryReset)) {
        const std::string undo = m_surgery->undoLabel(), redo = m_surgery->redoLabel();
        if (req.surgeryUndo && m_surgery->undo()) what = "undo " + undo;
        if (req.surgeryRedo && m_surgery->redo()) what = "redo " + redo;
        if (req.surgeryReset && m_surgery->edited()) {
            m_surgery->reset();
            what = "reset";
        }
    }
    if (!what.empty()) publishSurgery(what);
    if (req.ablate && !m_surgeryJob) startSurgeryJob(true);
    // Dead neurons of a ReLU network, while the tab shows, for the weights on screen.
    if (s.shown && !m_surgeryJob && !m_session && m_snap.model.net->hidden == Activation::Relu &&
        s.activityWeights != m_snap.model.weightsVersion && m_snap.data.testSet)
        startSurgeryJob(false);
}

// The request's edits on the session (opened on the shown network first). A request the network
// cannot take (out of range, not finite, during a training run) becomes a message.
bool AppModel::editSurgery(const UiRequests& req)
{
    const bool edits = req.intervene || req.restoreNeuron || !req.setParameters.empty() ||
                       !req.brush.empty();
    if (!edits && !req.beginEdit) {
        if (req.endEdit && m_surgery && m_surgeryGroup) {
            m_surgery->endGroup();
            m_surgeryGroup = false;
        }
        return false;
    }
    SurgeryState& s = m_snap.surgery;
    if (m_session) {
        s.message = "stop the training run before editing the network";
        m_events.emplace_back(event::Failed{event::Failure::Surgery, s.message});
        return false;
    }
    if (!m_surgery) { // a new session on what is shown
        m_surgery.emplace(*m_snap.model.net);
        m_surgeryName = m_snap.model.name;
        s.original = m_snap.model.net;
        s.base.reset();
        s.active = true;
    }
    EditableNetwork& e = *m_surgery;
    size_t steps = e.history().size();
    const std::string label = e.undoLabel();
    try {
        if (req.beginEdit && !m_surgeryGroup) {
            e.beginGroup(*req.beginEdit);
            m_surgeryGroup = true;
        }
        if (req.intervene) {
            if (req.intervene->layer >= m_snap.model.net->layerCount())
                throw ConfigError("only hidden neurons can be killed, clamped or scaled");
            e.setIntervention(*req.intervene);
        }
        if (req.restoreNeuron) e.clearIntervention(req.restoreNeuron->layer, req.restoreNeuron->neuron);
        for (const ParameterEdit& p : req.setParameters) {
            if (p.input < 0)
                e.setBias(p.layer, p.neuron, p.value);
            else
                e.setWeight(p.layer, p.neuron, p.input, p.value);
        }
        for (const WeightBrush& b : req.brush)
            e.addToWeights(1, b.neuron, brushDelta(m_snap.model.net->inputSize(), b));
        s.message.clear();
    } catch (const ConfigError& err) {
        s.message = err.what();
        m_events.emplace_back(event::Failed{event::Failure::Surgery, s.message});
    }
    if (req.endEdit && m_surgeryGroup) {
        e.endGroup();
        m_surgeryGroup = false;
    }
    // Something changed when the history moved or the open step grew; comparing weights would
    // cost more than the re-score, so any accepted edit counts (a drag's start alone does not).
    return edits && (s.message.empty() || e.history().size() != steps || e.undoLabel() != label);
}

void AppModel::surgeryKey(int key)
{
    const NeuronRef n = m_snap.view.selected;
    UiRequests r;
    if (key == 'K' && n.layer < m_snap.model.net->layerCount())
        r.intervene = NeuronIntervention{n.layer, n.neuron, NeuronOp::Kill, 0};
    else if (key == 'R')
        r.restoreNeuron = n;
    std::string what;
    if (editSurgery(r)) what = m_surgery->undoLabel();
    if (m_surgery && key == 'Z' && !m_surgeryGroup) {
        const std::string undo = m_surgery->undoLabel();
        if (m_surgery->undo()) what = "undo " + undo;
    }
    if (m_surgery && key == 'Y' && !m_surgeryGroup) {
        const std::string redo = m_surgery->redoLabel();
        if (m_surgery->redo()) what = "redo " + redo;
    }
    if (!what.empty()) publishSurgery(what);
}

// [SECTION] Publishing and re-scoring

void AppModel::publishSurgery(const std::string& what)
{
    SurgeryState& s = m_snap.surgery;
    const EditableNetwork& e = *m_surgery;
    s.interventions = e.interventions();
    s.edits.clear();
    for (const EditStep& step : e.history())
        s.edits.push_back(step.label);
    s.undoLabel = e.undoLabel();
    s.redoLabel = e.redoLabel();
    ++s.version;
    // Back at the original: the very object it started from (same bits, same re-score).
    const bool edited = e.edited();
    m_snap.model.net = edited ? std::make_shared<const Network>(e.network()) : s.original;
    m_snap.model.name = edited ? m_surgeryName + " + surgery (unsaved)" : m_surgeryName;
    ++m_snap.model.weightsVersion;
    recompute(); // the answer with the edits, this frame
    rescoreSurgery(what);
}

bool AppModel::rescorerReady()
{
    const auto& test = m_snap.data.testSet;
    if (!test || m_snap.data.kind != m_snap.model.net->dataset) return false;
    if (!m_rescorer || &m_rescorer->data() != test.get())
        m_rescorer = std::make_unique<Rescorer>(test);
    return true;
}

void AppModel::rescoreSurgery(const std::string& what)
{
    SurgeryState& s = m_snap.surgery;
    if (!m_surgery || !rescorerReady()) return; // tickSurgery() does it once the set is there
    try {
        if (!s.base) s.base = std::make_shared<const Evaluation>(m_rescorer->score(*s.original));
        const auto start = std::chrono::steady_clock::now();
        auto edited = std::make_shared<const Evaluation>(
            m_rescorer->score(*m_snap.model.net, m_surgery->interventions()));
        s.ms = msSince(start);
        s.edited = edited;
    } catch (const ConfigError& err) {
        s.message = err.what();
        m_events.emplace_back(event::Failed{event::Failure::Surgery, s.message});
        return;
    }
    m_surgeryScored = m_snap.model.weightsVersion;
    // The Mistakes and Data tabs show the edited network's answers too.
    m_snap.score.test = s.edited;
    m_snap.score.weightsVersion = m_snap.model.weightsVersion;
    m_snap.score.ms = s.ms;
    event::Rescored ev;
    ev.accuracy = s.edited->accuracy;
    ev.base = s.base->accuracy;
    for (size_t k = 0; k < s.edited->perClass.size() && k < s.base->perClass.size(); ++k)
        ev.classChange.push_back(s.edited->perClass[k] - s.base->perClass[k]);
    ev.ms = s.ms;
    ev.cached = m_rescorer->lastUsedCache();
    ev.edit = what;
    ev.edits = m_surgery->history().size();
    ev.interventions = m_surgery->interventions().size();
    m_events.emplace_back(std::move(ev));
}

// [SECTION] Ending a session

std::shared_ptr<const Network> AppModel::foldedNetwork() const
{
    if (m_snap.surgery.interventions.empty()) return m_snap.model.net;
    return std::make_shared<const Network>(
        foldInterventions(*m_snap.model.net, m_snap.surgery.interventions));
}

void AppModel::endSurgery(const std::string& reason, bool keep)
{
    if (!m_surgery) return;
    SurgeryState& s = m_snap.surgery;
    const bool edited = m_surgery->edited();
    std::shared_ptr<const Network> folded = keep && edited ? foldedNetwork() : nullptr;
    const std::string name = m_snap.model.name;
    m_surgery.reset();
    m_surgeryGroup = false;
    if (m_surgeryJob) m_surgeryJob->cancel->store(true);
    const bool shown = s.shown;
    s = SurgeryState{};
    s.shown = shown;
    s.message = edited ? reason : std::string();
    if (edited) m_events.emplace_back(event::SurgeryEnded{reason});
    if (folded) setNetwork(std::move(folded), name, m_snap.model.untrained);
}

// [SECTION] Ablation and activity

void AppModel::startSurgeryJob(bool ablation)
{
    if (!m_snap.data.testSet || m_snap.data.kind != m_snap.model.net->dataset || m_session) {
        if (ablation) {
            m_snap.surgery.message = m_session ? "stop the training run before an ablation"
                                               : "the test set is not loaded yet";
            m_events.emplace_back(event::Failed{event::Failure::Surgery, m_snap.surgery.message});
        }
        return;
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<const Network> net = m_snap.model.net;
    Interventions iv = m_snap.surgery.interventions;
    std::shared_ptr<const Dataset> test = m_snap.data.testSet;
    const uint64_t version = m_snap.model.weightsVersion;
    m_snap.surgery.ablating = ablation;
    m_surgeryJob = SurgeryJob{
        cancel, std::async(std::launch::async, [=] {
            const auto start = std::chrono::steady_clock::now();
            SurgeryResult r;
            r.weightsVersion = version;
            if (ablation) {
                Rescorer rescorer(test);
                r.ablation = std::make_shared<const Ablation>(
                    ablateHiddenNeurons(rescorer, *net, iv, cancel.get()));
            }
            if (!cancel->load())
                r.activity = std::make_shared<const LayerActivity>(layerActivity(*net, *test, iv));
            r.ms = msSince(start);
            return r;
        })};
}

void AppModel::tickSurgery()
{
    SurgeryState& s = m_snap.surgery;
    if (m_surgery && m_surgeryScored != m_snap.model.weightsVersion)
        rescoreSurgery("test set loaded");
    if (!m_surgeryJob ||
        m_surgeryJob->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    const bool cancelled = m_surgeryJob->cancel->load();
    SurgeryResult r = m_surgeryJob->result.get();
    m_surgeryJob.reset();
    const bool ablation = s.ablating;
    s.ablating = false;
    if (cancelled || (r.ablation && r.ablation->cancelled)) return;
    if (r.activity) {
        s.activity = r.activity;
        s.activityWeights = r.weightsVersion;
    }
    if (!ablation || !r.ablation) return;
    s.ablation = r.ablation;
    s.ablationWeights = r.weightsVersion;
    s.ablationMs = r.ms;
    event::Ablated ev;
    ev.base = r.ablation->base;
    ev.ms = r.ms;
    ev.neurons = r.ablation->neurons.size();
    if (!r.ablation->neurons.empty()) {
        const NeuronImportance& top = r.ablation->neurons.front();
        ev.layer = top.layer;
        ev.neuron = top.neuron;
        ev.drop = top.drop;
    }
    if (r.activity)
        for (size_t l = 1; l + 1 < r.activity->dead.size(); ++l)
            ev.dead.push_back(r.activity->dead[l]);
    m_events.emplace_back(std::move(ev));
}

} // namespace nnviz::gui
