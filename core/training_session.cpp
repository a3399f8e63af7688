// TrainingSession: see training_session.hpp. The worker owns the network being trained; readers
// only ever see immutable copies (shared_ptr<const Network>) swapped in under the mutex.
#include "core/training_session.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <cerrno>
#include <exception>
#include <limits>
#include <thread>

namespace nnviz {

namespace {
constexpr EnumName<SessionState> kStateNames[] = {
    {SessionState::Loading, "loading"},     {SessionState::Running, "running"},
    {SessionState::Finished, "finished"},   {SessionState::Cancelled, "cancelled"},
    {SessionState::Diverged, "diverged"},   {SessionState::Failed, "failed"}};
} // namespace

std::string_view toString(SessionState s) { return nameIn(kStateNames, s); }

namespace {
// Raises the calling thread's nice value by `niceness` (Linux: nice is per thread, and threads
// it starts inherit it). Best effort: a refusal leaves the priority as it was.
void lowerThisThreadsPriority(int niceness)
{
#if defined(__linux__)
    if (niceness <= 0) return;
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid);
    if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(19, now + niceness));
#else
    (void)niceness;
#endif
}
} // namespace

TrainingSession::TrainingSession(Network start, Loader train, Loader test, SessionOptions options)
    : m_options(std::move(options)), m_latest(std::make_shared<const Network>(start)),
      m_timeline(m_options.timelineBytes)
{
    m_progress.epochs = m_options.config.epochs;
    m_worker = std::thread(&TrainingSession::run, this, std::move(start), std::move(train),
                           std::move(test));
}

TrainingSession::~TrainingSession()
{
    cancel();
    wait();
}

void TrainingSession::cancel() { m_cancel.store(true, std::memory_order_relaxed); }

void TrainingSession::wait()
{
    if (m_worker.joinable())
        m_worker.join();
}

std::shared_ptr<const Network> TrainingSession::latest() const
{
    std::lock_guard lock(m_mutex);
    return m_latest;
}

SessionProgress TrainingSession::progress() const
{
    std::lock_guard lock(m_mutex);
    return m_progress;
}

WeightTimeline TrainingSession::timeline() const
{
    std::lock_guard lock(m_mutex);
    return m_timeline;
}

void TrainingSession::record(const Network& net, TimelineEntry entry)
{
    entry.net = std::make_shared<const Network>(net); // copied outside the lock
    {
        std::lock_guard lock(m_mutex);
        m_timeline.record(std::move(entry));
    }
    m_timelineVersion.fetch_add(1, std::memory_order_release);
}

void TrainingSession::publish(const Network& net)
{
    auto copy = std::make_shared<const Network>(net); // copied outside the lock
    {
        std::lock_guard lock(m_mutex);
        m_latest = std::move(copy);
    }
    m_version.fetch_add(1, std::memory_order_release);
}

