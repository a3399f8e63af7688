// The interface's one scale: the monitor's content scale × a fit factor from the window's size ×
// the user's zoom (Ctrl + / Ctrl − / Ctrl 0, --scale), turned into the type's size in whole pixels
// (the font atlas is rasterised at that size; every other size follows the type). No GL, no ImGui:
// tests/app_units checks it.
#pragma once

namespace nnviz::gui {

// The type's size at scale 1 (a 1600×1000 window, zoom 100 %, content scale 1).
constexpr float kBaseFontPixels = 16.0f;
// The zoom's range, and its steps (Ctrl + and Ctrl − move to the next one).
constexpr float kMinZoom = 0.75f, kMaxZoom = 3.0f;
constexpr float kZoomSteps[] = {0.75f, 0.9f, 1.0f, 1.1f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};

// What a zoom key asks for.
enum class ZoomKey { In, Out, Reset };

// 1 up to a 1600×1000 window, then growing with the window (whichever side is shorter for its
// share), up to 2.5: a 2560×1440 window gets 1.44 (23 px type), 3840×2160 gets 2.16 (35 px).
// Logical size: screen coordinates divided by the content scale.
float fitFactor(float logicalWidth, float logicalHeight);

// The next zoom step above (below) zoom; zoom itself at the end of the range. A zoom between two
// steps (e.g. --scale 1.3) moves to the nearer step in that direction.
float zoomIn(float zoom);
float zoomOut(float zoom);
float applyZoomKey(float zoom, ZoomKey key);

// The type's size in whole pixels (at least 8).
int fontPixels(float contentScale, float fit, float zoom);

// Keeps the zoom and says which type size the window needs now. A change of zoom applies at once;
// a change of window size at most every kResizeInterval seconds while the window is being dragged
// bigger or smaller (each rebuild of the font atlas costs milliseconds), the last one as soon as
// that interval has passed.
class UiScale {
  public:
    static constexpr double kResizeInterval = 0.2;

    explicit UiScale(float zoom) : m_zoom(zoom) {}

    // The monitor's content scale (1 unless HiDPI), once it is known.
    void setContentScale(float scale) { m_contentScale = scale; }
    float contentScale() const { return m_contentScale; }
    float zoom() const { return m_zoom; }
    // Applies a zoom key; whether the zoom changed.
    bool press(ZoomKey key);

    // The type's size for a window of this size (screen coordinates); `now` in seconds (any
    // steady clock); `shownPixels` the size the atlas has now. Returns shownPixels while a size
    // change waits for its interval.
    int wantedPixels(int windowWidth, int windowHeight, double now, int shownPixels);
    // The type's size the zoom and the window's size ask for, before any minimum and without
    // the resize interval (what wantedPixels() moves to).
    int naturalPixels(int windowWidth, int windowHeight) const;
    // The fit factor of the last wantedPixels() call.
    float fit() const { return m_fit; }
    // A size change is waiting: keep drawing frames so it lands.
    bool pending() const { return m_pending; }
    // Presentation mode: the type at least this large (0: no minimum); a change applies at once,
    // like a zoom key.
    void setMinimumPixels(int pixels)
    {
        if (pixels == m_minPixels) return;
        m_minPixels = pixels;
        m_lastZoom = 0.0f;
    }

  private:
    float m_zoom;
    float m_contentScale = 1.0f;
    float m_fit = 1.0f;
    float m_lastZoom = 0.0f;    // the zoom of the last size handed out (0: none yet)
    double m_lastChange = -1e9; // when the size last changed because the window did
    bool m_pending = false;
    int m_minPixels = 0; // setMinimumPixels
};

} // namespace nnviz::gui
