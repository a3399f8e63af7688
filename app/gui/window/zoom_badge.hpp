// A note at the top of the window for a moment after the zoom changes ("Zoom 125 %  ·  Ctrl 0:
// 100 %"), so whoever pressed Ctrl + sees what happened and how to go back.
#pragma once

namespace nnviz::gui {

class ZoomBadge {
  public:
    static constexpr double kShowSeconds = 1.5;

    // The zoom just changed to this; `now` in seconds (a steady clock).
    void show(float zoom, double now)
    {
        m_zoom = zoom;
        m_until = now + kShowSeconds;
    }
    // Frames must keep coming while it shows, so that it goes away.
    bool showing(double now) const { return now < m_until; }
    // Inside an ImGui frame, after the panels (it goes on top of them).
    void draw(double now) const;

  private:
    float m_zoom = 1;
    double m_until = -1;
};

} // namespace nnviz::gui
