// The Learn panel's pointer: an outline around the part of the window a step talks about pulses
// for kSeconds after it appears or moves, starting and ending bright, then stands still. One
// clock for both who need it: the layout draws the outline at brightness(), and the redraw policy
// keeps frames coming while pulsing() (then an idle window costs nothing again).
#pragma once

#include "app/gui/model/snapshot.hpp"

#include <cmath>

namespace nnviz::gui {

class FocusPulse {
  public:
    static constexpr double kSeconds = 3.0;

    // The outline's opacity (0..1) for focus at time now (seconds, ImGui's clock); a new focus
    // restarts the pulse. Called once per drawn frame.
    float brightness(Focus focus, double now)
    {
        if (focus != m_focus) {
            m_focus = focus;
            m_since = now;
        }
        const double age = now - m_since;
        m_settled = age >= kSeconds; // this frame shows it still, at full brightness
        return m_settled ? 1.0f : 0.55f + 0.45f * float(std::cos(age * 4.0));
    }

    // Frames are still needed for it (20 a second is enough): the outline pulses, or current
    // (the snapshot's focus) has not been drawn yet.
    bool pulsing(Focus current) const
    {
        return current != Focus::None && (current != m_focus || !m_settled);
    }

  private:
    Focus m_focus = Focus::None;
    double m_since = 0;    // when m_focus was first drawn
    bool m_settled = true; // the last frame drawn showed the outline still
};

} // namespace nnviz::gui
