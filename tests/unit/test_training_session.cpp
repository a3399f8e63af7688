// Unit tests for core/training_session: a run on its own thread publishes weights while other
// threads read them (also run under ThreadSanitizer as tsan.trainer), finishes with the trained
// network, stops promptly when cancelled (also while loading or in slow motion), and ends as
// Failed with the reason when the data or the configuration is bad.

#include "core/errors.hpp"
#include "core/evaluate.hpp"
#include "core/training_session.hpp"
#include "tests/unit/same_weights.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

using namespace nnviz;
using nnviz::test::quadrants;
using nnviz::test::sameWeights;
using namespace std::chrono_literals;

namespace {

Network quadNet() { return makeNetwork({16, 8, 4}, Activation::Sigmoid, Activation::Softmax, 5); }

SessionOptions quickOptions(int epochs)
{
    SessionOptions o;
    o.config.optimizer = Optimizer::Adam;
    o.config.learningRate = 0.02f;
    o.config.batchSize = 8;
    o.config.epochs = epochs;
    o.config.seed = 4;
    o.publishSeconds = 0; // publish after every batch: the most hand-offs for the reader tests
    return o;
}

TrainingSession::Loader give(Dataset d)
{
    auto shared = std::make_shared<const Dataset>(std::move(d));
    return [shared] { return shared; };
}

// Polls until the session has ended, at most `limit`.
bool waitDone(const TrainingSession& s, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (s.progress().done())
            return true;
        std::this_thread::sleep_for(2ms);
    }
    return s.progress().done();
}

std::string stateOf(const SessionProgress& p) { return std::string(toString(p.state)); }

// The same run replayed by nnviz::train (deterministic for a seed and thread count), cancelled
// right after `batches` batches: the weights the session had then.
Network replayed(Network net, const Dataset& train, const TrainConfig& config, long long batches)
{
    std::atomic<bool> stop{false};
    long long done = 0;
    TrainCallbacks cb;
    cb.cancel = &stop;
    cb.onBatch = [&](const BatchReport&) {
        if (++done == batches) stop = true;
    };
    nnviz::train(net, train, nullptr, config, cb);
    REQUIRE(done == batches);
    return net;
}

} // namespace

TEST_CASE("training session: trains on its thread and publishes the result")
{
    const Dataset testSet = quadrants(200, 2);
    const Network start = quadNet();
    TrainingSession session(start, give(quadrants(400, 1)), give(testSet), quickOptions(4));
    session.wait();

    const SessionProgress p = session.progress();
    CHECK(stateOf(p) == "finished");
    CHECK(p.message.empty());
    CHECK(p.epoch == 4);
    CHECK(p.batchesPerEpoch == 50);
    CHECK(p.batchesDone == 200);
    REQUIRE(p.epochReports.size() == 4);
    CHECK(p.epochReports.back().testAccuracy > 0.9f);
    // The loss curve falls and covers every batch.
    REQUIRE(p.lossCurve.size() >= 4);
    CHECK(p.lossCurve.size() == p.lossAtBatch.size());
    CHECK(p.lossAtBatch.back() == 200);
    CHECK(p.lossCurve.back() < p.lossCurve.front());

    const auto trained = session.latest();
    REQUIRE(trained);
    CHECK(session.version() >= 200); // one publish per batch (publishSeconds = 0) plus the end
    CHECK(evaluate(*trained, testSet).accuracy > 0.9f);
    CHECK(evaluate(start, testSet).accuracy < 0.6f); // the start network was not trained
}

