// GlWindow: see gl_window.hpp.
#include "app/gui/window/gl_window.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

namespace nnviz::gui {
namespace {

void onGlfwError(int code, const char* description)
{
    std::fprintf(stderr, "nnviz: GLFW error %d: %s\n", code, description);
}

void setWindowHints()
{
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // No depth or stencil buffer: nothing here uses them, and a software renderer would
    // allocate and keep them at window size.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
}

// Content scale of the primary monitor (HiDPI): fonts and spacing grow with it.
float contentScale()
{
    float sx = 1, sy = 1;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
        glfwGetMonitorContentScale(monitor, &sx, &sy);
    return std::clamp(std::max(sx, sy), 1.0f, 4.0f);
}

// The window's icon; silently none when the file cannot be read.
void setWindowIcon(GLFWwindow* window, const std::filesystem::path& file)
{
    GLFWimage icon{};
    int channels = 0;
    icon.pixels = stbi_load(file.string().c_str(), &icon.width, &icon.height, &channels, 4);
    if (!icon.pixels) return;
    glfwSetWindowIcon(window, 1, &icon);
    stbi_image_free(icon.pixels);
}

// The monitor holding the window's centre (GLFW has no such call for a windowed window); the
// primary one when none does (e.g. the window is off every screen).
GLFWmonitor* monitorOf(GLFWwindow* window)
{
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetWindowPos(window, &x, &y);
    glfwGetWindowSize(window, &w, &h);
    const int cx = x + w / 2, cy = y + h / 2;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        int mx = 0, my = 0;
        glfwGetMonitorPos(monitors[i], &mx, &my);
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        if (mode && cx >= mx && cy >= my && cx < mx + mode->width && cy < my + mode->height)
            return monitors[i];
    }
    return glfwGetPrimaryMonitor();
}

} // namespace

GlWindow::GlWindow(const GlWindowConfig& config, const StageTimer& stages, InputCapture& input,
                   const std::function<void(float)>& prepare)
{
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit())
        throw std::runtime_error("cannot initialise GLFW (is there a display? try xvfb-run)");
    m_glfw = true;
    stages.mark("GLFW initialised");
    setWindowHints();
    const float scale = contentScale();
    std::exception_ptr prepareError;
    std::thread preparing([&] {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr; // the layout is fixed: nothing to remember
        try {
            prepare(scale);
        } catch (...) {
            prepareError = std::current_exception();
        }
    });
    m_window = glfwCreateWindow(std::max(config.width, 64), std::max(config.height, 64),
                                "nnviz: draw a digit, watch the network think", nullptr, nullptr);
    preparing.join();
    m_imgui = true;
    try {
        if (prepareError) std::rethrow_exception(prepareError);
        if (!m_window) throw std::runtime_error("cannot open an OpenGL 3.3 core window");
        glfwMakeContextCurrent(m_window);
        stages.mark("window and GL context");
        setWindowIcon(m_window, config.icon);
        if (!gladLoadGL(glfwGetProcAddress))
            throw std::runtime_error("cannot load OpenGL 3.3 functions");
    } catch (...) {
        release();
        throw;
    }
    glfwSwapInterval(config.vsync ? 1 : 0);
    input.install(m_window); // before the backend, whose callbacks chain to these
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_backends = true;
    stages.mark("ImGui and fonts");
}

GlWindow::~GlWindow()
{
    release();
}

void GlWindow::release()
{
    if (m_backends) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (m_imgui) ImGui::DestroyContext();
    if (m_window) glfwDestroyWindow(m_window);
    if (m_glfw) glfwTerminate();
    m_backends = m_imgui = m_glfw = false;
    m_window = nullptr;
}

GlWindow::Size GlWindow::size() const
{
    Size s;
    glfwGetWindowSize(m_window, &s.width, &s.height);
    return s;
}

GlWindow::Size GlWindow::framebufferSize() const
{
    Size s;
    glfwGetFramebufferSize(m_window, &s.width, &s.height);
    return s;
}

void GlWindow::setFullScreen(bool on)
{
    if (on == fullScreen()) return;
    if (on) {
        GLFWmonitor* monitor = monitorOf(m_window);
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) return; // no monitor to fill: stay windowed
        glfwGetWindowPos(m_window, &m_windowedX, &m_windowedY);
        glfwGetWindowSize(m_window, &m_windowedW, &m_windowedH);
        // Stay on the projector when focus goes to another screen (GLFW would iconify it).
        glfwSetWindowAttrib(m_window, GLFW_AUTO_ICONIFY, GLFW_FALSE);
        glfwSetWindowMonitor(m_window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(m_window, nullptr, m_windowedX, m_windowedY, std::max(m_windowedW, 64),
                             std::max(m_windowedH, 64), GLFW_DONT_CARE);
    }
}

bool GlWindow::fullScreen() const
{
    return glfwGetWindowMonitor(m_window) != nullptr;
}

bool GlWindow::minimised() const
{
    const Size fb = framebufferSize();
    return glfwGetWindowAttrib(m_window, GLFW_ICONIFIED) || fb.width <= 0 || fb.height <= 0;
}

} // namespace nnviz::gui
