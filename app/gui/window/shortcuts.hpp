// Keyboard shortcuts: keys pressed since the last frame (GLFW_KEY_*) become requests. The loop
// skips this while a text field has the keyboard.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/window/ui_scale.hpp"

#include <optional>

#include <vector>

namespace nnviz::gui {

void applyShortcuts(const std::vector<int>& keys, UiRequests& req);

// The shell's own keys, for presentation mode (the model never hears of them).
struct PresentKeys {
    bool toggle = false; // F11: enter or leave
    bool leave = false;  // Esc: leave (only that, while presenting)
    int stepBy = 0;      // the Learn step: → / PageDown +1, ← / PageUp −1 (a clicker's keys)
};
// textInput: a text field has the keyboard (then only F11 counts).
PresentKeys presentKeys(const std::vector<int>& keys, bool textInput);

// A key pressed with Ctrl that zooms the interface: + or = (zoom in), − (out), 0 (back to 100 %),
// on the main keys or the keypad. keyName: glfwGetKeyName()'s text for the key on the user's
// keyboard layout (null if none), so Ctrl + is the key that types + (on a German keyboard not the
// one where US keyboards have =). Such a key is not also a plain shortcut (Ctrl 0 is no digit).
std::optional<ZoomKey> zoomShortcut(int key, const char* keyName);

} // namespace nnviz::gui
