// --log-events: one JSON object per line on stdout, flushed at once, so tests and demos can follow
// the window. The model side's typed events (model_events.hpp) become "prediction", "activation",
// "cleared", "image", "dataset", "training", "model", "saved", "compare" (and the rest named
// in README.md) and "error"; the shell adds "ready",
// "layout", "frames" and "zoom". Names and fields are documented in README.md ("Window options")
// and do not change. Silent when disabled. Presentation mode adds "present" and "learn".
#pragma once

#include "app/gui/model/model_events.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <cstddef>
#include <cstdio>
#include <vector>

namespace nnviz::gui {

// A "frames" event: the work times of the frames drawn over an interval.
struct FramesReport {
    size_t count = 0;
    double seconds = 0; // the interval
    double p50Ms = 0, p95Ms = 0, maxMs = 0;
};

// A "zoom" event: the interface's scale (ui_scale.hpp), at the first frame and whenever the zoom
// or the type's size changes.
struct ZoomReport {
    double zoom = 1, fit = 1, contentScale = 1;
    int fontPixels = 0;
    double ms = 0; // rebuilding the font atlas and its texture (0: not rebuilt)
};

class EventLog {
  public:
    // out: where the lines go (stdout; a memory stream in tests).
    explicit EventLog(bool enabled, std::FILE* out = stdout) : m_enabled(enabled), m_out(out) {}
    bool enabled() const { return m_enabled; }

    void emit(const ModelEvent& event) const;
    void emit(const std::vector<ModelEvent>& events) const; // in order
    // The first frame is on screen: its framebuffer size and the drawing pad, in window pixels.
    void ready(int width, int height, const WidgetRect& canvas) const;
    void layout(const WidgetRects& widgets) const;
    void frames(const FramesReport& report) const;
    // Presentation mode entered (on) or left, and the framebuffer's size then.
    void present(bool on, int width, int height) const;
    // The Learn walkthrough moved to step (1-based) with this title.
    void learn(int step, const char* title) const;
    void zoom(const ZoomReport& report) const;

  private:
    bool m_enabled;
    std::FILE* m_out;
};

} // namespace nnviz::gui