TEST_CASE("training session: readers on other threads see whole snapshots while it trains")
{
    // The data "loads" only once both readers are reading, so the run cannot end before they
    // start; 2000 images × 6 epochs = 1500 batches at most 5000 a second (≥ 0.3 s), each
    // published (publishSeconds = 0).
    std::atomic<int> readersUp{0};
    const auto trainSet = std::make_shared<const Dataset>(quadrants(2000, 1));
    TrainingSession::Loader waitForReaders = [&]() -> std::shared_ptr<const Dataset> {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (readersUp.load() < 2 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        return trainSet;
    };
    SessionOptions o = quickOptions(6);
    o.maxBatchesPerSecond = 5000;
    TrainingSession session(quadNet(), waitForReaders, give(quadrants(100, 2)), o);
    std::atomic<bool> stop{false};
    std::atomic<bool> torn{false};
    std::atomic<int> readersSawTraining{0};
    auto reader = [&] {
        ++readersUp;
        uint64_t lastVersion = 0;
        std::shared_ptr<const Network> previous = session.latest();
        int newWhileRunning = 0; // snapshots swapped in while the state said Running
        while (!stop.load()) {
            const uint64_t v = session.version();
            if (v < lastVersion) // versions never go back
                torn = true;
            lastVersion = v;
            const auto net = session.latest();
            // A snapshot is immutable: reading every weight twice gives the same sum.
            double a = 0, b = 0;
            for (const Layer& l : net->layers)
                a += double(l.W.sum()) + double(l.b.sum());
            for (const Layer& l : net->layers)
                b += double(l.W.sum()) + double(l.b.sum());
            if (a != b)
                torn = true;
            const SessionProgress p = session.progress();
            if (p.lossCurve.size() != p.lossAtBatch.size())
                torn = true;
            if (net != previous && p.state == SessionState::Running) ++newWhileRunning;
            previous = net;
        }
        // Saw the weights change under it at least twice: the hand-off happened during the run,
        // not only at its end.
        if (newWhileRunning >= 2) ++readersSawTraining;
    };
    std::thread r1(reader), r2(reader);
    const bool done = waitDone(session, 60s);
    stop = true;
    r1.join();
    r2.join();
    REQUIRE(done);
    CHECK_FALSE(torn.load());
    CHECK(readersSawTraining.load() == 2);
    CHECK(stateOf(session.progress()) == "finished");
}

TEST_CASE("training session: cancel stops in slow motion and keeps the last batch's weights")
{
    SessionOptions o = quickOptions(50);
    o.maxBatchesPerSecond = 200; // 50 epochs × 50 batches would take 12.5 s
    TrainingSession session(quadNet(), give(quadrants(400, 1)), {}, o);
    while (session.progress().batchesDone < 5)
        std::this_thread::sleep_for(1ms);
    const auto before = std::chrono::steady_clock::now();
    session.cancel();
    session.wait();
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    const SessionProgress p = session.progress();
    CHECK(stateOf(p) == "cancelled");
    CHECK(p.batchesDone >= 5);
    CHECK(p.batchesDone < 50 * 50);
    CHECK(p.epochReports.empty() == (p.batchesDone < 50));
    CHECK(waited < 2.0); // prompt, not after the remaining batches

    // The weights it ends with are those after exactly batchesDone batches: the same run replayed
    // by nnviz::train (deterministic for a seed and thread count), cancelled after that many.
    const Network replay = replayed(quadNet(), quadrants(400, 1), o.config, p.batchesDone);
    const auto last = session.latest();
    CHECK(sameWeights(*last, replay));
    CHECK_FALSE(sameWeights(*last, quadNet())); // it did train
}

TEST_CASE("training session: destroying it while the data loads cancels without hanging")
{
    std::atomic<bool> loaderRan{false}, testLoaderRan{false};
    // 4000 images × 10,000 epochs = 5,000,000 batches: seconds of work if the cancel were lost.
    std::optional<TrainingSession> session;
    session.emplace(
        quadNet(),
        [&]() -> std::shared_ptr<const Dataset> {
            loaderRan = true;
            std::this_thread::sleep_for(200ms);
            return std::make_shared<const Dataset>(quadrants(4000, 1));
        },
        [&]() -> std::shared_ptr<const Dataset> {
            testLoaderRan = true;
            return std::make_shared<const Dataset>(quadrants(100, 2));
        },
        quickOptions(10'000));
    while (!loaderRan)
        std::this_thread::sleep_for(1ms);
    const auto start = std::chrono::steady_clock::now();
    session.reset(); // ~TrainingSession: cancel + join
    const double destroySeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK_FALSE(testLoaderRan.load()); // the cancel was seen as soon as the training set loaded
    CHECK(destroySeconds < 1.0);       // the loader's 0.2 s, not 10,000 epochs
}

TEST_CASE("training session: bad data or configuration ends it as Failed with the reason")
{
    SUBCASE("the loader throws")
    {
        TrainingSession s(
            quadNet(),
            []() -> std::shared_ptr<const Dataset> {
                throw DataError("mnist/train-images-idx3-ubyte: missing (run third_party/fetch-data)");
            },
            {}, quickOptions(1));
        s.wait();
        CHECK(stateOf(s.progress()) == "failed");
        CHECK(s.progress().message.find("fetch-data") != std::string::npos);
        CHECK(s.version() == 0); // nothing published: the start network stays
    }
    SUBCASE("an empty training set")
    {
        Dataset empty;
        empty.rows = empty.cols = 4;
        TrainingSession s(quadNet(), give(empty), {}, quickOptions(1));
        s.wait();
        CHECK(stateOf(s.progress()) == "failed");
        CHECK(s.progress().message.find("no training images") != std::string::npos);
    }
    SUBCASE("a learning rate of zero")
    {
        SessionOptions o = quickOptions(1);
        o.config.learningRate = 0;
        TrainingSession s(quadNet(), give(quadrants(40, 1)), {}, o);
        s.wait();
        CHECK(stateOf(s.progress()) == "failed");
        CHECK(s.progress().message.find("learning rate") != std::string::npos);
    }
    SUBCASE("images that do not fit the network")
    {
        TrainingSession s(makeNetwork({784, 16, 10}, Activation::Sigmoid, Activation::Softmax, 1),
                          give(quadrants(40, 1)), {}, quickOptions(1));
        s.wait();
        CHECK(stateOf(s.progress()) == "failed");
        CHECK(s.progress().message.find("16-pixel") != std::string::npos);
    }
}

TEST_CASE("training session: a diverging run restores the last good epoch")
{
    SessionOptions o = quickOptions(3);
    o.config.optimizer = Optimizer::Sgd;
    o.config.learningRate = 1e30f;
    TrainingSession s(makeNetwork({16, 8, 4}, Activation::Relu, Activation::Softmax, 7),
                      give(quadrants(400, 1)), {}, o);
    s.wait();
    const SessionProgress p = s.progress();
    CHECK(stateOf(p) == "diverged");
    CHECK(p.message.find("learning rate") != std::string::npos);
    for (const Layer& l : s.latest()->layers)
        CHECK((l.W.allFinite() && l.b.allFinite()));
}

TEST_CASE("training session: each timeline entry holds the trainer's weights at its batch")
{
    const Dataset trainSet = quadrants(400, 1);
    const Network start = quadNet();
    SessionOptions o = quickOptions(3); // 50 batches an epoch
    o.timelineBytes = timelineEntryBytes(start) * 20; // small: thinning happens
    TrainingSession session(start, give(trainSet), {}, o);
    // A reader on another thread sees whole timelines all along (TSan checks the hand-off).
    std::atomic<bool> stop{false};
    std::thread reader([&] {
        while (!stop) {
            const WeightTimeline t = session.timeline();
            CHECK(t.bytes() <= t.budget());
            for (size_t i = 1; i < t.entries().size(); ++i)
                CHECK(t.entries()[i].batch > t.entries()[i - 1].batch);
            std::this_thread::sleep_for(100us);
        }
    });
    session.wait();
    stop = true;
    reader.join();
    REQUIRE(stateOf(session.progress()) == "finished");

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
        CHECK_MESSAGE(sameWeights(*e.net, replayed(start, trainSet, o.config, e.batch)),
                      "entry at batch " << e.batch);
    }
}

TEST_CASE("training session: a cancelled run's timeline ends with its last batch")
{
    SessionOptions o = quickOptions(1000);
    o.maxBatchesPerSecond = 200;
    TrainingSession session(quadNet(), give(quadrants(400, 1)), {}, o);
    while (session.progress().batchesDone < 7)
        std::this_thread::sleep_for(2ms);
    session.cancel();
    session.wait();
    const WeightTimeline t = session.timeline();
    REQUIRE(stateOf(session.progress()) == "cancelled");
    CHECK(t.entries().back().batch == session.progress().batchesDone);
    CHECK(sameWeights(*t.entries().back().net, *session.latest()));
}
#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

TEST_CASE("training session: the worker runs at the asked lower priority, and reports validation")
{
    // The loader runs on the worker thread, after the priority is set: it reads its own nice.
    auto niceOfThisThread = [] { return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid))); };
    const int base = niceOfThisThread();
    for (int niceness : {0, 3}) {
        CAPTURE(niceness);
        std::atomic<int> seen{-100};
        auto shared = std::make_shared<const Dataset>(quadrants(200, 1));
        SessionOptions o = quickOptions(2);
        o.niceness = niceness;
        o.config.validation = 40;
        TrainingSession s(quadNet(), [&seen, &niceOfThisThread, shared] {
            seen = niceOfThisThread();
            return shared;
        }, nullptr, o);
        REQUIRE(waitDone(s, 10s));
        CHECK(s.progress().batchesPerEpoch == 20); // 160 images trained on, batches of 8
        CHECK(seen.load() == std::min(19, base + niceness));
        CHECK(niceOfThisThread() == base); // the caller's thread is left alone
        const SessionProgress p = s.progress();
        REQUIRE(p.epochReports.size() == 2);
        CHECK(p.epochReports.back().validationAccuracy >= 0.0f);
    }
    // A validation split that leaves nothing to train on ends the run as Failed, with why.
    SessionOptions o = quickOptions(1);
    o.config.validation = 200;
    TrainingSession s(quadNet(), give(quadrants(200, 1)), nullptr, o);
    REQUIRE(waitDone(s, 10s));
    CHECK(stateOf(s.progress()) == "failed");
    CHECK(s.progress().message.find("validation images must be fewer than the 200") !=
          std::string::npos);
}
#endif
