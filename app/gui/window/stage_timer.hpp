// --timing (and --bench-frames): how long after launch each start-up stage ended, on stderr, e.g.
// "nnviz: window and GL context        231.4 ms". Silent otherwise.
#pragma once

#include <chrono>
#include <cstdio>

namespace nnviz::gui {

class StageTimer {
  public:
    explicit StageTimer(bool enabled) : m_enabled(enabled) {}

    void mark(const char* stage) const
    {
        if (m_enabled)
            std::fprintf(stderr, "nnviz: %-28s %7.1f ms\n", stage,
                         std::chrono::duration<double, std::milli>(Clock::now() - m_start).count());
    }

  private:
    using Clock = std::chrono::steady_clock;
    bool m_enabled;
    Clock::time_point m_start = Clock::now();
};

} // namespace nnviz::gui
