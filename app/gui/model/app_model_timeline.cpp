// AppModel, third part: the training run's weight timeline (see app_model.hpp). The session's
// entries are taken every frame; scrubbing makes an entry's network the shown model (so the
// network view, the weight maps, the answer and the Mistakes tab follow it with no work of their
// own), scores it on the test set at once (a few ms) and caches its accuracy; playing steps
// through the entries; after a run every entry is scored, a few per frame, for the accuracy curve.
#include "app/gui/model/app_model.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <malloc.h>

namespace nnviz::gui {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kPlaySeconds = 8.0;   // a whole timeline plays in about this long...
constexpr double kMinPlayRate = 4.0;   // ...but never slower than this many entries a second
constexpr double kScoreBudgetMs = 4.0; // per frame, scoring entries after a run

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// 0, n/2, n/4, 3n/4, n/8, ...: the order to score entries in, so the curve takes shape at once.
// Returned reversed (the next one last, to pop).
std::vector<size_t> coarseToFine(size_t n)
{
    std::vector<size_t> order;
    std::vector<bool> added(n, false);
    size_t step = 1;
    while (step * 2 < n)
        step *= 2;
    for (; step > 0; step /= 2)
        for (size_t i = 0; i < n; i += step)
            if (!added[i]) {
                added[i] = true;
                order.push_back(i);
            }
    std::reverse(order.begin(), order.end());
    return order;
}

} // namespace

void AppModel::resetTimeline()
{
    m_snap.timeline = TimelineState{};
    m_snap.timeline.running = true;
    m_seenTimeline = 0;
    m_scrubNet.reset();
    m_entryAccuracy.clear();
    m_scoreOrder.clear();
    m_timelineSlot = m_trainSlot;
    m_timelineName =
        std::string(toString(m_trainSlot == 1 ? Activation::Relu : Activation::Sigmoid)) + " run";
    timelineChanged();
}

void AppModel::pollTimeline(const SessionProgress& p)
{
    TimelineState& t = m_snap.timeline;
    t.totalBatches = (long long)p.batchesPerEpoch * p.epochs;
    // The trainer scores each epoch's end on the same test set: those points of the accuracy
    // curve come for free during the run.
    bool scored = false;
    for (const EpochReport& r : p.epochReports)
        if (r.testAccuracy >= 0)
            scored |=
                m_entryAccuracy.emplace((long long)r.epoch * p.batchesPerEpoch, r.testAccuracy)
                    .second;
    if (scored) timelineChanged();
    if (const uint64_t v = m_session->timelineVersion(); v != m_seenTimeline) {
        m_seenTimeline = v;
        const WeightTimeline w = m_session->timeline();
        t.entries = w.entries();
        t.bytes = w.bytes();
        t.budget = w.budget();
        t.interval = w.interval();
        t.enabled = w.enabled();
        if (t.shown && !t.entries.empty()) { // thinned meanwhile: the last entry up to it
            const auto after =
                std::upper_bound(t.entries.begin(), t.entries.end(), m_scrubBatch,
                                 [](long long b, const TimelineEntry& e) { return b < e.batch; });
            t.shown = size_t(std::max<std::ptrdiff_t>(0, after - t.entries.begin() - 1));
        }
        timelineChanged();
    }
    if (!p.done()) return;
    t.running = false;
    if (!t.entries.empty())
        m_events.emplace_back(event::TimelineRecorded{t.entries.size(), t.bytes, t.budget,
                                                      t.interval, t.entries.back().batch});
    m_scoreOrder = coarseToFine(t.entries.size());
    timelineChanged();
}

void AppModel::applyTimeline(const UiRequests& req)
{
    TimelineState& t = m_snap.timeline;
    if (req.playTimeline && *req.playTimeline && !t.entries.empty()) {
        // From where it is, or from the start when it shows the latest or the last entry.
        const bool fromStart = !t.shown || *t.shown + 1 >= t.entries.size();
        m_playPosition = fromStart ? 0.0 : double(*t.shown);
        t.playing = true;
        scrubTo(size_t(m_playPosition));
    } else if (req.playTimeline) {
        t.playing = false;
        timelineChanged();
    }
    if (req.scrubTo && *req.scrubTo < t.entries.size()) {
        t.playing = false;
        scrubTo(*req.scrubTo);
    }
    if (req.scrubLatest) {
        t.playing = false;
        followLatest();
    }
    // Anything else that changed the shown network (A, Open, a new run) leaves the timeline.
    if (t.shown && m_snap.model.net != m_scrubNet) {
        t.shown.reset();
        t.playing = false;
        m_scrubNet.reset();
        timelineChanged();
    }
}

