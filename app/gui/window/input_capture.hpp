// What GLFW reports between two frames, kept whole. ImGui 1.86's GLFW backend polls the cursor once
// per frame and loses a key pressed and released between two frames; these callbacks keep every
// cursor position (the drawing pad joins them into a polyline), every key press (the shortcuts)
// and every dropped file, and note that something happened (an idle window draws only then).
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/window/shortcuts.hpp"
#include "app/gui/window/ui_scale.hpp"

#include <imgui.h>

#include <string>
#include <vector>

struct GLFWwindow;

namespace nnviz::gui {

class InputCapture {
  public:
    InputCapture() = default;
    InputCapture(const InputCapture&) = delete;
    InputCapture& operator=(const InputCapture&) = delete;

    // Makes this the window's user pointer and installs the callbacks; call before
    // ImGui_ImplGlfw_InitForOpenGL, whose callbacks then chain to these. Must outlive the window.
    void install(GLFWwindow* window);

    // Whether anything happened since the last call (input, resize, expose, focus).
    bool takeActivity();
    // The keys pressed (as shortcuts, unless a text field has the keyboard) and the files dropped
    // since the last call, as requests.
    void takeRequests(UiRequests& req, bool textInput);
    // The presentation keys among those pressed since the last takeRequests() (call before it).
    PresentKeys presentKeys(bool textInput) const;
    // The zoom keys (Ctrl +, Ctrl −, Ctrl 0) pressed since the last call; none while a text field
    // has the keyboard.
    std::vector<ZoomKey> takeZoomKeys(bool textInput);
    // Cursor positions (window coordinates) since the last clearTrail(), for the drawing pad.
    const std::vector<ImVec2>& trail() const { return m_trail; }
    void clearTrail() { m_trail.clear(); }

  private:
    static InputCapture& of(GLFWwindow* window);
    template <typename... Args> static void onActivity(GLFWwindow* window, Args...);
    static void onCursor(GLFWwindow* window, double x, double y);
    static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void onDrop(GLFWwindow* window, int count, const char** paths);

    std::vector<ImVec2> m_trail;
    std::vector<int> m_keys;          // GLFW_KEY_*
    std::vector<std::string> m_drops; // paths
    std::vector<ZoomKey> m_zoomKeys;  // kept apart from m_keys: Ctrl 0 is not the digit 0
    bool m_activity = false;
};

} // namespace nnviz::gui
