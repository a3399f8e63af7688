// Unit tests for core/trainer on a small synthetic problem (4 classes of 4×4 images): every
// optimizer converges, runs are bit-for-bit reproducible for a seed and thread count,
// cancellation and divergence are handled, and bad configurations are refused.

#include "core/errors.hpp"
#include "core/evaluate.hpp"
#include "core/random.hpp"
#include "core/trainer.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <limits>
#include <cmath>

using namespace nnviz;
using nnviz::test::quadrants;

namespace {

Network smallNet(Activation output = Activation::Softmax, uint64_t seed = 7)
{
    return makeNetwork({16, 8, 4}, Activation::Sigmoid, output, seed);
}

TrainConfig smallConfig(Optimizer o, float lr)
{
    TrainConfig cfg;
    cfg.optimizer = o;
    cfg.learningRate = lr;
    cfg.batchSize = 16;
    cfg.epochs = 8;
    cfg.seed = 3;
    return cfg;
}

bool sameWeights(const Network& a, const Network& b)
{
    for (size_t l = 0; l < a.layers.size(); ++l)
        if (a.layers[l].W != b.layers[l].W || a.layers[l].b != b.layers[l].b) return false;
    return true;
}

bool allFinite(const Network& net)
{
    for (const Layer& layer : net.layers)
        if (!layer.W.allFinite() || !layer.b.allFinite()) return false;
    return true;
}

} // namespace

TEST_CASE("trainer: every optimizer learns the quadrant problem to ≥ 95%")
{
    const Dataset trainSet = quadrants(400, 1), testSet = quadrants(200, 2);
    struct Case {
        Optimizer optimizer;
        float lr;
        Cost cost;
        Activation output;
        Schedule schedule;
    };
    const Case cases[] = {
        {Optimizer::Sgd, 0.5f, Cost::CrossEntropy, Activation::Softmax, Schedule::Constant},
        {Optimizer::Momentum, 0.1f, Cost::CrossEntropy, Activation::Softmax, Schedule::Constant},
        {Optimizer::Adam, 0.02f, Cost::CrossEntropy, Activation::Softmax, Schedule::Constant},
        {Optimizer::Adam, 0.02f, Cost::CrossEntropy, Activation::Softmax, Schedule::Cosine},
        // The video's set-up: sigmoid output, quadratic cost, plain SGD (Nielsen uses η = 3).
        {Optimizer::Sgd, 3.0f, Cost::Mse, Activation::Sigmoid, Schedule::Constant},
    };
    for (const Case& c : cases) {
        CAPTURE(toString(c.optimizer));
        CAPTURE(toString(c.cost));
        CAPTURE(toString(c.schedule));
        Network net = smallNet(c.output);
        TrainConfig cfg = smallConfig(c.optimizer, c.lr);
        cfg.cost = c.cost;
        cfg.schedule = c.schedule;
        int epochCalls = 0, batchCalls = 0;
        TrainCallbacks cb;
        cb.onEpoch = [&](const EpochReport& r, const Network&) {
            ++epochCalls;
            CHECK(r.epoch == epochCalls);
            CHECK(r.testAccuracy >= 0.0f);
        };
        cb.onBatch = [&](const BatchReport& r) {
            ++batchCalls;
            CHECK(r.batchesPerEpoch == 25);
            CHECK(std::isfinite(r.loss));
        };
        const TrainResult result = train(net, trainSet, &testSet, cfg, cb);
        CHECK_FALSE(result.cancelled);
        CHECK_FALSE(result.diverged);
        CHECK(result.epochsDone == 8);
        CHECK(epochCalls == 8);
        CHECK(batchCalls == 8 * 25);
        REQUIRE(result.epochs.size() == 8);
        CHECK(result.epochs.back().trainLoss < result.epochs.front().trainLoss);
        CHECK(result.epochs.back().testAccuracy >= 0.95f);
        CHECK(evaluate(net, testSet).accuracy >= 0.95);
    }
}

TEST_CASE("trainer: same seed and thread count give bit-identical weights")
{
    const Dataset trainSet = quadrants(300, 1); // 300 / 32: the last batch is short
    for (int threads : {1, 2, 3}) {
        CAPTURE(threads);
        TrainConfig cfg = smallConfig(Optimizer::Adam, 0.01f);
        cfg.batchSize = 32;
        cfg.epochs = 3;
        cfg.threads = threads;
        Network a = smallNet(), b = smallNet();
        train(a, trainSet, nullptr, cfg);
        train(b, trainSet, nullptr, cfg);
        CHECK(sameWeights(a, b));
        CHECK_FALSE(sameWeights(a, smallNet())); // it did train

        cfg.seed = 4; // another shuffle, other weights
        Network c = smallNet();
        train(c, trainSet, nullptr, cfg);
        CHECK_FALSE(sameWeights(a, c));
    }
}