void AppModel::scrubTo(size_t i)
{
    TimelineState& t = m_snap.timeline;
    if (t.shown == i && m_snap.model.net == m_scrubNet) return;
    const auto start = Clock::now();
    const TimelineEntry& e = t.entries[i];
    m_scrubNet = e.net;
    m_scrubBatch = e.batch;
    t.shown = i;
    setNetwork(e.net,
               m_timelineName +
                   (e.batch == 0 ? ", start weights" : " at batch " + withThousands(e.batch)),
               false);
    const std::optional<double> accuracy = scoreEntry(i);
    m_events.emplace_back(event::Scrubbed{e.batch, e.epoch, false, accuracy, msSince(start)});
    timelineChanged();
}

void AppModel::followLatest()
{
    TimelineState& t = m_snap.timeline;
    if (!t.shown) return;
    const auto start = Clock::now();
    t.shown.reset();
    m_scrubNet.reset();
    const int s = m_timelineSlot;
    setNetwork(m_bundled[s], m_bundledName[s], m_bundledUntrained[s]);
    rescore(); // now rather than next tick (not during a run: its weights change all the time)
    std::optional<double> accuracy;
    if (m_snap.score.test && m_snap.score.weightsVersion == m_snap.model.weightsVersion)
        accuracy = m_snap.score.test->accuracy;
    const long long last = t.entries.empty() ? 0 : t.entries.back().batch;
    const int epoch = t.entries.empty() ? 0 : t.entries.back().epoch;
    m_events.emplace_back(event::Scrubbed{last, epoch, true, accuracy, msSince(start)});
    timelineChanged();
}

std::optional<double> AppModel::scoreEntry(size_t i)
{
    const Dataset* test = m_snap.data.testSet.get();
    if (!test) return std::nullopt;
    const TimelineEntry& e = m_snap.timeline.entries[i];
    const auto start = Clock::now();
    ScoreState& s = m_snap.score;
    s.test = std::make_shared<const Evaluation>(evaluate(*e.net, *test));
    s.ms = msSince(start);
    s.weightsVersion = m_snap.model.weightsVersion; // rescore() has nothing left to do
    m_entryAccuracy[e.batch] = float(s.test->accuracy);
    return s.test->accuracy;
}

void AppModel::tickTimeline(double dt)
{
    TimelineState& t = m_snap.timeline;
    if (t.playing) {
        const size_t n = t.entries.size();
        m_playPosition += dt * std::max(kMinPlayRate, double(n) / kPlaySeconds);
        if (size_t(m_playPosition) >= n) { // the end: back to the live (or trained) weights
            t.playing = false;
            followLatest();
        } else {
            scrubTo(size_t(m_playPosition));
        }
    }
    // After a run, every entry's test accuracy, a few milliseconds a frame.
    const Dataset* test = m_snap.data.testSet.get();
    if (t.running || !test || m_scoreOrder.empty()) return;
    const auto start = Clock::now();
    while (!m_scoreOrder.empty() && msSince(start) < kScoreBudgetMs) {
        const size_t i = m_scoreOrder.back();
        m_scoreOrder.pop_back();
        if (i < t.entries.size() && !m_entryAccuracy.count(t.entries[i].batch))
            m_entryAccuracy[t.entries[i].batch] =
                float(evaluate(*t.entries[i].net, *test).accuracy);
    }
    // The run is over: give back the pages its freed memory left in the heap (the training set,
    // the snapshots thinning dropped, the scoring's buffers), which the window's malloc settings
    // otherwise keep (window_app.cpp: blocks under 32 MB stay for reuse).
    if (m_scoreOrder.empty()) malloc_trim(0);
    timelineChanged();
}

bool AppModel::timelineBusy() const
{
    const TimelineState& t = m_snap.timeline;
    // Entries left to score (the order may still hold entries a scrub has scored meanwhile).
    const bool unscored = std::any_of(t.accuracy.begin(), t.accuracy.end(),
                                      [](float a) { return std::isnan(a); });
    return t.playing || (!t.running && m_snap.data.testSet && !m_scoreOrder.empty() && unscored);
}

void AppModel::timelineChanged()
{
    TimelineState& t = m_snap.timeline;
    t.accuracy.assign(t.entries.size(), NAN);
    for (size_t i = 0; i < t.entries.size(); ++i)
        if (const auto it = m_entryAccuracy.find(t.entries[i].batch); it != m_entryAccuracy.end())
            t.accuracy[i] = it->second;
    ++t.version;
}

} // namespace nnviz::gui
