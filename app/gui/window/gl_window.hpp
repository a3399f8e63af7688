// The window: GLFW, an OpenGL 3.3 core context and Dear ImGui with its GLFW and OpenGL 3 backends,
// set up in the order of Dear ImGui's example_glfw_opengl3 and torn down in reverse.
//
// Creating the GL context is most of the start-up with Mesa's software renderer (it loads and
// initialises LLVM, single-threaded): meanwhile a second thread creates the ImGui context and runs
// the caller's preparation (the font atlas, the models), which must need no GL. This thread
// touches neither ImGui nor what the preparation builds until it has ended.
#pragma once

#include "app/gui/window/input_capture.hpp"
#include "app/gui/window/stage_timer.hpp"

#include <filesystem>
#include <functional>

struct GLFWwindow;

namespace nnviz::gui {

struct GlWindowConfig {
    int width = 1600, height = 1000; // screen coordinates, before the content scale
    bool vsync = true;               // off for bench and screenshot runs (they measure our work)
    std::filesystem::path icon;      // a PNG; none if it cannot be read
};

class GlWindow {
  public:
    // prepare(contentScale) runs on the second thread with the ImGui context current. Throws
    // std::runtime_error saying what is missing (a display, OpenGL 3.3), or what prepare threw.
    GlWindow(const GlWindowConfig& config, const StageTimer& stages, InputCapture& input,
             const std::function<void(float contentScale)>& prepare);
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    struct Size {
        int width = 0, height = 0;
    };
    GLFWwindow* get() const { return m_window; }
    Size size() const;            // screen coordinates
    Size framebufferSize() const; // pixels
    // Iconified, or with an empty framebuffer (a sliver): nothing to draw.
    bool minimised() const;
    // Full screen on the monitor the window is on, in that monitor's video mode; off puts the
    // window back where and as large as it was before (presentation mode).
    void setFullScreen(bool on);
    bool fullScreen() const;

  private:
    void release(); // undoes whatever the constructor did

    GLFWwindow* m_window = nullptr;
    int m_windowedX = 0, m_windowedY = 0, m_windowedW = 0, m_windowedH = 0; // before full screen
    bool m_glfw = false, m_imgui = false, m_backends = false;
};

} // namespace nnviz::gui
