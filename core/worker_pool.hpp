// A persistent pool of worker threads for the trainer: run() hands out tasks 0..n−1 of one batch
// to the caller and the workers, and returns when all are done.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace nnviz {

namespace detail {
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}
} // namespace detail

// Threads live for the whole training run. run() makes tasks 0..tasks−1 available; the calling
// thread and the workers claim them from a shared counter until none are left, and run()
// returns once all are done. A task's result does not depend on which thread ran it, so when a
// worker is slow to wake (a busy machine) the caller simply takes its task too. Batches take
// a few hundred microseconds, so idle workers spin briefly before sleeping on the condition
// variable: a futex wake-up per batch would cost as much as the work.
class WorkerPool {
public:
    WorkerPool(int workers, int tasks, std::function<void(int)> task)
        : m_task(std::move(task)), m_tasks(tasks), m_errors(size_t(tasks))
    {
        m_threads.reserve(size_t(workers));
        for (int i = 0; i < workers; ++i) m_threads.emplace_back([this] { workerLoop(); });
    }

    ~WorkerPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop.store(true, std::memory_order_relaxed);
            m_generation.fetch_add(1, std::memory_order_release);
        }
        m_wake.notify_all();
        for (auto& t : m_threads) t.join();
    }

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void run()
    {
        // Every task of the previous run() has finished, so no one touches m_done now. The
        // release store of m_next publishes the batch's inputs to whoever claims a task.
        m_done.store(0, std::memory_order_relaxed);
        m_next.store(0, std::memory_order_release);
        {
            std::lock_guard lock(m_mutex);
            m_generation.fetch_add(1, std::memory_order_release);
        }
        m_wake.notify_all();
        claimTasks();
        for (int spins = 0; m_done.load(std::memory_order_acquire) != m_tasks; ++spins) {
            if (spins < kSpins)
                detail::cpuRelax();
            else
                std::this_thread::yield();
        }
        for (auto& e : m_errors)
            if (e) std::rethrow_exception(std::exchange(e, nullptr));
    }

private:
    static constexpr int kSpins = 4000; // ~50–100 µs of pause instructions before sleeping

    void claimTasks()
    {
        for (int k; (k = m_next.fetch_add(1, std::memory_order_acq_rel)) < m_tasks;) {
            try {
                m_task(k);
            } catch (...) {
                m_errors[size_t(k)] = std::current_exception();
            }
            m_done.fetch_add(1, std::memory_order_release);
        }
    }

    void workerLoop()
    {
        uint64_t seen = 0;
        for (;;) {
            uint64_t gen = m_generation.load(std::memory_order_acquire);
            for (int spins = 0; gen == seen && spins < kSpins; ++spins) {
                detail::cpuRelax();
                gen = m_generation.load(std::memory_order_acquire);
            }
            if (gen == seen) {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_generation.load(std::memory_order_acquire) != seen; });
                gen = m_generation.load(std::memory_order_acquire);
            }
            seen = gen;
            if (m_stop.load(std::memory_order_relaxed)) return;
            // A worker that wakes late may find this run's tasks all taken (nothing to do), or
            // claim one of the next run's, which is just as good: claiming synchronises with
            // the run() that published it.
            claimTasks();
        }
    }

    std::function<void(int)> m_task;
    int m_tasks;
    std::vector<std::exception_ptr> m_errors; // (tasks): one slot per task
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<uint64_t> m_generation{0}; // bumped once per run(), wakes the workers
    std::atomic<int> m_next{0};            // next task to claim (≥ m_tasks: none left)
    std::atomic<int> m_done{0};            // tasks finished in this run()
    std::atomic<bool> m_stop{false};
};

} // namespace nnviz
