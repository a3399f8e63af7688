// InputCapture: see input_capture.hpp.
#include "app/gui/window/input_capture.hpp"

#include "app/gui/window/shortcuts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <utility>

namespace nnviz::gui {
namespace {

// A dropped file: an image goes onto the pad, anything else is opened as a model (whose loader
// says what is wrong with it; the current model stays).
void requestDropped(const std::string& path, UiRequests& req)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".png" || ext == ".pgm" || ext == ".ppm" || ext == ".pnm")
        req.openImage = path;
    else
        req.openModel = path;
}

} // namespace

void InputCapture::install(GLFWwindow* window)
{
    glfwSetWindowUserPointer(window, this);
    glfwSetCursorPosCallback(window, onCursor);
    glfwSetKeyCallback(window, onKey);
    glfwSetDropCallback(window, onDrop);
    glfwSetMouseButtonCallback(window, onActivity<int, int, int>);
    glfwSetScrollCallback(window, onActivity<double, double>);
    glfwSetCharCallback(window, onActivity<unsigned int>);
    glfwSetWindowFocusCallback(window, onActivity<int>);
    glfwSetCursorEnterCallback(window, onActivity<int>);
    glfwSetWindowRefreshCallback(window, onActivity<>); // exposed: needs repainting
    glfwSetFramebufferSizeCallback(window, onActivity<int, int>);
}

bool InputCapture::takeActivity()
{
    return std::exchange(m_activity, false);
}

void InputCapture::takeRequests(UiRequests& req, bool textInput)
{
    if (!textInput) applyShortcuts(m_keys, req);
    m_keys.clear();
    for (const std::string& path : m_drops)
        requestDropped(path, req);
    m_drops.clear();
}

PresentKeys InputCapture::presentKeys(bool textInput) const
{
    return nnviz::gui::presentKeys(m_keys, textInput);
}

std::vector<ZoomKey> InputCapture::takeZoomKeys(bool textInput)
{
    std::vector<ZoomKey> keys;
    if (!textInput) keys = m_zoomKeys;
    m_zoomKeys.clear();
    return keys;
}

InputCapture& InputCapture::of(GLFWwindow* window)
{
    return *static_cast<InputCapture*>(glfwGetWindowUserPointer(window));
}

template <typename... Args> void InputCapture::onActivity(GLFWwindow* window, Args...)
{
    of(window).m_activity = true;
}

void InputCapture::onCursor(GLFWwindow* window, double x, double y)
{
    InputCapture& input = of(window);
    input.m_trail.emplace_back(float(x), float(y));
    input.m_activity = true;
}

void InputCapture::onKey(GLFWwindow* window, int key, int scancode, int action, int mods)
{
    InputCapture& input = of(window);
    if (action == GLFW_PRESS && (mods & GLFW_MOD_CONTROL))
        if (const auto zoom = zoomShortcut(key, glfwGetKeyName(key, scancode))) {
            input.m_zoomKeys.push_back(*zoom);
            input.m_activity = true;
            return;
        }
    if (action == GLFW_PRESS) input.m_keys.push_back(key);
    input.m_activity = true;
}

void InputCapture::onDrop(GLFWwindow* window, int count, const char** paths)
{
    InputCapture& input = of(window);
    for (int i = 0; i < count; ++i)
        input.m_drops.emplace_back(paths[i]);
    input.m_activity = true;
}

} // namespace nnviz::gui
