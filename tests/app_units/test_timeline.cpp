// AppModel's training timeline without a window: a run's entries reach the snapshot, scrubbing
// shows an entry's exact weights (the answer and the test score follow), back to latest restores
// the trained network, playing steps through the run, and scrubbing during a run holds its place
// while the run goes on.
#include "app/gui/model/app_model.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/app_units/synthetic_mnist.hpp"
#include "tests/unit/same_weights.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <variant>

using namespace nnviz;
using nnviz::test::sameWeights;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::shortRun;
using nnviz::gui::test::tickUntil;

namespace {

template <class E> std::vector<E> eventsOf(AppModel& model)
{
    std::vector<E> got;
    for (const ModelEvent& e : model.takeEvents())
        if (const auto* x = std::get_if<E>(&e)) got.push_back(*x);
    return got;
}

// Trains `epochs` epochs of the synthetic set to the end.
void trainToEnd(AppModel& model, int epochs)
{
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));
    request(model, [&](UiRequests& r) { r.startTraining = shortRun(epochs); });
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));
    REQUIRE((snap.training.progress->state == SessionState::Finished));
}

} // namespace

TEST_CASE("timeline: a run's entries; scrubbing shows their weights; back to latest restores")
{
    TempDir dir("app-timeline");
    gui::test::writeSyntheticData(dir.path, 600, 200, 1);
    AppModel model(gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    trainToEnd(model, 3); // 60 batches an epoch
    const TimelineState& t = snap.timeline;
    const auto recorded = eventsOf<event::TimelineRecorded>(model);
    REQUIRE(recorded.size() == 1);
    REQUIRE(t.entries.size() >= 3);
    CHECK(recorded[0].snapshots == t.entries.size());
    CHECK(recorded[0].lastBatch == 180);
    CHECK(t.entries.front().batch == 0);
    CHECK(t.entries.back().batch == 180);
    CHECK(t.totalBatches == 180);
    CHECK(t.bytes <= t.budget);
    CHECK_FALSE(t.running);
    CHECK_FALSE(t.shown);
    const auto trained = snap.model.net;
    CHECK(sameWeights(*trained, *t.entries.back().net));
    // Each epoch's end has the trainer's own test accuracy from the moment the run reports it.
    for (size_t i = 0; i < t.entries.size(); ++i)
        if (t.entries[i].epochEnd) {
            const EpochReport& r =
                snap.training.progress->epochReports[size_t(t.entries[i].epoch - 1)];
            CHECK(t.accuracy[i] == doctest::Approx(r.testAccuracy));
            CHECK(t.accuracy[i] ==
                  doctest::Approx(evaluate(*t.entries[i].net, *snap.data.testSet).accuracy));
        }

    // To the start: the shown network is the entry's, and everything computed from it follows.
    request(model, [](UiRequests& r) { r.scrubTo = 0; });
    REQUIRE(t.shown == size_t(0));
    CHECK(snap.model.net == t.entries[0].net);
    CHECK_FALSE(sameWeights(*snap.model.net, *trained));
    CHECK(snap.model.name.find("start weights") != std::string::npos);
    const ForwardTrace fresh = forward(*t.entries[0].net, snap.input.pixels);
    CHECK(fresh.output().isApprox(snap.output.trace.output()));
    REQUIRE(snap.score.test);
    CHECK(snap.score.weightsVersion == snap.model.weightsVersion);
    const double startAccuracy = evaluate(*t.entries[0].net, *snap.data.testSet).accuracy;
    CHECK(snap.score.test->accuracy == doctest::Approx(startAccuracy));
    CHECK(t.accuracy[0] == doctest::Approx(startAccuracy));
    const auto scrubs = eventsOf<event::Scrubbed>(model);
    REQUIRE(scrubs.size() == 1);
    CHECK(scrubs[0].batch == 0);
    CHECK_FALSE(scrubs[0].latest);
    REQUIRE(scrubs[0].accuracy);
    CHECK(*scrubs[0].accuracy == doctest::Approx(startAccuracy));

    // To the middle, then back to the latest: the trained network itself again.
    const size_t mid = t.entries.size() / 2;
    request(model, [&](UiRequests& r) { r.scrubTo = mid; });
    CHECK(snap.model.net == t.entries[mid].net);
    CHECK(snap.model.name.find("at batch " + std::to_string(t.entries[mid].batch)) !=
          std::string::npos);
    request(model, [](UiRequests& r) { r.scrubLatest = true; });
    CHECK(snap.model.net == trained);
    CHECK(snap.model.name == "trained sigmoid (unsaved)");
    CHECK_FALSE(t.shown);
    const auto back = eventsOf<event::Scrubbed>(model);
    REQUIRE(back.size() == 2);
    CHECK(back[1].latest);
    CHECK(back[1].batch == 180);
    REQUIRE(back[1].accuracy);
    CHECK(*back[1].accuracy > startAccuracy + 0.3);

    // After the run every entry gets its test accuracy, a few per frame; it rises.
    REQUIRE(tickUntil(model, [&] {
        return std::none_of(t.accuracy.begin(), t.accuracy.end(),
                            [](float a) { return std::isnan(a); });
    }));
    CHECK(t.accuracy.back() > t.accuracy.front() + 0.3f);
    CHECK_FALSE(model.animating());
}

TEST_CASE("timeline: play steps through the run and ends on the latest weights; A leaves it")
{
    TempDir dir("app-timeline-play");
    gui::test::writeSyntheticData(dir.path, 600, 200, 2);
    AppModel model(gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    trainToEnd(model, 2);
    const auto trained = snap.model.net;
    model.takeEvents();

    request(model, [](UiRequests& r) { r.playTimeline = true; });
    CHECK(snap.timeline.playing);
    CHECK(snap.timeline.shown == size_t(0));
    CHECK(model.animating());
    int ticks = 0;
    while (snap.timeline.playing && ticks++ < 1000)
        model.tick(0.05);
    CHECK_FALSE(snap.timeline.playing);
    CHECK(snap.model.net == trained);
    const auto steps = eventsOf<event::Scrubbed>(model);
    CHECK(steps.size() >= 3);
    for (size_t i = 1; i + 1 < steps.size(); ++i)
        CHECK(steps[i].batch > steps[i - 1].batch);
    CHECK(steps.back().latest);

    // Another network on screen (A swaps to the bundled ReLU model) leaves the timeline.
    request(model, [](UiRequests& r) { r.scrubTo = 1; });
    REQUIRE(snap.timeline.shown);
    model.toggleActivation();
    request(model, [](UiRequests&) {});
    CHECK_FALSE(snap.timeline.shown);
    CHECK((snap.model.net->hidden == Activation::Relu));
}

TEST_CASE("timeline: scrubbing during a run holds its place; back to latest follows the run")
{
    TempDir dir("app-timeline-run");
    gui::test::writeSyntheticData(dir.path, 600, 200, 3);
    AppModel model(gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));
    TrainRequest slow = shortRun(50);
    slow.maxBatchesPerSecond = 100;
    request(model, [&](UiRequests& r) { r.startTraining = slow; });
    REQUIRE(tickUntil(model, [&] { return snap.timeline.entries.size() >= 4; }));
    CHECK(snap.timeline.running);

    request(model, [](UiRequests& r) { r.scrubTo = 1; });
    const auto held = snap.model.net;
    const long long batch = snap.timeline.entries[1].batch;
    const long long before = snap.training.progress->batchesDone;
    REQUIRE(tickUntil(model, [&] { return snap.training.progress->batchesDone > before + 20; }));
    CHECK(snap.model.net == held); // the run's new weights do not replace it
    REQUIRE(snap.timeline.shown);
    CHECK(snap.timeline.entries[*snap.timeline.shown].batch == batch);

    request(model, [](UiRequests& r) { r.scrubLatest = true; });
    CHECK(snap.model.net != held);
    CHECK(snap.model.name.rfind("training", 0) == 0); // the run's live network
    request(model, [](UiRequests& r) { r.stopTraining = true; });
    REQUIRE(tickUntil(
        model, [&] { return !snap.training.running; }, 5));
    CHECK(snap.timeline.entries.back().batch == snap.training.progress->batchesDone);
}