TEST_CASE("trainer: splitting batches over threads still converges")
{
    const Dataset trainSet = quadrants(400, 1), testSet = quadrants(200, 2);
    for (int threads : {2, 3, 5}) {
        CAPTURE(threads);
        Network net = smallNet();
        TrainConfig cfg = smallConfig(Optimizer::Adam, 0.02f);
        cfg.threads = threads;
        const TrainResult r = train(net, trainSet, &testSet, cfg);
        CHECK(r.epochs.back().testAccuracy >= 0.95f);
    }
    // One thread and two agree closely (not bit for bit: the sums are taken in another order).
    Network one = smallNet(), two = smallNet();
    TrainConfig cfg = smallConfig(Optimizer::Sgd, 0.5f);
    cfg.epochs = 1;
    train(one, trainSet, nullptr, cfg);
    cfg.threads = 2;
    train(two, trainSet, nullptr, cfg);
    CHECK(one.layers[0].W.isApprox(two.layers[0].W, 1e-4f));
}

TEST_CASE("trainer: cancellation stops between batches and keeps the last batch's weights")
{
    const Dataset trainSet = quadrants(400, 1);
    Network net = smallNet();
    std::atomic<bool> cancel{false};
    int batches = 0;
    Network afterBatch2, afterBatch3; // the network as each batch's report finds it
    TrainCallbacks cb;
    cb.cancel = &cancel;
    cb.onBatch = [&](const BatchReport&) {
        ++batches;
        if (batches == 2) afterBatch2 = net;
        if (batches == 3) {
            afterBatch3 = net;
            cancel = true;
        }
    };
    const TrainResult r = train(net, trainSet, nullptr, smallConfig(Optimizer::Sgd, 0.5f), cb);
    CHECK(r.cancelled);
    CHECK(batches == 3);
    CHECK(r.epochsDone == 0);
    CHECK(r.epochs.empty());
    // Exactly the weights after the third batch: not the start (an epoch's restore point), not
    // the second batch's, not a fourth update.
    CHECK(sameWeights(net, afterBatch3));
    CHECK_FALSE(sameWeights(net, afterBatch2));
    CHECK_FALSE(sameWeights(net, smallNet()));
}

// The trainer gathers its batches from the dataset's bytes itself; they must be the very floats
// Dataset::inputs gives evaluation, or a network would be trained on other inputs than it is
// measured on. One image, one SGD step: the update is backprop's on those inputs, bit for bit.
TEST_CASE("trainer: a training batch holds the same floats as Dataset::inputs")
{
    Dataset one = quadrants(1, 5);
    std::vector<uint8_t> pixels(16);
    for (size_t k = 0; k < pixels.size(); ++k) // every byte value, not only quadrant levels
        pixels[k] = uint8_t(k * 37 + 11);
    one.setPixels(pixels);
    const Network start = smallNet();
    Network trained = start;
    TrainConfig cfg = smallConfig(Optimizer::Sgd, 0.5f);
    cfg.batchSize = 1;
    cfg.epochs = 1;
    train(trained, one, nullptr, cfg);

    Eigen::MatrixXf X;
    one.inputs(0, 1, X);
    Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(4, 1);
    Y(one.labels[0], 0) = 1.0f;
    Gradients g;
    BatchWorkspace ws;
    backprop(start, cfg.cost, X, Y, g, ws);
    Network expected = start;
    for (size_t l = 0; l < expected.layers.size(); ++l) { // W ← W − η ∂C/∂W, as the trainer does
        expected.layers[l].W.array() -= cfg.learningRate * g.dW[l].array();
        expected.layers[l].b.array() -= cfg.learningRate * g.db[l].array();
    }
    CHECK(sameWeights(trained, expected));
    CHECK_FALSE(sameWeights(trained, start));
}

TEST_CASE("trainer: divergence restores the last good epoch's finite weights")
{
    const Dataset trainSet = quadrants(400, 1);
    for (Optimizer o : {Optimizer::Sgd, Optimizer::Adam}) {
        CAPTURE(toString(o));
        Network net = makeNetwork({16, 8, 4}, Activation::Relu, Activation::Softmax, 7);
        const Network initial = net;
        TrainConfig cfg = smallConfig(o, 1e30f);
        const TrainResult r = train(net, trainSet, nullptr, cfg);
        CHECK(r.diverged);
        CHECK(allFinite(net));
        CHECK(r.epochsDone == 0);
        CHECK(sameWeights(net, initial)); // no epoch completed: back to the start
    }
}

