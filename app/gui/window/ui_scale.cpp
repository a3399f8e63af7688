// UiScale and the zoom steps: see ui_scale.hpp.
#include "app/gui/window/ui_scale.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace nnviz::gui {
namespace {

// Zooms closer than this are the same step (steps are ≥ 0.1 apart; a saved 1.1 reads back as
// 1.1000000238).
constexpr float kSameZoom = 0.01f;

} // namespace

float fitFactor(float logicalWidth, float logicalHeight)
{
    const float fit = std::min(logicalWidth / 1600.0f, logicalHeight / 1000.0f);
    return std::isfinite(fit) ? std::clamp(fit, 1.0f, 2.5f) : 1.0f;
}

float zoomIn(float zoom)
{
    for (float step : kZoomSteps)
        if (step > zoom + kSameZoom) return step;
    return std::max(zoom, kMaxZoom);
}

float zoomOut(float zoom)
{
    for (auto it = std::rbegin(kZoomSteps); it != std::rend(kZoomSteps); ++it)
        if (*it < zoom - kSameZoom) return *it;
    return std::min(zoom, kMinZoom);
}

float applyZoomKey(float zoom, ZoomKey key)
{
    switch (key) {
    case ZoomKey::In:
        return zoomIn(zoom);
    case ZoomKey::Out:
        return zoomOut(zoom);
    case ZoomKey::Reset:
        break;
    }
    return 1.0f;
}

int fontPixels(float contentScale, float fit, float zoom)
{
    return std::max(8, int(std::lround(kBaseFontPixels * contentScale * fit * zoom)));
}

bool UiScale::press(ZoomKey key)
{
    const float zoom = applyZoomKey(m_zoom, key);
    if (zoom == m_zoom) return false;
    m_zoom = zoom;
    return true;
}

int UiScale::naturalPixels(int windowWidth, int windowHeight) const
{
    const float fit =
        fitFactor(float(windowWidth) / m_contentScale, float(windowHeight) / m_contentScale);
    return fontPixels(m_contentScale, fit, m_zoom);
}

int UiScale::wantedPixels(int windowWidth, int windowHeight, double now, int shownPixels)
{
    m_fit = fitFactor(float(windowWidth) / m_contentScale, float(windowHeight) / m_contentScale);
    const int wanted = std::max(naturalPixels(windowWidth, windowHeight), m_minPixels);
    m_pending = false;
    if (wanted == shownPixels) {
        m_lastZoom = m_zoom;
        return shownPixels;
    }
    // The zoom changed (or nothing was handed out yet): at once.
    if (m_zoom != m_lastZoom) {
        m_lastZoom = m_zoom;
        return wanted;
    }
    // The window's size changed: at most once per interval.
    if (now - m_lastChange < kResizeInterval) {
        m_pending = true;
        return shownPixels;
    }
    m_lastChange = now;
    return wanted;
}

} // namespace nnviz::gui
