// Unit tests for core/weight_timeline: the memory budget holds for long runs and large networks,
// thinning keeps the first and latest entries and spreads the rest evenly. (The training
// session's recording into it: test_training_session.cpp, also run under ThreadSanitizer.)
#include "core/weight_timeline.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace nnviz;

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

TEST_CASE("weight timeline: 30 epochs of the video's network stay within 8 MiB, spread evenly")
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
    // The thinning of epoch ends needs room for a few dozen: 32 MiB (the default, 8 MiB, holds 13).
    constexpr size_t budget = size_t(32) << 20;
    const auto large = net({784, 128, 128, 128, 128, 10});
    const WeightTimeline t = simulate(large, 200, 1875, budget);
    const size_t capacity = budget / timelineEntryBytes(*large);
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
