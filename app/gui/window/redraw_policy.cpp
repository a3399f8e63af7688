// RedrawPolicy: see redraw_policy.hpp.
#include "app/gui/window/redraw_policy.hpp"

#include "app/gui/panels/network_view.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

namespace nnviz::gui {
namespace {

double seconds(RedrawPolicy::Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// Frames keep coming this long after the last event: ImGui needs a few to settle after input,
// and the network view re-renders w·a edges at most every NetworkView::kEdgeRenderInterval
// seconds, so the last one must fall in a frame.
constexpr double kAfterEventSeconds = NetworkView::kEdgeRenderInterval + 0.2;

} // namespace

double RedrawPolicy::sleep(bool busy, bool pulsing)
{
    const Clock::time_point start = Clock::now();
    m_moving = busy || seconds(start - m_lastEvent) < kAfterEventSeconds;
    if (m_flatOut)
        glfwPollEvents();
    else if (m_moving)
        // No vsync under a software renderer: cap at 60 frames a second (an event still wakes
        // the loop at once).
        glfwWaitEventsTimeout(std::max(0.0, 1.0 / 60.0 - seconds(start - m_woke)));
    else
        glfwWaitEventsTimeout(pulsing ? 1.0 / 20.0 : 0.5);
    const Clock::time_point now = Clock::now();
    const double dt = seconds(now - m_woke);
    m_woke = now;
    return dt;
}

bool RedrawPolicy::needed(const Snapshot& snap, bool event, bool pulsing)
{
    if (event) m_lastEvent = m_woke;
    return event || m_moving || pulsing || !m_stamp || stamp(snap) != *m_stamp;
}

uint64_t RedrawPolicy::stamp(const Snapshot& s)
{
    uint64_t h = 14695981039346656037ull; // FNV-1a over the fields
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    mix(uint64_t(reinterpret_cast<uintptr_t>(s.model.net.get())));
    mix(s.model.weightsVersion);
    mix(s.timeline.version);
    mix(s.input.version);
    mix(s.input.canvasVersion);
    mix(s.sweep.shownVersion);
    mix(uint64_t(s.view.focus));
    mix(uint64_t(s.view.selected.layer) << 32 | uint32_t(s.view.selected.neuron));
    mix(uint64_t(s.model.swapMode));
    mix(uint64_t(s.input.useRaw) | uint64_t(s.sweep.enabled) << 1 |
        uint64_t(s.model.untrained) << 2);
    mix(uint64_t(std::lround(double(s.sweep.speed) * 1000.0)));
    mix(std::hash<std::string>{}(s.model.name));
    mix(std::hash<std::string>{}(s.model.message));
    mix(s.backprop.version);
    mix(uint64_t(s.backprop.shown) | uint64_t(s.backprop.target) << 1);
    mix(uint64_t(std::lround(double(s.backprop.sweep) * 1000.0)));
    // The Surgery tab: an ablation or the dead neurons arriving from the background.
    mix(s.surgery.version ^ s.surgery.ablationWeights ^ (s.surgery.activityWeights << 1));
    mix(uint64_t(s.surgery.ablating) | uint64_t(s.surgery.shown) << 1);
    mix(std::hash<std::string>{}(s.surgery.message));
    return h;
}

} // namespace nnviz::gui
