// A training run on its own thread, for the window: it loads the data, trains its own copy of a
// network with nnviz::train, and publishes a copy of the weights at most every `publishSeconds`
// plus its progress. Any thread may read latest() and progress() at any time; neither waits for
// a batch to finish (the trainer only holds the lock while it swaps in a new snapshot). It also
// keeps the run's weight timeline (weight_timeline.hpp): copies every few batches, by batch
// count, within a memory budget.
#pragma once

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"
#include "core/weight_timeline.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace nnviz {

enum class SessionState {
    Loading,   // reading the datasets (on the worker thread)
    Running,   // training
    Finished,  // all epochs done
    Cancelled, // cancel() was called: the weights are those of the last completed batch
    Diverged,  // a non-finite loss: the weights are those of the last completed epoch
    Failed,    // the data could not be loaded or the configuration was refused (see message)
};

std::string_view toString(SessionState s);

struct SessionProgress {
    SessionState state = SessionState::Loading;
    int epoch = 0;              // epoch in progress or last completed (1-based; 0 before the first)
    int epochs = 0;             // epochs asked for
    int batch = 0;              // batches done in the current epoch
    int batchesPerEpoch = 0;
    long long batchesDone = 0;  // over the whole run
    double samplesPerSecond = 0;
    // Mean training loss over successive windows of batches: lossCurve[i] covers the batches up
    // to lossAtBatch[i] (batchesDone then). At most a few hundred points per run.
    std::vector<float> lossCurve;
    std::vector<long long> lossAtBatch;
    std::vector<EpochReport> epochReports; // one per completed epoch (test accuracy if a test set)
    std::string message;        // Failed: why (one line); otherwise empty
    bool done() const
    {
        return state != SessionState::Loading && state != SessionState::Running;
    }
};

struct SessionOptions {
    TrainConfig config;
    double publishSeconds = 1.0 / 30; // weights snapshot at most this often (and at the end)
    double maxBatchesPerSecond = 0;   // > 0: slow motion (sleep between batches) to watch it learn
    int lossWindow = 0;               // batches per loss-curve point; 0 = about 40 per epoch
    size_t timelineBytes = kDefaultTimelineBudget; // the weight timeline's budget (0 = none)
    // > 0: the worker thread (and the trainer's pool, started from it) runs this much nicer
    // (Linux; ignored elsewhere), so a thread that draws a window gets a core when it needs one
    // and the run takes the rest.
    int niceness = 0;
};

class TrainingSession {
public:
    // Loaders run on the worker thread (so a window stays responsive while 47 MB load); they may
    // throw nnviz::Error, which ends the session as Failed with the message. `test` may be empty
    // (no test accuracy). The configuration is validated on the worker too (ConfigError →
    // Failed), so a caller that wants the reason before starting calls config.validate() itself.
    using Loader = std::function<std::shared_ptr<const Dataset>()>;
    TrainingSession(Network start, Loader train, Loader test, SessionOptions options);
    ~TrainingSession(); // cancels and joins
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    void cancel(); // asks the worker to stop after the current batch; returns at once
    void wait();   // blocks until the worker has ended

    // The latest published weights (the start network until the first publish) and a version
    // that increases with every publish.
    std::shared_ptr<const Network> latest() const;
    uint64_t version() const { return m_version.load(std::memory_order_acquire); }
    SessionProgress progress() const;
    // The run's weight timeline so far (the start weights once the data loaded, then every few
    // batches, each epoch's end and the last batch) and a version that increases with every
    // change to it. The copy shares the entries' networks.
    WeightTimeline timeline() const;
    uint64_t timelineVersion() const { return m_timelineVersion.load(std::memory_order_acquire); }

private:
    void run(Network net, Loader train, Loader test);
    void publish(const Network& net);
    void record(const Network& net, TimelineEntry entry); // a copy of net into the timeline

    SessionOptions m_options;
    std::atomic<bool> m_cancel{false};
    std::atomic<uint64_t> m_version{0};
    std::atomic<uint64_t> m_timelineVersion{0};
    mutable std::mutex m_mutex; // guards m_latest, m_progress and m_timeline
    std::shared_ptr<const Network> m_latest;
    SessionProgress m_progress;
    WeightTimeline m_timeline; // written by the worker only (so it reads it without the lock)
    std::thread m_worker; // last: started after everything above exists
};

} // namespace nnviz
