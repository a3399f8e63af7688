// Unit tests for core/weight_timeline and the training session's recording into it: the memory
// budget holds for long runs and large networks, thinning keeps the first and latest entries and
// spreads the rest evenly, and every entry holds exactly the weights the trainer had at its batch.
#include "core/training_session.hpp"
#include "core/weight_timeline.hpp"
#include "tests/unit/same_weights.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

using namespace nnviz;
using nnviz::test::quadrants;
using nnviz::test::sameWeights;

namespace {

// Records a synthetic run of `epochs` × `perEpoch` batches of one (shared) network, as the
// session does, checking the budget after every entry. Returns the timeline.
WeightTimeline simulate(const std::shared_ptr<const Network>& net, int epochs, int perEpoch,
                        size_t budget)
{
    WeightTimeline t(budget);
    t.record({0, 0, 0, NAN, false, net});
    long long done = 0;
    for (int e = 1; e <= epochs; ++e)
        for (int b = 1; b <= perEpoch; ++b) {
            ++done;
            const bool end = b == perEpoch;
            if (!t.due(done, e, end)) continue;
            t.record({done, e, b, 1.0f / float(done), end, net});
            REQUIRE(t.bytes() <= budget);
            REQUIRE(t.bytes() == t.entries().size() * timelineEntryBytes(*net));
            REQUIRE(t.entries().back().batch == done); // the latest is always kept
            REQUIRE(t.entries().front().batch == 0);   // and the start
        }
    return t;
}

// The regular entries (not the start, not epoch ends, not the latest) sit on the interval's
// grid, and no two neighbours are further apart than the interval.
void checkSpread(const WeightTimeline& t)
{
    const auto& e = t.entries();
    for (size_t i = 1; i < e.size(); ++i) {
        CHECK(e[i].batch > e[i - 1].batch);
        if (!e[i].epochEnd && i + 1 < e.size()) CHECK(e[i].batch % t.interval() == 0);
    }
    long long widest = 0;
    for (size_t i = 1; i + 1 < e.size(); ++i)
        widest = std::max(widest, e[i].batch - e[i - 1].batch);
    CHECK(widest <= t.interval());
}

std::shared_ptr<const Network> net(const std::vector<int>& sizes)
{
    return std::make_shared<const Network>(
        makeNetwork(sizes, Activation::Sigmoid, Activation::Softmax, 1));
}

} // namespace

TEST_CASE("weight timeline: an entry costs its parameters as float32 and a little more")
{
    const auto video = net({784, 16, 16, 10});
    CHECK(timelineEntryBytes(*video) >= 13002 * 4);
    CHECK(timelineEntryBytes(*video) < 13002 * 4 + 1024);
}

TEST_CASE("weight timeline: 30 epochs of the video's network stay within 32 MiB, spread evenly")
{
    const auto video = net({784, 16, 16, 10});
    const WeightTimeline t = simulate(video, 30, 1875, kDefaultTimelineBudget);
    const size_t capacity = kDefaultTimelineBudget / timelineEntryBytes(*video);
    MESSAGE("784-16-16-10, 30 × 1875 batches: " << t.entries().size() << " entries of at most "
                                                << capacity << ", " << t.bytes()
                                                << " bytes, interval " << t.interval());
    CHECK(t.entries().size() > capacity / 3); // thinning halves, never empties
    checkSpread(t);
    const auto ends = std::count_if(t.entries().begin(), t.entries().end(),
                                    [](const TimelineEntry& e) { return e.epochEnd; });
    CHECK(ends == 30); // every epoch end fits
    CHECK(std::isnan(t.entries().front().loss));
}

TEST_CASE("weight timeline: the largest window network over 200 epochs stays within budget")
{
    const auto large = net({784, 128, 128, 128, 128, 10});
    const WeightTimeline t = simulate(large, 200, 1875, kDefaultTimelineBudget);
    const size_t capacity = kDefaultTimelineBudget / timelineEntryBytes(*large);
    MESSAGE("784-128-128-128-128-10, 200 × 1875 batches: "
            << t.entries().size() << " of " << capacity << ", " << t.bytes() << " bytes");
    CHECK(t.entries().size() > capacity / 4);
    checkSpread(t);
    // Epoch ends past half the room are thinned too, evenly: a constant step between them.
    std::vector<int> ends;
    for (const TimelineEntry& e : t.entries())
        if (e.epochEnd) ends.push_back(e.epoch);
    REQUIRE(ends.size() >= 3);
    CHECK(ends.size() <= capacity / 2);
    for (size_t i = 2; i < ends.size(); ++i)
        CHECK(ends[i] - ends[i - 1] == ends[1] - ends[0]);
}

