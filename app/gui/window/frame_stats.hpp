// Frame-time figures: percentile(), and the "frames" event's interval statistics (--log-events:
// every few seconds, the drawn frames' work times from waking up to the buffer swap, for the soak
// test and anyone watching the window).
#pragma once

#include "app/gui/window/event_log.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace nnviz::gui {

// The p-th percentile (0..100, nearest rank) of v; 0 when v is empty.
double percentile(std::vector<double> v, double p);

class FrameStats {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr double kIntervalSeconds = 5.0;

    // A frame's work from start to done; a report once an interval is complete.
    std::optional<FramesReport> add(Clock::time_point start, Clock::time_point done);

  private:
    std::vector<double> m_workMs;
    Clock::time_point m_since = Clock::now();
};

} // namespace nnviz::gui
