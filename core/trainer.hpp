// Mini-batch training: SGD, momentum or Adam, optional L2 and augmentation, learning-rate
// schedule; deterministic for a seed and thread count. Reports per batch and per epoch and can be
// cancelled, so the window can run it on a worker thread.
#pragma once

#include "core/cost.hpp"
#include "core/dataset.hpp"
#include "core/network.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace nnviz {

enum class Optimizer { Sgd, Momentum, Adam };
enum class Schedule { Constant, Cosine }; // cosine: lr·½(1 + cos(π·t/T)) over all batches

std::string_view toString(Optimizer o);
std::optional<Optimizer> optimizerFromString(std::string_view name);
std::string_view toString(Schedule s);
std::optional<Schedule> scheduleFromString(std::string_view name);

struct TrainConfig {
    Cost cost = Cost::CrossEntropy;
    Optimizer optimizer = Optimizer::Adam;
    Schedule schedule = Schedule::Constant;
    float learningRate = 0.001f;
    float momentum = 0.9f;   // for Momentum
    float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f; // for Adam
    float l2 = 0.0f;         // weight decay λ: adds λ·W to ∂C/∂W (biases are not decayed)
    int batchSize = 32;
    int epochs = 10;
    uint64_t seed = 1;       // shuffling and augmentation
    int threads = 1;         // the batch is split into this many contiguous slices
    bool augment = false;
    // The last `validation` training images are held out: never in a batch, scored after each
    // epoch (EpochReport::validationAccuracy), to choose hyperparameters without the test set.
    int validation = 0;
    // Throws ConfigError when a value is out of range (batch < 1, lr ≤ 0 or not finite...).
    void validate() const;
};

struct BatchReport {
    int epoch = 0;            // 1-based
    int batch = 0;            // 1-based within the epoch
    int batchesPerEpoch = 0;
    float loss = 0;           // this batch's mean cost
    double samplesPerSecond = 0; // over the epoch so far
    double elapsedSeconds = 0;   // since the epoch started
};

struct EpochReport {
    int epoch = 0;            // 1-based
    int epochs = 0;
    float trainLoss = 0;      // mean cost over the epoch's batches
    float trainAccuracy = 0;  // fraction of training samples classified right during the epoch
    float testAccuracy = -1;  // on the test set if one was given, else −1
    float validationAccuracy = -1; // on the held-out images if TrainConfig::validation > 0, else −1
    double seconds = 0;       // wall time of the epoch (excluding the test evaluation)
    double samplesPerSecond = 0;
};

// How a training set of `setSize` images is split: images [0, trainCount) are trained on,
// [trainCount, setSize) are held out. Throws ConfigError unless 0 ≤ validation < setSize.
struct HoldOut {
    size_t trainCount = 0;
    size_t firstHeldOut = 0; // = trainCount
    size_t heldOut = 0;      // = validation
};
HoldOut holdOut(size_t setSize, int validation);

struct TrainCallbacks {
    std::function<void(const BatchReport&)> onBatch;               // may be empty
    std::function<void(const EpochReport&, const Network&)> onEpoch; // may be empty
    const std::atomic<bool>* cancel = nullptr; // checked between batches
};

struct TrainResult {
    bool cancelled = false;
    bool diverged = false;  // a non-finite loss: the weights were restored to the last good epoch
    int epochsDone = 0;
    std::vector<EpochReport> epochs;
};

// Trains net in place on `train` minus its last cfg.validation images (test may be null). On
// cancellation the network keeps the weights of the last completed batch; on divergence, those
// of the last completed epoch.
TrainResult train(Network& net, const Dataset& train, const Dataset* test,
                  const TrainConfig& cfg, const TrainCallbacks& callbacks = {});

} // namespace nnviz
