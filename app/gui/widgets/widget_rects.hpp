// Rectangles of named widgets, in window pixels, as drawn this frame: the shell owns the map,
// recordItem() (form_widgets.hpp) fills it, and the event log sends it as the "layout" event
// whenever it changes, so GUI tests click real widgets. No ImGui here.
#pragma once

#include <map>
#include <string>

namespace nnviz::gui {

struct WidgetRect {
    int x = 0, y = 0, w = 0, h = 0;
    // How much of the content does not show (px): a panel's scroll range, a tab's cut-off label;
    // 0 when all of it shows (and then not in the event).
    int clipped = 0;
    bool operator==(const WidgetRect&) const = default;
};

using WidgetRects = std::map<std::string, WidgetRect>; // by name ("train_start", "tab_train"...)

} // namespace nnviz::gui
