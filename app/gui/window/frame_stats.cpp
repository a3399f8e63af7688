// FrameStats and percentile(): see frame_stats.hpp.
#include "app/gui/window/frame_stats.hpp"

#include <algorithm>
#include <cmath>

namespace nnviz::gui {

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(std::ceil(p / 100.0 * double(v.size()))) - 1);
    return v[i];
}

std::optional<FramesReport> FrameStats::add(Clock::time_point start, Clock::time_point done)
{
    m_workMs.push_back(std::chrono::duration<double, std::milli>(done - start).count());
    const double seconds = std::chrono::duration<double>(done - m_since).count();
    if (seconds < kIntervalSeconds) return std::nullopt;
    const FramesReport report{m_workMs.size(), seconds, percentile(m_workMs, 50),
                              percentile(m_workMs, 95), percentile(m_workMs, 100)};
    m_workMs.clear();
    m_since = done;
    return report;
}

} // namespace nnviz::gui
