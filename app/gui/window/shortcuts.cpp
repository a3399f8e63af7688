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
        // The Surgery tab's, while it shows: kill / restore the selected neuron, undo, redo.
        if (key == GLFW_KEY_K || key == GLFW_KEY_R || key == GLFW_KEY_Z || key == GLFW_KEY_Y)
            req.surgeryKey = key - GLFW_KEY_A + 'A';
        if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9)
            req.digitKey = key - GLFW_KEY_0; // the Backprop tab's target, when it shows
        if (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9)
            req.digitKey = key - GLFW_KEY_KP_0;
    }
}

PresentKeys presentKeys(const std::vector<int>& keys, bool textInput)
{
    PresentKeys k;
    for (int key : keys) {
        if (key == GLFW_KEY_F11) k.toggle = !k.toggle;
        if (textInput) continue;
        if (key == GLFW_KEY_ESCAPE) k.leave = true;
        if (key == GLFW_KEY_RIGHT || key == GLFW_KEY_PAGE_DOWN) ++k.stepBy;
        if (key == GLFW_KEY_LEFT || key == GLFW_KEY_PAGE_UP) --k.stepBy;
    }
    return k;
}

} // namespace nnviz::gui
