// WeightTimeline: see weight_timeline.hpp. Thinning keeps the regular entries on a grid of
// batch multiples of the interval, so they stay evenly spread however often it doubles.
#include "core/weight_timeline.hpp"

namespace nnviz {

size_t timelineEntryBytes(const Network& net)
{
    // Eigen allocates each matrix and vector on its own (16-byte aligned, with malloc's header);
    // the shared_ptr's control block holds the Network itself.
    constexpr size_t kPerAllocation = 32;
    size_t bytes = sizeof(Network) + kPerAllocation + net.sizes.size() * sizeof(int) +
                   net.layers.size() * (sizeof(Layer) + 2 * kPerAllocation);
    bytes += size_t(net.parameterCount()) * sizeof(float);
    return bytes + sizeof(TimelineEntry);
}

WeightTimeline::WeightTimeline(size_t budgetBytes) : m_budget(budgetBytes) {}

void WeightTimeline::record(TimelineEntry entry)
{
    if (!m_enabled || !entry.net) return;
    if (m_entries.empty()) {
        m_entryBytes = timelineEntryBytes(*entry.net);
        if (2 * m_entryBytes > m_budget) { // not even the first and the latest fit
            m_enabled = false;
            return;
        }
    }
    m_entries.push_back(std::move(entry));
    m_bytes += m_entryBytes;
    thin();
}

// Entry i survives the current interval and epoch stride.
bool WeightTimeline::keeps(size_t i) const
{
    const TimelineEntry& e = m_entries[i];
    if (i == 0 || i + 1 == m_entries.size()) return true; // the start and the latest
    return e.epochEnd ? e.epoch % m_epochStride == 0 : e.batch % m_interval == 0;
}

void WeightTimeline::thin()
{
    const size_t capacity = m_budget / m_entryBytes; // ≥ 2 (record checked)
    while (m_entries.size() > capacity) {
        size_t epochEnds = 0, regular = 0;
        for (size_t i = 1; i + 1 < m_entries.size(); ++i)
            (m_entries[i].epochEnd ? epochEnds : regular) += 1;
        // Epoch ends may take half the room; past that, or with no regular entry left to drop,
        // every other one goes.
        if (epochEnds > capacity / 2 || regular == 0)
            m_epochStride *= 2;
        else
            m_interval *= 2;
        std::vector<TimelineEntry> kept;
        kept.reserve(m_entries.size());
        for (size_t i = 0; i < m_entries.size(); ++i)
            if (keeps(i)) kept.push_back(std::move(m_entries[i]));
        m_entries = std::move(kept);
        m_bytes = m_entries.size() * m_entryBytes;
    }
}

} // namespace nnviz
