// Mini-batch training. Each epoch shuffles the set, then for every batch: gather the images
// (uint8 → float, optionally augmented) into preallocated matrices, backprop, and step the
// optimizer. With threads > 1 a batch is cut into contiguous slices that a persistent worker
// pool computes in parallel; slice gradients are summed in slice order, so a seed and a thread
// count always give the same weights.
//
// The last cfg.validation images of the set are held out: the shuffle only ever permutes the
// indices before them, and they are scored after each epoch.
//
// [SECTION] Batch slices · Optimizers · Names and validation · The training loop

#include "core/trainer.hpp"
#include "core/text.hpp"

#include "core/augment.hpp"
#include "core/errors.hpp"
#include "core/evaluate.hpp"
#include "core/random.hpp"
#include "core/worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>
#include <numbers>
#include <numeric>
#include <string>
#include <utility>

namespace nnviz {

namespace {

using Clock = std::chrono::steady_clock;

// [SECTION] Batch slices
// One thread's share of a batch: its inputs, targets, scratch and results. Kept across batches.
struct Slice {
    size_t first = 0;   // offset of the slice within the epoch's shuffled order
    int count = 0;      // samples in the slice (0: nothing to do)
    Eigen::MatrixXf X;  // (in, count) pixels in [0, 1]
    Eigen::MatrixXf Y;  // (out, count) one-hot targets
    std::vector<uint8_t> image; // (in) an image's bytes, for augmentation
    Gradients g;        // slice-mean gradients
    BatchWorkspace ws;
    float loss = 0;     // slice-mean cost
    int correct = 0;
};

// Seed of sample `position`'s augmentation in `epoch`: independent of which thread handles the
// sample, so augmentation does not depend on the thread count.
uint64_t augmentSeed(uint64_t seed, int epoch, size_t position)
{
    return seed * 0xD1B54A32D192ED03ULL + (uint64_t(epoch) << 40) + uint64_t(position) + 1;
}

// The shuffled images are scattered over the whole set (12.5 MB packed for MNIST), so each one's
// first touch is a trip to memory; asking for the next image's cache lines while this one is
// converted hides most of that.
void prefetchImage(const Dataset& data, size_t index)
{
#if defined(__GNUC__)
    const uint8_t* p = data.images.encoded(index);
    const size_t n = data.images.encodedBytes(index);
    for (size_t offset = 0; offset < n; offset += 64) __builtin_prefetch(p + offset);
#else
    (void)data;
    (void)index;
#endif
}

// Fills s.X and s.Y from the dataset images order[s.first .. s.first + s.count).
void gatherSlice(const Dataset& data, const std::vector<uint32_t>& order, int outputs,
                 bool augment, uint64_t seed, int epoch, Slice& s)
{
    const int P = data.pixelCount();
    s.X.resize(P, s.count);          // no-op while the batch size is steady
    if (augment) s.image.resize(size_t(P));
    s.Y.setZero(outputs, s.count);
    for (int j = 0; j < s.count; ++j) {
        const size_t position = s.first + size_t(j);
        const size_t index = order[position];
        if (j + 1 < s.count) prefetchImage(data, order[position + 1]);
        float* dst = s.X.col(j).data();
        if (augment) {
            Rng rng(augmentSeed(seed, epoch, position));
            data.copyImage(index, s.image.data());
            augmentImage(s.image, data.rows, data.cols, dst, rng);
        } else {
            data.images.unpackInput(index, dst);
        }
        s.Y(data.labels[index], j) = 1.0f;
    }
}

// The batch's gradient, loss and correct count from its slices: Σ_k (n_k / n) · slice k, summed
// in slice order so that the result never depends on which thread finished first.
void reduceSlices(const std::vector<Slice>& slices, int n, Gradients& total, float& loss,
                  int& correct)
{
    loss = 0;
    correct = 0;
    bool first = true;
    for (const Slice& s : slices) {
        if (s.count == 0) continue;
        const float w = float(s.count) / float(n);
        for (size_t l = 0; l < total.dW.size(); ++l) {
            if (first) {
                total.dW[l] = w * s.g.dW[l];
                total.db[l] = w * s.g.db[l];
            } else {
                total.dW[l] += w * s.g.dW[l];
                total.db[l] += w * s.g.db[l];
            }
        }
        loss += w * s.loss;
        correct += s.correct;
        first = false;
    }
}

// [SECTION] Optimizers

// Learning rate for update `step` (0-based) of `total`: constant, or cosine-annealed
// η·½(1 + cos(π·step/total)) from η down towards 0.
float learningRateAt(const TrainConfig& cfg, int64_t step, int64_t total)
{
    if (cfg.schedule == Schedule::Constant) return cfg.learningRate;
    return float(cfg.learningRate * 0.5 *
                 (1.0 + std::cos(std::numbers::pi * double(step) / double(total))));
}

// Per-parameter state, one flat array per tensor in the order W_0, b_0, W_1, b_1, ...
struct OptimizerState {
    std::vector<Eigen::ArrayXf> m; // momentum velocity, or Adam's first moment
    std::vector<Eigen::ArrayXf> v; // Adam's second moment
    int64_t step = 0;              // updates done (Adam's bias correction)
};

// One tensor's update. p, g: (n) views of a parameter and its gradient; g is consumed.
void updateTensor(const TrainConfig& cfg, float lr, int64_t step, float* pData, float* gData,
                  Eigen::Index n, float l2, Eigen::ArrayXf& m, Eigen::ArrayXf& v)
{
    Eigen::Map<Eigen::ArrayXf> p(pData, n), g(gData, n);
    if (l2 > 0.0f) g += l2 * p; // ∂/∂W ½λ‖W‖² = λW
    switch (cfg.optimizer) {
    case Optimizer::Sgd: p -= lr * g; break; // W ← W − η g
    case Optimizer::Momentum:                // v ← μ v + g; W ← W − η v
        m = cfg.momentum * m + g;
        p -= lr * m;
        break;
    case Optimizer::Adam: {
        // m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; W ← W − η m̂ / (√v̂ + ε), with the bias
        // corrections m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ) folded into the step as PyTorch does.
        m = cfg.beta1 * m + (1.0f - cfg.beta1) * g;
        v = cfg.beta2 * v + (1.0f - cfg.beta2) * g.square();
        const double bc1 = 1.0 - std::pow(double(cfg.beta1), double(step));
        const double bc2 = 1.0 - std::pow(double(cfg.beta2), double(step));
        const float stepSize = float(lr / bc1);
        const float invSqrtBc2 = float(1.0 / std::sqrt(bc2));
        p -= stepSize * m / (v.sqrt() * invSqrtBc2 + cfg.epsilon);
        break;
    }
    }
}

void applyUpdate(const TrainConfig& cfg, float lr, Network& net, Gradients& g, OptimizerState& st)
{
    ++st.step;
    for (size_t l = 0; l < net.layers.size(); ++l) {
        Layer& layer = net.layers[l];
        updateTensor(cfg, lr, st.step, layer.W.data(), g.dW[l].data(), layer.W.size(), cfg.l2,
                     st.m[2 * l], st.v[2 * l]);
        updateTensor(cfg, lr, st.step, layer.b.data(), g.db[l].data(), layer.b.size(), 0.0f,
                     st.m[2 * l + 1], st.v[2 * l + 1]); // biases are not decayed
    }
}

OptimizerState makeOptimizerState(const Network& net, Optimizer o)
{
    OptimizerState st;
    for (const Layer& layer : net.layers) {
        for (Eigen::Index n : {layer.W.size(), layer.b.size()}) {
            st.m.push_back(o == Optimizer::Sgd ? Eigen::ArrayXf() : Eigen::ArrayXf::Zero(n));
            st.v.push_back(o == Optimizer::Adam ? Eigen::ArrayXf::Zero(n) : Eigen::ArrayXf());
        }
    }
    return st;
}

bool allFinite(const Network& net)
{
    for (const Layer& layer : net.layers)
        if (!layer.W.allFinite() || !layer.b.allFinite()) return false;
    return true;
}

// Training data must fit the network: image size = input size, labels < output size.
void checkFits(const Network& net, const Dataset& data, const char* role)
{
    if (data.size() == 0) return;
    if (data.pixelCount() != net.inputSize())
        throw ConfigError(std::string(role) + " set " + data.name + " has " +
                          std::to_string(data.pixelCount()) + "-pixel images but the network takes " +
                          std::to_string(net.inputSize()) + " inputs");
    if (data.images.size() != data.size() || data.images.pixelCount() != data.pixelCount())
        throw ConfigError(std::string(role) + " set " + data.name + " has " +
                          std::to_string(data.images.size()) + " images of " +
                          std::to_string(data.images.pixelCount()) + " pixels for " +
                          std::to_string(data.size()) + " labels");
    const int maxLabel = *std::max_element(data.labels.begin(), data.labels.end());
    if (maxLabel >= net.outputSize())
        throw ConfigError(std::string(role) + " set " + data.name + " has label " +
                          std::to_string(maxLabel) + " but the network has only " +
                          std::to_string(net.outputSize()) + " outputs");
}

} // namespace

// [SECTION] Names and validation

namespace {
constexpr EnumName<Optimizer> kOptimizerNames[] = {
    {Optimizer::Sgd, "sgd"}, {Optimizer::Momentum, "momentum"}, {Optimizer::Adam, "adam"}};
constexpr EnumName<Schedule> kScheduleNames[] = {
    {Schedule::Constant, "constant"}, {Schedule::Cosine, "cosine"}};
} // namespace

std::string_view toString(Optimizer o) { return nameIn(kOptimizerNames, o); }

std::optional<Optimizer> optimizerFromString(std::string_view name)
{
    return parseIn(kOptimizerNames, name);
}

std::string_view toString(Schedule s) { return nameIn(kScheduleNames, s); }

std::optional<Schedule> scheduleFromString(std::string_view name)
{
    return parseIn(kScheduleNames, name);
}

void TrainConfig::validate() const
{
    auto fail = [](const std::string& what) { throw ConfigError("training configuration: " + what); };
    if (!(std::isfinite(learningRate) && learningRate > 0.0f))
        fail("learning rate must be a positive number, got " + std::to_string(learningRate));
    if (batchSize < 1 || batchSize > 1'000'000)
        fail("batch size must be 1..1,000,000, got " + std::to_string(batchSize));
    if (epochs < 1 || epochs > 100'000)
        fail("epochs must be 1..100,000, got " + std::to_string(epochs));
    if (threads < 1 || threads > 256) fail("threads must be 1..256, got " + std::to_string(threads));
    if (!(momentum >= 0.0f && momentum < 1.0f))
        fail("momentum must be in [0, 1), got " + std::to_string(momentum));
    if (!(beta1 >= 0.0f && beta1 < 1.0f)) fail("Adam beta1 must be in [0, 1), got " + std::to_string(beta1));
    if (!(beta2 >= 0.0f && beta2 < 1.0f)) fail("Adam beta2 must be in [0, 1), got " + std::to_string(beta2));
    if (!(std::isfinite(epsilon) && epsilon > 0.0f))
        fail("Adam epsilon must be a positive number, got " + std::to_string(epsilon));
    if (!(std::isfinite(l2) && l2 >= 0.0f))
        fail("L2 weight decay must be ≥ 0, got " + std::to_string(l2));
    if (validation < 0 || validation > 100'000'000)
        fail("validation images must be 0..100,000,000, got " + std::to_string(validation));
}

HoldOut holdOut(size_t setSize, int validation)
{
    if (validation < 0 || size_t(validation) >= setSize)
        throw ConfigError("training configuration: validation images must be fewer than the " +
                          std::to_string(setSize) + " training images (some must be left to "
                          "train on), got " + std::to_string(validation));
    HoldOut h;
    h.heldOut = size_t(validation);
    h.trainCount = setSize - h.heldOut;
    h.firstHeldOut = h.trainCount;
    return h;
}

// [SECTION] The training loop

TrainResult train(Network& net, const Dataset& train, const Dataset* test, const TrainConfig& cfg,
                  const TrainCallbacks& callbacks)
{
    cfg.validate();
    validateArchitecture(net.sizes, net.hidden, net.output);
    if (train.size() == 0) throw ConfigError("training set " + train.name + " is empty");
    checkFits(net, train, "training");
    if (test) checkFits(net, *test, "test");
    const HoldOut split = holdOut(train.size(), cfg.validation);

    const size_t N = split.trainCount; // only these are shuffled into batches
    const int B = cfg.batchSize;
    const int T = cfg.threads;
    const int batchesPerEpoch = int((N + size_t(B) - 1) / size_t(B));
    const int64_t totalBatches = int64_t(batchesPerEpoch) * cfg.epochs;

    std::vector<uint32_t> order(N); // the epoch's shuffled image indices
    std::iota(order.begin(), order.end(), 0u);
    Rng shuffleRng(cfg.seed);

    std::vector<Slice> slices(static_cast<size_t>(T));
    Gradients total; // the batch's gradient when T > 1: Σ_k (n_k / n) · slice k's
    total.resizeLike(net);
    OptimizerState state = makeOptimizerState(net, cfg.optimizer);
    std::vector<Layer> lastGood = net.layers; // restored on divergence

    int epoch = 0; // the epoch being trained, read by the slice tasks
    auto sliceTask = [&](int k) {
        Slice& s = slices[size_t(k)];
        if (s.count == 0) return;
        gatherSlice(train, order, net.outputSize(), cfg.augment, cfg.seed, epoch, s);
        s.loss = backprop(net, cfg.cost, s.X, s.Y, s.g, s.ws, false, &s.correct);
    };
    std::optional<WorkerPool> pool;
    if (T > 1) pool.emplace(T - 1, T, sliceTask);

    TrainResult result;
    int64_t step = 0;
    for (epoch = 1; epoch <= cfg.epochs; ++epoch) {
        // Fisher–Yates with the seeded generator: the same order on every machine.
        for (size_t i = N - 1; i > 0; --i) std::swap(order[i], order[shuffleRng.below(i + 1)]);

        const auto start = Clock::now();
        double lossSum = 0; // Σ batch loss × batch size
        int64_t correct = 0;
        size_t seen = 0;
        for (int b = 0; b < batchesPerEpoch; ++b) {
            if (callbacks.cancel && callbacks.cancel->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                return result;
            }
            const size_t first = size_t(b) * size_t(B);
            const int n = int(std::min(size_t(B), N - first));
            for (int k = 0; k < T; ++k) { // contiguous slices [n·k/T, n·(k+1)/T)
                slices[size_t(k)].first = first + size_t(n) * size_t(k) / size_t(T);
                slices[size_t(k)].count =
                    int(first + size_t(n) * size_t(k + 1) / size_t(T) - slices[size_t(k)].first);
            }
            if (pool)
                pool->run();
            else
                sliceTask(0);

            // One slice: its gradient as is. Several: their weighted sum, in slice order.
            float loss = slices[0].loss;
            int batchCorrect = slices[0].correct;
            Gradients* g = &slices[0].g;
            if (T > 1) {
                reduceSlices(slices, n, total, loss, batchCorrect);
                g = &total;
            }

            if (std::isfinite(loss)) {
                applyUpdate(cfg, learningRateAt(cfg, step, totalBatches), net, *g, state);
                ++step;
            }
            if (!std::isfinite(loss) || !allFinite(net)) {
                net.layers = lastGood;
                result.diverged = true;
                return result;
            }

            lossSum += double(loss) * n;
            correct += batchCorrect;
            seen += size_t(n);
            if (callbacks.onBatch) {
                const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
                BatchReport br;
                br.epoch = epoch;
                br.batch = b + 1;
                br.batchesPerEpoch = batchesPerEpoch;
                br.loss = loss;
                br.elapsedSeconds = elapsed;
                br.samplesPerSecond = elapsed > 0 ? double(seen) / elapsed : 0.0;
                callbacks.onBatch(br);
            }
        }

        EpochReport er;
        er.epoch = epoch;
        er.epochs = cfg.epochs;
        er.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        er.trainLoss = float(lossSum / double(N));
        er.trainAccuracy = float(double(correct) / double(N));
        er.samplesPerSecond = er.seconds > 0 ? double(N) / er.seconds : 0.0;
        if (test && test->size() > 0) er.testAccuracy = float(evaluate(net, *test).accuracy);
        if (split.heldOut > 0)
            er.validationAccuracy =
                float(accuracyOn(net, train, split.firstHeldOut, split.heldOut));
        lastGood = net.layers;
        result.epochs.push_back(er);
        result.epochsDone = epoch;
        if (callbacks.onEpoch) callbacks.onEpoch(er, net);
    }
    return result;
}

} // namespace nnviz