TEST_CASE("trainer: L2 decay shrinks the weights")
{
    const Dataset trainSet = quadrants(400, 1);
    Network plain = smallNet(), decayed = smallNet();
    TrainConfig cfg = smallConfig(Optimizer::Sgd, 0.5f);
    train(plain, trainSet, nullptr, cfg);
    cfg.l2 = 0.05f;
    train(decayed, trainSet, nullptr, cfg);
    CHECK(decayed.layers[0].W.norm() < 0.8f * plain.layers[0].W.norm());
}

TEST_CASE("trainer: augmentation is used and reproducible")
{
    const Dataset trainSet = quadrants(200, 1);
    TrainConfig cfg = smallConfig(Optimizer::Adam, 0.01f);
    cfg.epochs = 2;
    cfg.threads = 2;
    Network plain = smallNet(), a = smallNet(), b = smallNet();
    train(plain, trainSet, nullptr, cfg);
    cfg.augment = true;
    train(a, trainSet, nullptr, cfg);
    train(b, trainSet, nullptr, cfg);
    CHECK(sameWeights(a, b));
    CHECK_FALSE(sameWeights(a, plain));
    CHECK(allFinite(a));
}

TEST_CASE("trainer: refuses bad configurations and mismatched data")
{
    const Dataset trainSet = quadrants(50, 1);
    auto refused = [&](auto change) {
        TrainConfig cfg = smallConfig(Optimizer::Sgd, 0.1f);
        change(cfg);
        Network net = smallNet();
        CHECK_THROWS_AS(train(net, trainSet, nullptr, cfg), ConfigError);
    };
    refused([](TrainConfig& c) { c.batchSize = 0; });
    refused([](TrainConfig& c) { c.learningRate = 0.0f; });
    refused([](TrainConfig& c) { c.learningRate = NAN; });
    refused([](TrainConfig& c) { c.epochs = 0; });
    refused([](TrainConfig& c) { c.threads = 0; });
    refused([](TrainConfig& c) { c.momentum = 1.0f; });
    refused([](TrainConfig& c) { c.beta2 = 1.5f; });
    refused([](TrainConfig& c) { c.l2 = -1.0f; });
    CHECK_NOTHROW(smallConfig(Optimizer::Adam, 0.001f).validate());

    Network wide = makeNetwork({25, 4}, Activation::Sigmoid, Activation::Softmax, 1);
    CHECK_THROWS_AS(train(wide, trainSet, nullptr, smallConfig(Optimizer::Sgd, 0.1f)), ConfigError);
    Network narrow = makeNetwork({16, 3}, Activation::Sigmoid, Activation::Softmax, 1); // label 3
    CHECK_THROWS_AS(train(narrow, trainSet, nullptr, smallConfig(Optimizer::Sgd, 0.1f)), ConfigError);
    Dataset empty = trainSet;
    empty.setPixels({});
    empty.labels.clear();
    Network net = smallNet();
    CHECK_THROWS_AS(train(net, empty, nullptr, smallConfig(Optimizer::Sgd, 0.1f)), ConfigError);
}

TEST_CASE("trainer: optimizer and schedule names round-trip")
{
    for (Optimizer o : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam})
        CHECK((optimizerFromString(toString(o)) == o));
    for (Schedule s : {Schedule::Constant, Schedule::Cosine}) CHECK((scheduleFromString(toString(s)) == s));
    CHECK_FALSE(optimizerFromString("rmsprop").has_value());
    CHECK_FALSE(scheduleFromString("step").has_value());
}

// Divergence after good epochs must fall back to the last good epoch, not to the start: the
// parameters blow up (a NaN, as a too-large step would leave) right after epoch 1's report.
TEST_CASE("trainer: divergence in a later epoch keeps the last completed epoch's weights")
{
    const Dataset trainSet = quadrants(400, 1);
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        Network net = smallNet();
        Network afterEpoch1;
        TrainConfig cfg = smallConfig(Optimizer::Adam, 0.01f);
        cfg.epochs = 3;
        cfg.threads = threads;
        TrainCallbacks cb;
        cb.onEpoch = [&](const EpochReport& r, const Network&) {
            if (r.epoch != 1) return;
            afterEpoch1 = net;
            net.layers[0].W(0, 0) = std::numeric_limits<float>::quiet_NaN();
        };
        const TrainResult r = train(net, trainSet, nullptr, cfg, cb);
        CHECK(r.diverged);
        CHECK(r.epochsDone == 1);
        CHECK(allFinite(net));
        CHECK(sameWeights(net, afterEpoch1));
        CHECK_FALSE(sameWeights(net, smallNet()));
    }
}

