// When to draw. Frames come as fast as they can while something moves (the sweep, a button held,
// a while after any event), at 20 per second while the Learn outline pulses or a training run
// goes on, and not at all otherwise: the loop sleeps until an event, waking twice a second to tick the
// model. A frame is skipped when nothing happened and the snapshot is the one last drawn.
#pragma once

#include "app/gui/model/snapshot.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace nnviz::gui {

class RedrawPolicy {
  public:
    using Clock = std::chrono::steady_clock;

    // flatOut: bench and screenshot runs draw every frame at once, never sleeping.
    explicit RedrawPolicy(bool flatOut) : m_flatOut(flatOut) {}

    // Sleeps until an event or the next frame may be due. busy: the model animates or a mouse
    // button is held; pulsing: the Learn outline pulses. Returns the seconds since the last
    // wake-up (for the model's tick). pulsing also stands for a training run going on.
    double sleep(bool busy, bool pulsing);
    // After a minimised window's glfwWaitEvents().
    void wokeMinimised() { m_woke = Clock::now(); }
    // Whether to draw now. event: input, resize, expose or focus since the last wake-up.
    bool needed(const Snapshot& snap, bool event, bool pulsing);
    // The frame about to be drawn shows this snapshot (before the frame's requests apply).
    void drawing(const Snapshot& snap) { m_stamp = stamp(snap); }
    // When the loop last woke up (a frame's work is timed from there).
    Clock::time_point wokeAt() const { return m_woke; }

    // What a frame shows, as one number.
    static uint64_t stamp(const Snapshot& snap);

  private:
    bool m_flatOut;
    bool m_moving = false;
    Clock::time_point m_woke = Clock::now();
    Clock::time_point m_lastEvent = m_woke;
    std::optional<uint64_t> m_stamp; // of the last frame drawn; none before the first
};

} // namespace nnviz::gui
