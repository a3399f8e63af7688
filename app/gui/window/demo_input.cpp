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
    const float k = float(AppModel::kCanvasSize) / 28.0f;
    // Top arc of the 2.
    for (int i = 0; i <= 20; ++i) {
        const float t = 3.5f - 3.2f * float(i) / 20.0f; // radians, from lower-left round to right
        path.push_back({k * (14.0f + 5.5f * std::cos(t)), k * (10.5f - 5.0f * std::sin(t))});
    }
    // Diagonal down to the lower left, then the base stroke.
    const Point from = path.back();
    for (int i = 1; i <= 14; ++i) {
        const float t = float(i) / 14.0f;
        path.push_back({from.x + (k * 8.5f - from.x) * t, from.y + (k * 22.0f - from.y) * t});
    }
    for (int i = 1; i <= 10; ++i)
        path.push_back({k * (8.5f + 11.0f * float(i) / 10.0f), k * 22.0f});

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
