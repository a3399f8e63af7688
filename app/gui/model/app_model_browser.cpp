// AppModel, third part: the Data tab (see app_model.hpp). The browsed set comes from the
// DataStore; the shown network's answers on it are the test score's for the MNIST test set and
// otherwise computed on a background thread (a 60,000-image set takes tens of milliseconds: not
// on a frame), never during a training run, and kept per set until the weights change. The list
// of images passing the filter is recomputed when the set, the filter or the answers change.
//
// [SECTION] A set's image onto the pad
// [SECTION] The browsed set and its list
// [SECTION] Scoring in the background
#include "app/gui/model/app_model.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

namespace nnviz::gui {

// [SECTION] A set's image onto the pad

bool AppModel::putSetImage(const ImageRef& ref)
{
    const DataStore::Status st = m_data->status(ref.kind, ref.split);
    if (!st.set || ref.index >= st.set->size()) return false;
    const Dataset& d = *st.set;
    setCanvasFrom(fromBytes(d.image(ref.index), d.cols, d.rows));
    m_snap.input.fromSet = ref;
    m_snap.input.noise.reset();
    const SetAnswers scored = answersFor(ref.kind, ref.split);
    const int answer = scored.answers && ref.index < scored.answers->predicted.size()
                           ? scored.answers->predicted[ref.index]
                           : -1;
    m_events.emplace_back(
        event::SetImage{ref.kind, ref.split, ref.index, int(d.labels[ref.index]), answer});
    return true;
}

// [SECTION] The browsed set and its list

void AppModel::applyBrowse(const BrowseRequest& request)
{
    BrowserState& b = m_snap.browser;
    if (request.kind != b.kind || request.split != b.split) {
        b.kind = request.kind;
        b.split = request.split;
        b.set.reset();
        b.answers.reset();
        b.error.clear();
        b.loading = true;
        m_data->request(b.kind, b.split);
    }
    b.filter = request.filter;
    b.filter.truth = std::clamp(b.filter.truth, -1, kClassCount - 1);
    b.filter.answer = std::clamp(b.filter.answer, -1, kClassCount - 1);
    pollBrowser(true); // a loaded set's list is ready for the next frame
}

// The shown network's answers on a set as far as they go: maybe an older network's.
AppModel::SetAnswers AppModel::answersFor(DatasetKind kind, Split split) const
{
    if (scoredByRescore(kind, split))
        return {m_snap.score.test, m_snap.score.weightsVersion, m_snap.score.ms};
    return m_setAnswers[DataStore::slotOf(kind, split)];
}

void AppModel::pollBrowser(bool listChanged)
{
    BrowserState& b = m_snap.browser;
    // The shown model's test set is asked for by pollData (after the first frames); any other on
    // choice.
    if (b.loading) {
        DataStore::Status st = m_data->status(b.kind, b.split);
        if (st.requested && !st.loading) {
            b.loading = false;
            b.set = std::move(st.set);
            b.error = std::move(st.error);
            listChanged = true;
        }
    }
    takeScoring();
    if (b.set) {
        const SetAnswers a = answersFor(b.kind, b.split);
        if (a.answers != b.answers) {
            b.answers = a.answers;
            b.answersVersion = a.weightsVersion;
            listChanged = true;
        }
    }
    // Any set but the shown model's test set (rescore's) is scored here, once per network: a
    // scoring that failed (a set the network cannot read) is not tried again for the same weights.
    const bool testScore = scoredByRescore(b.kind, b.split);
    const bool due = b.set && !testScore && !m_snap.training.running &&
                     answersFor(b.kind, b.split).weightsVersion != m_snap.model.weightsVersion;
    if (due && !m_scoring) startScoring(DataStore::slotOf(b.kind, b.split), b.set);
    b.scoring = due;
    if (listChanged) updateBrowseList();
}

void AppModel::updateBrowseList()
{
    BrowserState& b = m_snap.browser;
    auto shown = std::make_shared<std::vector<uint32_t>>();
    if (b.set) *shown = browse(b.set->labels, b.answers.get(), b.filter);
    b.shown = std::move(shown);
    ++b.version;
    m_events.emplace_back(event::Browsed{b.kind, b.split, b.filter, b.shown->size(),
                                         b.set ? b.set->size() : 0, b.answers != nullptr,
                                         b.answers ? answersFor(b.kind, b.split).ms : 0.0});
}

// [SECTION] Scoring in the background

void AppModel::startScoring(size_t slot, std::shared_ptr<const Dataset> set)
{
    // The thread holds its own references: the network and the set outlive any change here.
    std::shared_ptr<const Network> net = m_snap.model.net;
    const uint64_t version = m_snap.model.weightsVersion;
    auto score = [net, set, version] {
        const auto start = std::chrono::steady_clock::now();
        SetAnswers out;
        out.weightsVersion = version;
        try {
            out.answers = std::make_shared<const Evaluation>(evaluate(*net, *set));
        } catch (const std::exception&) { // a set the network cannot read: the list stays
            out.answers = nullptr;        // unscored
        }
        const auto took = std::chrono::steady_clock::now() - start;
        out.ms = std::chrono::duration<double, std::milli>(took).count();
        return out;
    };
    m_scoring = Scoring{slot, std::async(std::launch::async, std::move(score))};
}

void AppModel::takeScoring()
{
    if (!m_scoring ||
        m_scoring->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    SetAnswers done = m_scoring->result.get();
    const size_t slot = m_scoring->slot;
    m_scoring.reset();
    m_setAnswers[slot] = std::move(done);
}

} // namespace nnviz::gui
