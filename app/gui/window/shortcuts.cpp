// Keyboard shortcuts: see shortcuts.hpp. The status bar lists them.
#include "app/gui/window/shortcuts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace nnviz::gui {

void applyShortcuts(const std::vector<int>& keys, UiRequests& req)
{
    for (int key : keys) {
        if (key == GLFW_KEY_A)
            req.toggleActivation = true;
        if (key == GLFW_KEY_C)
            req.clearCanvas = true;
        if (key == GLFW_KEY_T)
            req.trainKey = true; // the Train panel turns it into Start or Stop
    }
}

} // namespace nnviz::gui
