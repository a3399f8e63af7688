// AppModel, fifth part: the Compare tab (see app_model.hpp, CompareState in snapshot.hpp). Once
// the tab has shown, a second network reads the shown one's pixels after every change (one more
// forward pass, under a microsecond for the bundled models); what takes longer, its test-set
// score and, for ReLU networks, each network's neuron activity on the test set (the dead-neuron
// counts), runs on a background thread, one job at a time, once per network.
//
// [SECTION] Choosing the second network
// [SECTION] Swapping the two
// [SECTION] Following the input
// [SECTION] Test-set figures in the background
#include "app/gui/model/app_model.hpp"

#include "core/errors.hpp"
#include "core/model_file.hpp"

#include <chrono>
#include <exception>

namespace nnviz::gui {
namespace fs = std::filesystem;

namespace {

const char* datasetTitle(DatasetKind kind)
{
    return kind == DatasetKind::Fashion ? "Fashion-MNIST" : "MNIST";
}

// "784 inputs into 10 classes of MNIST".
std::string readsText(const Network& net)
{
    return std::to_string(net.inputSize()) + " inputs into " + std::to_string(net.outputSize()) +
           " classes of " + datasetTitle(net.dataset);
}

// A ReLU network's dead neurons per hidden layer (empty for sigmoid or before they are counted).
std::vector<int> hiddenDead(const LayerActivity* activity)
{
    if (!activity || activity->dead.size() < 2) return {};
    return {activity->dead.begin() + 1, activity->dead.end() - 1};
}

} // namespace

// [SECTION] Choosing the second network

void AppModel::applyCompare(const UiRequests& req)
{
    CompareState& c = m_snap.compare;
    const bool opened = req.compareShown && !c.shown;
    c.shown = req.compareShown;
    if (req.compareWith) chooseCompare(*req.compareWith);
    if (req.compareSwap) swapCompare();
    if (opened) {
        c.active = true;
        recomputeCompare(); // the first time: resolves the second network; emits
    }
}

void AppModel::chooseCompare(const CompareChoice& choice)
{
    CompareState& c = m_snap.compare;
    c.active = true;
    switch (choice.source) {
    case CompareSource::Partner:
        c.choice = choice;
        c.message.clear();
        c.failed = false;
        recomputeCompare();
        return;
    case CompareSource::Pinned:
        setCompared(m_snap.model.net, m_snap.model.name, choice);
        return;
    case CompareSource::File:
        break;
    }
    std::shared_ptr<const Network> net;
    try {
        net = std::make_shared<const Network>(loadModel(choice.file));
    } catch (const std::exception& e) { // ModelFileError, or out of memory: the second one stays
        c.message = e.what();
        c.failed = true;
        ++c.version;
        m_events.emplace_back(event::Failed{event::Failure::CompareModel, c.message});
        return;
    }
    setCompared(std::move(net), choice.file.filename().string(), choice);
}

bool AppModel::setCompared(std::shared_ptr<const Network> net, std::string name,
                           const CompareChoice& choice)
{
    CompareState& c = m_snap.compare;
    if (std::string misfit = compareMisfit(*net, name); !misfit.empty()) {
        c.message = std::move(misfit);
        c.failed = true;
        ++c.version;
        m_events.emplace_back(event::Failed{event::Failure::CompareModel, c.message});
        return false;
    }
    c.choice = choice;
    c.net = std::move(net);
    c.name = std::move(name);
    c.message.clear();
    c.failed = false;
    recomputeCompare();
    return true;
}

// Why net cannot stand beside the shown network (another input, other classes), naming it; empty
// when it fits. Hidden layers may differ in number, size and function.
std::string AppModel::compareMisfit(const Network& net, const std::string& what) const
{
    const Network& shown = *m_snap.model.net;
    if (net.inputSize() == shown.inputSize() && net.outputSize() == shown.outputSize() &&
        net.dataset == shown.dataset)
        return {};
    return what + " reads " + readsText(net) + ", the shown network " + readsText(shown) +
           ": two networks compare only on the same input and classes";
}

// [SECTION] Swapping the two

// The second network becomes the shown one (taking its bundled slot, as an opened model file
// does, so A swaps from it), and the shown one goes beside it: as the partner when it is the new
// one's, else pinned as it was.
void AppModel::swapCompare()
{
    CompareState& c = m_snap.compare;
    if (!c.net) return;
    if (m_session) {
        c.message = "stop the training run before swapping the networks";
        c.failed = true;
        ++c.version;
        m_events.emplace_back(event::Failed{event::Failure::CompareModel, c.message});
        return;
    }
    std::shared_ptr<const Network> next = c.net, before = m_snap.model.net;
    std::string nextName = c.name;
    const int slot = slotOf(*next);
    const bool untrained = m_bundled[slot] == next && m_bundledUntrained[slot];
    m_bundled[slot] = next;
    m_bundledName[slot] = nextName;
    m_bundledUntrained[slot] = untrained;
    c.choice = {};
    if (m_bundled[partnerSlot(*next)] != before) {
        c.choice.source = CompareSource::Pinned;
        c.net = before;
        c.name = m_snap.model.name;
    }
    c.message = "swapped: " + nextName + " is shown now";
    c.failed = false;
    startSweep();
    setNetwork(next, nextName, untrained); // recomputes both answers
}

// [SECTION] Following the input

// The second network on the shown network's pixels; the partner followed; a second network that
// no longer fits (the shown one reads the other dataset now) gives way to the partner.
void AppModel::recomputeCompare()
{
    CompareState& c = m_snap.compare;
    if (!c.active) return;
    const Network& shown = *m_snap.model.net;
    if (c.choice.source != CompareSource::Partner && c.net &&
        !compareMisfit(*c.net, c.name).empty()) {
        c.message = c.name + " reads " + datasetTitle(c.net->dataset) + ", the shown network " +
                    datasetTitle(shown.dataset) + ": comparing with the other bundled model";
        c.failed = false;
        c.choice = {};
    }
    if (c.choice.source == CompareSource::Partner) {
        const int slot = partnerSlot(shown);
        c.net = m_bundled[slot];
        c.name = m_bundledName[slot];
    }
    if (c.net != m_statsSecond) { // another second network: its figures are to come
        c.test.reset();
        c.activity.reset();
        m_statsSecond.reset();
    }
    if (m_snap.model.net != m_statsShown) {
        c.shownActivity.reset();
        m_statsShown.reset();
    }
    forward(*c.net, m_snap.input.pixels, c.trace);
    const Eigen::VectorXf& out = c.trace.output();
    c.answer = argmax(out);
    c.confidence = out[c.answer];
    ++c.version;
    if (c.shown) emitCompare();
}

void AppModel::emitCompare()
{
    const CompareState& c = m_snap.compare;
    if (!c.net) return;
    auto side = [](const std::string& name, const ForwardTrace& trace, int answer,
                   const Evaluation* test, const LayerActivity* activity) {
        event::Compared::Side s;
        s.name = name;
        s.answer = answer;
        s.outputs.assign(trace.output().data(), trace.output().data() + trace.output().size());
        if (test) s.accuracy = test->accuracy;
        s.dead = hiddenDead(activity);
        return s;
    };
    event::Compared e;
    e.a = side(m_snap.model.name, m_snap.output.trace, m_snap.output.answer, shownScore().get(),
               c.shownActivity.get());
    e.b = side(c.name, c.trace, c.answer, c.test.get(), c.activity.get());
    e.differ = c.differ(m_snap.output, m_snap.input.ink);
    e.source = c.choice.source;
    if (c.disagreements) e.disagreements = c.disagreements->size();
    m_events.emplace_back(std::move(e));
}

// [SECTION] Test-set figures in the background

void AppModel::pollCompare()
{
    CompareState& c = m_snap.compare;
    bool changed = false;
    if (m_compareJob &&
        m_compareJob->result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        CompareJob job = std::move(*m_compareJob);
        m_compareJob.reset();
        CompareStats stats = job.result.get();
        if (job.second && job.net == c.net) {
            c.test = std::move(stats.test);
            c.activity = std::move(stats.activity);
            m_statsSecond = job.net;
            changed = true;
        } else if (!job.second && job.net == m_snap.model.net) {
            c.shownActivity = std::move(stats.activity);
            m_statsShown = job.net;
            changed = true;
        }
    }
    if (c.active && !m_compareJob) startNextCompareJob();
    if (c.working != m_compareJob.has_value()) {
        c.working = m_compareJob.has_value();
        changed = true;
    }
    changed |= updateDisagreements();
    if (!changed) return;
    ++c.version;
    if (c.shown) emitCompare();
}

// The second network's figures first (once per network), then the shown one's activity (ReLU
// only, not while a run changes it many times a second). Both need the shown dataset's test set.
void AppModel::startNextCompareJob()
{
    const CompareState& c = m_snap.compare;
    const std::shared_ptr<const Dataset> set = m_snap.data.testSet;
    if (!set || m_snap.data.kind != m_snap.model.net->dataset) return;
    if (c.net && m_statsSecond != c.net) {
        m_statsSecond = c.net;
        startCompareJob(c.net, true, set);
    } else if (m_snap.model.net->hidden == Activation::Relu && !m_snap.training.running &&
               m_statsShown != m_snap.model.net) {
        m_statsShown = m_snap.model.net;
        startCompareJob(m_snap.model.net, false, set);
    }
}

void AppModel::startCompareJob(std::shared_ptr<const Network> net, bool second,
                               std::shared_ptr<const Dataset> set)
{
    // The thread holds its own references: the network and the set outlive any change here.
    auto work = [net, second, set] {
        CompareStats stats;
        try {
            if (second) stats.test = std::make_shared<const Evaluation>(evaluate(*net, *set));
            if (net->hidden == Activation::Relu)
                stats.activity = std::make_shared<const LayerActivity>(layerActivity(*net, *set));
        } catch (const std::exception&) { // a set the network cannot read: no figures
        }
        return stats;
    };
    m_compareJob = CompareJob{std::move(net), second, std::async(std::launch::async, work)};
}

// The test images the two networks answer differently, when both scores are of the networks on
// screen; true when the list changed.
bool AppModel::updateDisagreements()
{
    CompareState& c = m_snap.compare;
    const std::shared_ptr<const Evaluation> a = shownScore();
    if (a == m_disagreeFrom[0] && c.test == m_disagreeFrom[1]) return false;
    m_disagreeFrom[0] = a;
    m_disagreeFrom[1] = c.test;
    c.disagreements.reset();
    if (a && c.test && a->predicted.size() == c.test->predicted.size()) {
        auto list = std::make_shared<std::vector<uint32_t>>();
        for (size_t i = 0; i < a->predicted.size(); ++i)
            if (a->predicted[i] != c.test->predicted[i]) list->push_back(uint32_t(i));
        c.disagreements = std::move(list);
    }
    return true;
}

// The shown network's test score when it is of the weights on screen (else null).
std::shared_ptr<const Evaluation> AppModel::shownScore() const
{
    const ScoreState& s = m_snap.score;
    return s.weightsVersion == m_snap.model.weightsVersion ? s.test : nullptr;
}

} // namespace nnviz::gui
