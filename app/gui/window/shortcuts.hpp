// Keyboard shortcuts: keys pressed since the last frame (GLFW_KEY_*) become requests. The loop
// skips this while a text field has the keyboard.
#pragma once

#include "app/gui/model/snapshot.hpp"

#include <vector>

namespace nnviz::gui {

void applyShortcuts(const std::vector<int>& keys, UiRequests& req);

} // namespace nnviz::gui
