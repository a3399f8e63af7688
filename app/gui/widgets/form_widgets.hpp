// What the panels with forms share (canvas, train, model file): the colours of their messages and
// recordItem(), which puts the last ImGui item's rectangle, in window pixels, under a name in the
// shell's WidgetRects; the shell sends those as the "layout" event so GUI tests click real widgets.
#pragma once

#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <cmath>

namespace nnviz::gui {

inline const ImVec4 kErrorText(1.0f, 0.38f, 0.35f, 1.0f); // refused input, failures
inline const ImVec4 kWarningText(1.0f, 0.7f, 0.3f, 1.0f); // something missing, still usable
inline const ImVec4 kGoodText(0.45f, 0.85f, 0.5f, 1.0f);  // finished, saved

inline void recordItem(WidgetRects& widgets, const char* name)
{
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImVec2 s = ImGui::GetIO().DisplayFramebufferScale;
    widgets[name] = {int(std::lround(a.x * s.x)), int(std::lround(a.y * s.y)),
                     int(std::lround((b.x - a.x) * s.x)), int(std::lround((b.y - a.y) * s.y))};
}

} // namespace nnviz::gui