TEST_CASE("weight timeline: a budget too small for two networks keeps nothing")
{
    const auto video = net({784, 16, 16, 10});
    WeightTimeline t(timelineEntryBytes(*video) * 2 - 1);
    t.record({0, 0, 0, NAN, false, video});
    CHECK_FALSE(t.enabled());
    CHECK(t.entries().empty());
    CHECK(t.bytes() == 0);
    CHECK_FALSE(t.due(0, 0, false));

    // Exactly the start and the latest (the run's last batch is recorded whether due or not).
    WeightTimeline two(timelineEntryBytes(*video) * 2);
    for (long long b = 0; b <= 100; ++b)
        if (two.due(b, 1, false) || b == 100) two.record({b, 1, int(b), 0.5f, false, video});
    REQUIRE(two.entries().size() == 2);
    CHECK(two.entries().front().batch == 0);
    CHECK(two.entries().back().batch == 100);
}

TEST_CASE("training session: each timeline entry holds the trainer's weights at its batch")
{
    const Dataset trainSet = quadrants(400, 1);
    const Network start = makeNetwork({16, 8, 4}, Activation::Sigmoid, Activation::Softmax, 5);
    SessionOptions o;
    o.config.optimizer = Optimizer::Adam;
    o.config.learningRate = 0.02f;
    o.config.batchSize = 8; // 50 batches an epoch
    o.config.epochs = 3;
    o.config.seed = 4;
    o.timelineBytes = timelineEntryBytes(start) * 20; // small: thinning happens
    auto shared = std::make_shared<const Dataset>(trainSet);
    TrainingSession session(
        start, [shared] { return shared; }, {}, o);
    session.wait();
    REQUIRE((session.progress().state == SessionState::Finished));

    const WeightTimeline t = session.timeline();
    CHECK(session.timelineVersion() > t.entries().size()); // thinned along the way
    REQUIRE(t.entries().size() >= 10);
    CHECK(t.entries().size() <= 20);
    CHECK(t.interval() > 1);
    CHECK(t.entries().front().batch == 0);
    CHECK(t.entries().back().batch == 150);
    CHECK(sameWeights(*t.entries().front().net, start));
    CHECK(sameWeights(*t.entries().back().net, *session.latest()));
    for (const TimelineEntry& e : t.entries()) {
        if (e.batch == 0) continue;
        CHECK(e.batch == (e.epoch - 1) * 50 + e.batchInEpoch);
        CHECK(std::isfinite(e.loss));
        CHECK(e.loss > 0);
        // The same training stopped right after batch e.batch.
        Network net = start;
        std::atomic<bool> stop{false};
        long long seen = 0;
        TrainCallbacks cb;
        cb.cancel = &stop;
        cb.onBatch = [&](const BatchReport&) {
            if (++seen == e.batch) stop = true;
        };
        train(net, trainSet, nullptr, o.config, cb);
        CHECK_MESSAGE(sameWeights(*e.net, net), "entry at batch " << e.batch);
    }
}

TEST_CASE("training session: a cancelled run's timeline ends with its last batch")
{
    const Network start = makeNetwork({16, 8, 4}, Activation::Sigmoid, Activation::Softmax, 5);
    SessionOptions o;
    o.config.batchSize = 8;
    o.config.epochs = 1000;
    o.maxBatchesPerSecond = 200;
    auto shared = std::make_shared<const Dataset>(quadrants(400, 1));
    TrainingSession session(
        start, [shared] { return shared; }, {}, o);
    while (session.progress().batchesDone < 7)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    session.cancel();
    session.wait();
    const WeightTimeline t = session.timeline();
    REQUIRE((session.progress().state == SessionState::Cancelled));
    CHECK(t.entries().back().batch == session.progress().batchesDone);
    CHECK(sameWeights(*t.entries().back().net, *session.latest()));
}
