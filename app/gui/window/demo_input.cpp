// DemoInput: see demo_input.hpp.
#include "app/gui/window/demo_input.hpp"

#include "app/gui/model/app_model.hpp"

#include <cmath>
#include <utility>

namespace nnviz::gui {
namespace {

// The "2" as segments on the pad, with the pad's default brush.
std::vector<CanvasStroke> digitTwo()
{
    struct Point {
        float x, y;
    };
    std::vector<Point> path;
    // The glyph in fractions of the pad's side (0 = left/top, 1 = right/bottom).
    const float k = float(AppModel::kCanvasSize);
    // Top arc of the 2.
    for (int i = 0; i <= 20; ++i) {
        const float t = 3.5f - 3.2f * float(i) / 20.0f; // radians, from lower-left round to right
        path.push_back({k * (0.5f + 0.196f * std::cos(t)), k * (0.375f - 0.179f * std::sin(t))});
    }
    // Diagonal down to the lower left, then the base stroke.
    const Point from = path.back();
    const float left = 0.304f * k, base = 0.786f * k;
    for (int i = 1; i <= 14; ++i) {
        const float t = float(i) / 14.0f;
        path.push_back({from.x + (left - from.x) * t, from.y + (base - from.y) * t});
    }
    for (int i = 1; i <= 10; ++i)
        path.push_back({left + k * 0.393f * float(i) / 10.0f, base});

    std::vector<CanvasStroke> strokes;
    for (size_t i = 1; i < path.size(); ++i)
        strokes.push_back({path[i - 1].x, path[i - 1].y, path[i].x, path[i].y, 11, false});
    return strokes;
}

} // namespace

DemoInput::DemoInput(std::filesystem::path image, bool drawDigit)
    : m_image(std::move(image)), m_digit(drawDigit ? digitTwo() : std::vector<CanvasStroke>{})
{
}

void DemoInput::addTo(UiRequests& req)
{
    if (!m_image.empty()) req.openImage = std::exchange(m_image, {});
    if (m_digit.empty()) return;
    // A clean pad, then the digit's segments, and again.
    const size_t i = m_step++ % (m_digit.size() + 1);
    if (i == 0)
        req.clearCanvas = true;
    else
        req.strokes.push_back(m_digit[i - 1]);
}

} // namespace nnviz::gui