void TrainingSession::run(Network net, Loader trainLoader, Loader testLoader)
{
    using Clock = std::chrono::steady_clock;
    auto finish = [&](SessionState state, std::string message) {
        std::lock_guard lock(m_mutex);
        m_progress.state = state;
        m_progress.message = std::move(message);
    };

    lowerThisThreadsPriority(m_options.niceness);
    std::shared_ptr<const Dataset> trainSet, testSet;
    size_t trainCount = 0; // images trained on: the set minus the validation split
    try {
        m_options.config.validate();
        trainSet = trainLoader ? trainLoader() : nullptr;
        if (!trainSet || trainSet->size() == 0)
            throw DataError("no training images to learn from");
        trainCount = holdOut(trainSet->size(), m_options.config.validation).trainCount;
        if (testLoader && !m_cancel.load(std::memory_order_relaxed))
            testSet = testLoader();
    } catch (const std::exception& e) {
        finish(SessionState::Failed, e.what());
        return;
    }
    if (m_cancel.load(std::memory_order_relaxed)) {
        finish(SessionState::Cancelled, {});
        return;
    }

    const TrainConfig& cfg = m_options.config;
    const long long perEpoch =
        (static_cast<long long>(trainCount) + cfg.batchSize - 1) / cfg.batchSize;
    const int window = m_options.lossWindow > 0
                           ? m_options.lossWindow
                           : int(std::max<long long>(1, perEpoch / 40));
    {
        std::lock_guard lock(m_mutex);
        m_progress.state = SessionState::Running;
        m_progress.batchesPerEpoch = int(perEpoch);
    }

    double lossSum = 0;
    int lossCount = 0;
    long long done = 0;
    // The timeline: the start weights, then by batch count (never by time, so a run records the
    // same entries on any machine); each entry's loss is the mean since the previous one.
    double sinceSum = 0;
    int sinceCount = 0;
    long long recorded = 0; // the last entry's batch
    int atEpoch = 0, atBatch = 0; // the last batch done
    record(net, {0, 0, 0, std::numeric_limits<float>::quiet_NaN(), false, nullptr});
    auto lastPublish = Clock::now();
    const auto batchPeriod = m_options.maxBatchesPerSecond > 0
                                 ? std::chrono::duration<double>(1.0 / m_options.maxBatchesPerSecond)
                                 : std::chrono::duration<double>(0);
    auto nextBatchAt = Clock::now();

    TrainCallbacks callbacks;
    callbacks.cancel = &m_cancel;
    callbacks.onBatch = [&](const BatchReport& r) {
        ++done;
        lossSum += r.loss;
        ++lossCount;
        sinceSum += r.loss;
        ++sinceCount;
        atEpoch = r.epoch;
        atBatch = r.batch;
        const bool epochEnd = r.batch == r.batchesPerEpoch;
        if (m_timeline.due(done, r.epoch, epochEnd)) {
            record(net, {done, r.epoch, r.batch, float(sinceSum / sinceCount), epochEnd, nullptr});
            recorded = done;
            sinceSum = 0;
            sinceCount = 0;
        }
        {
            std::lock_guard lock(m_mutex);
            m_progress.epoch = r.epoch;
            m_progress.batch = r.batch;
            m_progress.batchesPerEpoch = r.batchesPerEpoch;
            m_progress.batchesDone = done;
            m_progress.samplesPerSecond = r.samplesPerSecond;
            if (lossCount >= window) {
                m_progress.lossCurve.push_back(float(lossSum / lossCount));
                m_progress.lossAtBatch.push_back(done);
                lossSum = 0;
                lossCount = 0;
            }
        }
        const auto now = Clock::now();
        if (std::chrono::duration<double>(now - lastPublish).count() >= m_options.publishSeconds) {
            publish(net); // net is between batches here: the worker is the only writer
            lastPublish = now;
        }
        if (batchPeriod.count() > 0) {
            // Slow motion: wait for the next slot in short naps so cancel() stays prompt.
            nextBatchAt += std::chrono::duration_cast<Clock::duration>(batchPeriod);
            while (Clock::now() < nextBatchAt && !m_cancel.load(std::memory_order_relaxed))
                std::this_thread::sleep_for(std::min<Clock::duration>(
                    nextBatchAt - Clock::now(), std::chrono::milliseconds(20)));
            if (Clock::now() > nextBatchAt + std::chrono::seconds(1))
                nextBatchAt = Clock::now(); // fell behind (a slow machine): do not rush
        }
    };
    callbacks.onEpoch = [&](const EpochReport& r, const Network&) {
        std::lock_guard lock(m_mutex);
        m_progress.epochReports.push_back(r);
    };

    try {
        const TrainResult result = train(net, *trainSet, testSet.get(), cfg, callbacks);
        publish(net);
        // A cancelled run's last batch, unless just recorded (a diverged run's weights are its
        // last good epoch's, already in the timeline).
        if (!result.diverged && done > recorded && sinceCount > 0)
            record(net, {done, atEpoch, atBatch, float(sinceSum / sinceCount), false, nullptr});
        if (lossCount > 0) {
            std::lock_guard lock(m_mutex);
            m_progress.lossCurve.push_back(float(lossSum / lossCount));
            m_progress.lossAtBatch.push_back(done);
        }
        finish(result.diverged    ? SessionState::Diverged
               : result.cancelled ? SessionState::Cancelled
                                  : SessionState::Finished,
               result.diverged ? "the loss became NaN or infinite: the weights of the last good "
                                 "epoch were restored (try a smaller learning rate)"
                               : "");
    } catch (const std::exception& e) {
        finish(SessionState::Failed, e.what());
    }
}

} // namespace nnviz
