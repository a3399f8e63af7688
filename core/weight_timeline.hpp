// A training run's history: copies of the network taken every `interval` batches (and at every
// epoch's end) within a fixed memory budget, so a window can scrub back through how the weights
// grew. Plain data and rules, no threads: TrainingSession records into it on its worker and hands
// readers copies (the networks themselves are shared, immutable).
#pragma once

#include "core/network.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace nnviz {

struct TimelineEntry {
    long long batch = 0;   // batches done over the whole run when taken (0 = the start weights)
    int epoch = 0;         // the epoch the batch belongs to (1-based; 0 = before training)
    int batchInEpoch = 0;  // 1..batchesPerEpoch (0 at the start)
    float loss = 0;        // mean training loss of the batches since the previous recording
                           // (NaN for the start weights, which no batch has touched)
    bool epochEnd = false; // taken right after the epoch's last batch
    std::shared_ptr<const Network> net; // the weights then (never null)
};

// What one entry costs in memory: the parameters as float32 plus the containers around them.
size_t timelineEntryBytes(const Network& net);

// 8 MiB: ~160 copies of 784-16-16-10, 13 of 784-128-128-128-128-10. The window's peak memory while
// training must stay under 150 MB; at 32 MiB the timeline filled within seconds of a run and took
// it to 175 MB (tests/bench/README.md).
inline constexpr size_t kDefaultTimelineBudget = size_t(8) << 20;

class WeightTimeline {
  public:
    // budgetBytes: the most the kept networks may take together (timelineEntryBytes each).
    explicit WeightTimeline(size_t budgetBytes = kDefaultTimelineBudget);

    // Whether the recorder should copy the network after batch `batch` of the run (1-based over
    // the run; 0 = the start, always due) of epoch `epoch`: every `interval` batches, and at the
    // end of every `epochStride`-th epoch.
    bool due(long long batch, int epoch, bool epochEnd) const
    {
        return m_enabled && (epochEnd ? epoch % m_epochStride == 0 : batch % m_interval == 0);
    }
    // Adds an entry (its batch after every earlier one), then thins the older ones while the
    // total is over budget: the interval doubles and entries off it are dropped, keeping the first
    // and the latest always and the epoch ends as long as they take at most half the room (then
    // every other epoch end goes, and so on). An entry whose network alone is over half the
    // budget disables the timeline (it empties): two of them could never be kept.
    void record(TimelineEntry entry);

    const std::vector<TimelineEntry>& entries() const { return m_entries; }
    size_t bytes() const { return m_bytes; } // Σ timelineEntryBytes of the entries
    size_t budget() const { return m_budget; }
    long long interval() const { return m_interval; } // batches between regular entries now
    bool enabled() const { return m_enabled; }        // false: the networks are too large

  private:
    bool keeps(size_t i) const;
    void thin();

    std::vector<TimelineEntry> m_entries; // oldest first
    size_t m_budget;
    size_t m_bytes = 0;
    size_t m_entryBytes = 0;  // every entry of a run has the same architecture
    long long m_interval = 1; // regular entries at batch multiples of this
    int m_epochStride = 1;    // epoch ends kept at epoch multiples of this
    bool m_enabled = true;
};

} // namespace nnviz