TEST_CASE("trainer: optimizer, schedule and cost names round-trip, in any case, with aliases")
{
    for (Optimizer o : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam})
        CHECK((optimizerFromString(toString(o)) == o));
    for (Schedule s : {Schedule::Constant, Schedule::Cosine})
        CHECK((scheduleFromString(toString(s)) == s));
    for (Cost c : {Cost::Mse, Cost::CrossEntropy})
        CHECK((costFromString(toString(c)) == c));
    CHECK(toString(Optimizer::Momentum) == std::string_view("momentum"));
    CHECK(toString(Cost::CrossEntropy) == std::string_view("cross-entropy"));
    CHECK((optimizerFromString("ADAM") == Optimizer::Adam));
    CHECK((costFromString("Quadratic") == Cost::Mse));
    CHECK((costFromString("xent") == Cost::CrossEntropy));
    CHECK_FALSE(optimizerFromString("rmsprop").has_value());
    CHECK_FALSE(scheduleFromString("").has_value());
    CHECK_FALSE(costFromString("hinge").has_value());
}

TEST_CASE("trainer: the validation split holds out exactly the last N images")
{
    // The boundaries: the first held-out image is setSize − N; N = 0 holds out nothing; N ≥ the
    // set, or N < 0, is refused with a reason.
    const HoldOut h = holdOut(300, 40);
    CHECK(h.trainCount == 260);
    CHECK(h.firstHeldOut == 260);
    CHECK(h.heldOut == 40);
    const HoldOut none = holdOut(300, 0);
    CHECK(none.trainCount == 300);
    CHECK(none.heldOut == 0);
    CHECK(holdOut(300, 299).trainCount == 1);
    for (int n : {300, 301, -1}) {
        CAPTURE(n);
        CHECK_THROWS_WITH_AS(holdOut(300, n),
                             doctest::Contains("validation images must be fewer than the 300"),
                             ConfigError);
    }
    TrainConfig cfg = smallConfig(Optimizer::Adam, 0.01f);
    cfg.validation = 300;
    Network net = smallNet();
    CHECK_THROWS_AS(train(net, quadrants(300, 1), nullptr, cfg), ConfigError);
    cfg.validation = -1;
    CHECK_THROWS_WITH_AS(cfg.validate(), doctest::Contains("validation images must be 0.."),
                         ConfigError);
}

TEST_CASE("trainer: held-out images are never in a batch, and are scored each epoch")
{
    // Training on a set with its last 60 images held out gives bit for bit the weights of
    // training on the first 240 images alone, whatever the held-out images hold.
    const Dataset full = quadrants(300, 1);
    Dataset first = full;
    const std::vector<uint8_t> fullPixels = full.pixelBytes();
    first.setPixels(std::span(fullPixels).first(240 * 16));
    first.labels.resize(240);
    Dataset scrambled = full; // the held-out images replaced by others, labels shifted
    std::vector<uint8_t> scrambledPixels = full.pixelBytes();
    for (size_t i = 240; i < 300; ++i) {
        scrambled.labels[i] = uint8_t((full.labels[i] + 1) % 4);
        for (int p = 0; p < 16; ++p) scrambledPixels[i * 16 + size_t(p)] = uint8_t(255 - p * 9);
    }
    scrambled.setPixels(scrambledPixels);
    TrainConfig cfg = smallConfig(Optimizer::Adam, 0.01f);
    cfg.batchSize = 32;
    cfg.epochs = 3;
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        cfg.threads = threads;
        cfg.validation = 0;
        Network reference = smallNet();
        const TrainResult plain = train(reference, first, nullptr, cfg);
        cfg.validation = 60;
        Network a = smallNet(), b = smallNet();
        std::vector<float> expected; // each epoch's accuracy on images 240..299, computed here
        TrainCallbacks cb;
        cb.onEpoch = [&](const EpochReport&, const Network& net) {
            Dataset held = full;
            held.setPixels(std::span(fullPixels).subspan(240 * 16));
            held.labels.erase(held.labels.begin(), held.labels.begin() + 240);
            expected.push_back(float(evaluate(net, held).accuracy));
        };
        const TrainResult withHoldOut = train(a, full, nullptr, cfg, cb);
        train(b, scrambled, nullptr, cfg);
        CHECK(sameWeights(a, reference));
        CHECK(sameWeights(b, reference));
        REQUIRE(withHoldOut.epochs.size() == 3);
        for (size_t e = 0; e < 3; ++e) {
            CHECK(withHoldOut.epochs[e].validationAccuracy == expected[e]);
            CHECK(withHoldOut.epochs[e].trainAccuracy == plain.epochs[e].trainAccuracy);
            CHECK(plain.epochs[e].validationAccuracy == -1.0f); // none held out: none reported
        }
        CHECK(withHoldOut.epochs.back().validationAccuracy > 0.9f); // it learned, and it shows
    }
}
