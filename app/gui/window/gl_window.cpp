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

bool GlWindow::minimised() const
{
    const Size fb = framebufferSize();
    return glfwGetWindowAttrib(m_window, GLFW_ICONIFIED) || fb.width <= 0 || fb.height <= 0;
}

} // namespace nnviz::gui
