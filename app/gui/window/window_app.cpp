// runWindow(): the window's whole life, as one linear loop in the style of Dear ImGui's
// example_glfw_opengl3: init GLFW + glad + ImGui, then poll events → NewFrame → layout →
// apply the panels' requests → Render → swap, until closed; --screenshot and --bench-frames end
// it early.
//
// [SECTION] Input capture (cursor trail, keys, activity)
// [SECTION] Look: theme and fonts
// [SECTION] Screenshot, bench digit, statistics
// [SECTION] When to draw
// [SECTION] runWindow
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/gui/model/app_model.hpp"
#include "app/gui/window/event_log.hpp"
#include "app/gui/gl/shader.hpp"
#include "app/gui/panels/learn_panel.hpp"
#include "app/gui/window/main_layout.hpp"
#include "app/gui/panels/network_view.hpp"
#include "app/gui/window/resources.hpp"
#include "app/gui/window/shortcuts.hpp"
#include "app/gui/window/window_options.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace nnviz::gui {
namespace {

// [SECTION] Input capture (cursor trail, keys, activity)
//
// ImGui 1.86's GLFW backend polls the cursor once per frame and loses a key pressed and released
// between two frames; these callbacks (chained to the backend's) keep every cursor position for
// the drawing pad and every key press for the shortcuts.

struct InputCapture {
    std::vector<ImVec2> trail;  // cursor positions since the last frame (window coordinates)
    std::vector<int> keys;      // keys pressed since the last frame (GLFW_KEY_*)
    std::vector<std::string> drops; // files dropped on the window since the last frame
    bool activity = false;      // any event since the last frame (input, resize, expose, focus)
    GLFWkeyfun prevKey = nullptr;
    GLFWmousebuttonfun prevButton = nullptr;
    GLFWscrollfun prevScroll = nullptr;
    GLFWcharfun prevChar = nullptr;
    GLFWwindowfocusfun prevFocus = nullptr;
    GLFWcursorenterfun prevEnter = nullptr;
};
InputCapture g_input;

void onCursor(GLFWwindow*, double x, double y)
{
    g_input.trail.emplace_back(float(x), float(y));
    g_input.activity = true;
}

void onKey(GLFWwindow* w, int key, int scancode, int action, int mods)
{
    if (g_input.prevKey)
        g_input.prevKey(w, key, scancode, action, mods);
    if (action == GLFW_PRESS)
        g_input.keys.push_back(key);
    g_input.activity = true;
}

void onButton(GLFWwindow* w, int button, int action, int mods)
{
    if (g_input.prevButton)
        g_input.prevButton(w, button, action, mods);
    g_input.activity = true;
}

void onScroll(GLFWwindow* w, double dx, double dy)
{
    if (g_input.prevScroll)
        g_input.prevScroll(w, dx, dy);
    g_input.activity = true;
}

void onChar(GLFWwindow* w, unsigned int c)
{
    if (g_input.prevChar)
        g_input.prevChar(w, c);
    g_input.activity = true;
}

void onFocus(GLFWwindow* w, int focused)
{
    if (g_input.prevFocus)
        g_input.prevFocus(w, focused);
    g_input.activity = true;
}

void onEnter(GLFWwindow* w, int entered)
{
    if (g_input.prevEnter)
        g_input.prevEnter(w, entered);
    g_input.activity = true;
}

// The window was resized or needs repainting (exposed): an idle window draws only on events.
void onRefresh(GLFWwindow*) { g_input.activity = true; }

void onDrop(GLFWwindow*, int count, const char** paths)
{
    for (int i = 0; i < count; ++i)
        g_input.drops.emplace_back(paths[i]);
    g_input.activity = true;
}

// A dropped file: an image goes onto the pad, anything else is opened as a model (whose
// loader says what is wrong with it; the current model stays).
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
void onFramebufferSize(GLFWwindow*, int, int) { g_input.activity = true; }

void onGlfwError(int code, const char* description)
{
    std::fprintf(stderr, "nnviz: GLFW error %d: %s\n", code, description);
}

// [SECTION] Look: theme and fonts

// Dark theme with rounded corners and a muted accent; sizes scaled by the content scale.
ImGuiStyle makeStyle(float scale)
{
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.TabRounding = 3;
    style.WindowBorderSize = 1;
    style.FramePadding = ImVec2(6, 4);
    style.ItemSpacing = ImVec2(8, 6);
    ImVec4* c = style.Colors;
    // Window backgrounds are left to glClear (same colour): with a software renderer, not
    // blending a full-screen layer of window backgrounds every frame is a large saving.
    c[ImGuiCol_WindowBg] = ImVec4(0.075f, 0.078f, 0.095f, 0.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.10f, 0.105f, 0.13f, 0.97f);
    c[ImGuiCol_TitleBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.13f, 0.15f, 0.20f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.22f, 0.24f, 0.30f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.14f, 0.15f, 0.19f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.14f, 0.16f, 0.22f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.22f, 0.32f, 0.50f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.28f, 0.42f, 0.65f, 1.0f);
    style.ScaleAllSizes(scale);
    return style;
}

// DejaVu Sans (Debian's fonts-dejavu-core) covers σ, Σ, ᵢ, ·, −, →, ≈ used in the formulas; the
// built-in font is the fallback. Two sizes: normal, and large for big windows (≥ 1300 high).
ImFont* g_fonts[2] = {nullptr, nullptr};

void loadFonts(float scale)
{
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        // Only what the panels print (a font atlas with whole Unicode blocks costs start time).
        static const ImWchar extra[] = {0x0391, 0x03C9, // Greek: σ Σ
                                        0x1D62, 0x1D62, // ᵢ
                                        0x2013, 0x2026, // – … ·
                                        0x2070, 0x209F, // super/subscripts
                                        0x2190, 0x2194, // arrows
                                        0x2202, 0x2202, 0x2211, 0x2212, 0x221A, 0x221A,
                                        0x221E, 0x221E, 0x2248, 0x2248, 0x2260, 0x2265,
                                        0x2299, 0x2299, // ∂ ∑ − √ ∞ ≈ ≠ ≤ ≥ ⊙
                                        0x25A0, 0x25A0, 0x25CB, 0x25CB, 0x25CF, 0x25CF, // ■ ○ ●
                                        0};
        builder.AddRanges(extra);
        builder.BuildRanges(&ranges);
    }
    const char* candidates[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                "/usr/share/fonts/dejavu/DejaVuSans.ttf",
                                "/usr/local/share/fonts/DejaVuSans.ttf"};
    const float sizes[2] = {16.0f * scale, 23.0f * scale};
    for (const char* path : candidates) {
        if (FILE* f = std::fopen(path, "rb")) {
            std::fclose(f);
            for (int i = 0; i < 2; ++i) {
                // Glyphs rasterised at their on-screen size and placed on whole pixels, so the
                // atlas can be sampled NEAREST (see sharpenFontAtlas): same look, and every
                // ImGui primitive (they all sample the atlas) is cheaper for software GL.
                ImFontConfig config;
                config.OversampleH = 1;
                config.OversampleV = 1;
                config.PixelSnapH = true;
                g_fonts[i] = io.Fonts->AddFontFromFileTTF(path, sizes[i], &config, ranges.Data);
            }
            if (g_fonts[0] && g_fonts[1])
                return;
        }
    }
    for (int i = 0; i < 2; ++i) {
        ImFontConfig config;
        config.SizePixels = std::round(13.0f * scale * (i ? 1.6f : 1.15f));
        g_fonts[i] = io.Fonts->AddFontDefault(&config);
    }
}

// The backend creates the font atlas texture with LINEAR filtering; glyphs are drawn 1:1 on
// whole pixels (PixelSnapH, no oversampling), where NEAREST looks the same. llvmpipe samples
// NEAREST much faster, and every ImGui triangle, text or not, samples this texture.
void sharpenFontAtlas()
{
    const auto tex = GLuint(reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
    if (!tex)
        return;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    // The same sampler state as every other texture here: one llvmpipe shader variant for all.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

// [SECTION] Screenshot, bench digit, statistics

bool writeScreenshot(const std::filesystem::path& file, int width, int height)
{
    std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    std::vector<unsigned char> flipped(pixels.size());
    const size_t row = size_t(width) * 4;
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + size_t(height - 1 - y) * row, row,
                    flipped.data() + size_t(y) * row);
    for (size_t i = 3; i < flipped.size(); i += 4)
        flipped[i] = 255;
    std::error_code ec;
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path(), ec);
    return stbi_write_png(file.string().c_str(), width, height, 4, flipped.data(),
                          int(row)) != 0;
}

// A handwritten-looking "2" for --bench-frames: points on the 280-pixel
// pad, drawn one segment per frame.
std::vector<ImVec2> demoDigitPath()
{
    std::vector<ImVec2> path;
    const float k = float(AppModel::kCanvasSize) / 28.0f;
    // Top arc of the 2.
    for (int i = 0; i <= 20; ++i) {
        const float t = 3.5f - 3.2f * float(i) / 20.0f; // radians, from lower-left round to right
        path.emplace_back(k * (14.0f + 5.5f * std::cos(t)), k * (10.5f - 5.0f * std::sin(t)));
    }
    // Diagonal down to the lower left, then the base stroke.
    const ImVec2 from = path.back();
    for (int i = 1; i <= 14; ++i) {
        const float t = float(i) / 14.0f;
        path.emplace_back(from.x + (k * 8.5f - from.x) * t, from.y + (k * 22.0f - from.y) * t);
    }
    for (int i = 1; i <= 10; ++i)
        path.emplace_back(k * (8.5f + 11.0f * float(i) / 10.0f), k * 22.0f);
    return path;
}

// The window's icon (assets/icons/nnviz.png); silently none when the file is missing.
void setWindowIcon(GLFWwindow* window, const std::filesystem::path& png)
{
    const std::string file = png.string();
    GLFWimage icon{};
    int channels = 0;
    icon.pixels = stbi_load(file.c_str(), &icon.width, &icon.height, &channels, 4);
    if (!icon.pixels)
        return;
    glfwSetWindowIcon(window, 1, &icon);
    stbi_image_free(icon.pixels);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(std::ceil(p / 100.0 * double(v.size()))) - 1);
    return v[i];
}

// [SECTION] When to draw
//
// An idle window costs nothing: no frame is drawn unless there was an event, something moves,
// the Learn outline is still pulsing, or the snapshot changed on its own (seen by this stamp).

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// Frames keep coming this long after the last event: ImGui needs a few to settle after input,
// and the network view re-renders w·a edges at most every NetworkView::kEdgeRenderInterval
// seconds, so the last one must fall in a frame.
constexpr double kAfterEventSeconds = NetworkView::kEdgeRenderInterval + 0.2;

// What the frame shows, as one number: if it is unchanged and nothing else happened, the last
// frame still stands.
uint64_t snapshotStamp(const Snapshot& s)
{
    uint64_t h = 14695981039346656037ull; // FNV-1a over the fields
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    mix(uint64_t(reinterpret_cast<uintptr_t>(s.model.net.get())));
    mix(s.model.weightsVersion);
    mix(s.input.version);
    mix(s.input.canvasVersion);
    mix(s.sweep.shownVersion);
    mix(uint64_t(s.view.focus));
    mix(uint64_t(s.view.selected.layer) << 32 | uint32_t(s.view.selected.neuron));
    mix(uint64_t(s.model.swapMode));
    mix(uint64_t(s.input.useRaw) | uint64_t(s.sweep.enabled) << 1 | uint64_t(s.model.untrained) << 2);
    mix(uint64_t(std::lround(double(s.sweep.speed) * 1000.0)));
    mix(std::hash<std::string>{}(s.model.name));
    mix(std::hash<std::string>{}(s.model.message));
    return h;
}

// The Learn panel's outline (MainLayout::drawFocus) pulses for LearnPanel::kPulseSeconds after
// it moves: the loop draws 20 frames a second for it until one frame past that age has been
// drawn (the outline at full brightness), then it stands still.
class RedrawState {
public:
    bool pulsing() const { return m_focus != Focus::None && !m_pulseDone; }

    // Whether to draw a frame now (busy: an event or something moving).
    bool needed(const Snapshot& snap, bool busy, int frame) const
    {
        return busy || frame == 0 || pulsing() || snapshotStamp(snap) != m_stamp;
    }

    // After a frame: stamp = what it showed, focus = the outline after the frame's requests.
    void drawn(uint64_t stamp, Focus focus, double imguiTime)
    {
        m_stamp = stamp;
        if (focus != m_focus) {
            m_focus = focus;
            m_focusTime = imguiTime;
            m_pulseDone = false;
            return;
        }
        if (imguiTime - m_focusTime >= LearnPanel::kPulseSeconds)
            m_pulseDone = true;
    }

private:
    uint64_t m_stamp = 0;
    Focus m_focus = Focus::None;
    double m_focusTime = 0;
    bool m_pulseDone = true;
};

} // namespace

// [SECTION] runWindow

int runWindow(const WindowOptions& options)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const bool benchmark = options.benchFrames > 0;
    const bool screenshot = !options.screenshot.empty();
    const EventLog log(options.logEvents);
    Resources resources;
    try {
        resources = findResources();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nnviz: %s\n", e.what());
        return 1;
    }
    // --timing: how long each start-up stage takes, on stderr.
    const bool timing = benchmark || options.timing;
    auto stage = [&](const char* what) {
        if (timing)
            std::fprintf(stderr, "nnviz: %-28s %7.1f ms\n", what,
                         std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    };

    // Blocks of a few hundred KB are allocated and freed every frame while drawing (the pad's
    // image, Mesa's buffers). By default glibc may give them back to the kernel and fault them in
    // again, zeroed, each time: up to ~185 page faults a frame, a quarter of the CPU time of a
    // 600-frame bench. Blocks under 32 MB stay in the heap instead (RSS unchanged, ~126 MB).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);

    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "nnviz: cannot initialise GLFW (is there a display? try xvfb-run)\n");
        return 1;
    }
    stage("GLFW initialised");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // No depth or stencil buffer: nothing here uses them, and a software renderer would
    // allocate and keep them at window size.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);

    // Content scale of the primary monitor (HiDPI): fonts and spacing grow with it.
    float scale = 1.0f;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        float sx = 1, sy = 1;
        glfwGetMonitorContentScale(monitor, &sx, &sy);
        scale = std::clamp(std::max(sx, sy), 1.0f, 4.0f);
    }
    // Creating the GL context is most of the start-up with Mesa's software renderer (it loads and
    // initialises LLVM, single-threaded): meanwhile a second thread builds the font atlas and
    // loads the models, which need no GL. The main thread touches neither ImGui nor the model
    // until it joins.
    std::unique_ptr<AppModel> preparedModel;
    std::string prepareError;
    std::thread prepare([&] {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& pio = ImGui::GetIO();
        pio.IniFilename = nullptr; // the layout is fixed: nothing to remember
        loadFonts(scale);
        pio.Fonts->Build();
        try {
            preparedModel = std::make_unique<AppModel>(
                AppModelConfig{options.model, options.dataDir, resources.asset("models")});
        } catch (const std::exception& e) {
            prepareError = e.what();
        }
    });
    GLFWwindow* window = glfwCreateWindow(std::max(options.width, 64), std::max(options.height, 64),
                                          "nnviz: draw a digit, watch the network think", nullptr,
                                          nullptr);
    prepare.join();
    if (!window) {
        ImGui::DestroyContext();
        std::fprintf(stderr, "nnviz: cannot open an OpenGL 3.3 core window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    stage("window and GL context");
    setWindowIcon(window, resources.asset("icons/nnviz.png"));
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fprintf(stderr, "nnviz: cannot load OpenGL 3.3 functions\n");
        ImGui::DestroyContext();
        glfwDestroyWindow(window);
        glfwTerminate();
        return 1;
    }
    // Bench and screenshot runs measure our work, not the display's refresh.
    glfwSwapInterval(benchmark || screenshot ? 0 : 1);

    ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle styles[2] = {makeStyle(scale), makeStyle(scale * 23.0f / 16.0f)};
    ImGui::GetStyle() = styles[0];
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    stage("ImGui and fonts");
    glfwSetCursorPosCallback(window, onCursor);
    g_input.prevKey = glfwSetKeyCallback(window, onKey);
    g_input.prevButton = glfwSetMouseButtonCallback(window, onButton);
    g_input.prevScroll = glfwSetScrollCallback(window, onScroll);
    g_input.prevChar = glfwSetCharCallback(window, onChar);
    g_input.prevFocus = glfwSetWindowFocusCallback(window, onFocus);
    g_input.prevEnter = glfwSetCursorEnterCallback(window, onEnter);
    glfwSetDropCallback(window, onDrop);
    glfwSetWindowRefreshCallback(window, onRefresh);
    glfwSetFramebufferSizeCallback(window, onFramebufferSize);

    int status = 0;
    {
        // Everything holding GL objects lives in this scope, so it is destroyed before the
        // context.
        std::unique_ptr<AppModel> model;
        std::unique_ptr<MainLayout> layout;
        try {
            if (!prepareError.empty())
                throw std::runtime_error(prepareError);
            model = std::move(preparedModel);
            stage("models loaded");
            layout = std::make_unique<MainLayout>(resources.shaders(),
                                                  options.edges == EdgeMode::Contribution);
            stage("panels created");
        } catch (const std::exception& e) {
            // Shader compile/link errors carry the driver's log: print it whole.
            std::fprintf(stderr, "nnviz: %s\n", e.what());
            status = 1;
        }

        const std::vector<ImVec2> demo = demoDigitPath();
        size_t demoStep = 0;

        std::vector<double> frameMs;
        frameMs.reserve(size_t(std::max(options.benchFrames, 0)));
        // --timing with --bench-frames: where a frame's time goes (medians per stage, each
        // stage finished with glFinish so the software renderer's work lands in its stage).
        const bool stageTiming = benchmark && options.timing;
        std::vector<double> stageMs[5]; // layout (CPU), apply (model), render, swap, vertices
        auto lap = [&](Clock::time_point& t, int i) {
            if (!stageTiming)
                return;
            if (i >= 2)
                glFinish();
            const auto n = Clock::now();
            stageMs[i].push_back(std::chrono::duration<double, std::milli>(n - t).count());
            t = n;
        };
        int frame = 0, tier = 0;
        bool readySent = false;
        auto last = Clock::now();
        auto lastEvent = last;          // the last input, resize, expose or focus event
        RedrawState redraw;
        // --log-events: a "frames" event every few seconds with the drawn frames' work times
        // (from waking up to the swap), for the soak test and anyone watching the window.
        std::vector<double> workMs;
        auto framesSince = last;
        WidgetRects widgets, widgetsSent; // this frame's, and the last "layout" event's
        while (status == 0 && !glfwWindowShouldClose(window)) {
            const auto frameStart = Clock::now();
            auto lapStart = frameStart;
            // A minimised or zero-sized window draws nothing: sleep until something happens.
            int fbw = 0, fbh = 0;
            glfwGetFramebufferSize(window, &fbw, &fbh);
            if (glfwGetWindowAttrib(window, GLFW_ICONIFIED) || fbw <= 0 || fbh <= 0) {
                glfwWaitEvents();
                last = Clock::now();
                continue;
            }
            // Frames come as fast as they can while something moves (the sweep, a training
            // run, a button held, a while after any event), at 20 per second while the Learn
            // outline pulses, and not at all otherwise: the loop sleeps until an event, waking
            // twice a second to tick the model (see the end of the loop).
            const bool moving = model->animating() || ImGui::IsAnyMouseDown() ||
                                seconds(frameStart - lastEvent) < kAfterEventSeconds;
            if (benchmark || screenshot)
                glfwPollEvents();
            else if (moving)
                // No vsync under a software renderer: cap at 60 frames a second (an event
                // still wakes the loop at once).
                glfwWaitEventsTimeout(std::max(0.0, 1.0 / 60.0 - seconds(frameStart - last)));
            else
                glfwWaitEventsTimeout(redraw.pulsing() ? 1.0 / 20.0 : 0.5);
            const bool event = g_input.activity;
            g_input.activity = false;

            const auto now = Clock::now();
            if (event)
                lastEvent = now;
            model->tick(std::chrono::duration<double>(now - last).count());
            log.emit(model->takeEvents());
            last = now;
            if (!redraw.needed(model->snapshot(), event || moving, frame))
                continue;

            // Larger type for big windows (e.g. 2560×1440 on a projector).
            int ww = 0, wh = 0;
            glfwGetWindowSize(window, &ww, &wh);
            const int wantTier = wh >= 1300 * scale ? 1 : 0;
            if (wantTier != tier) {
                tier = wantTier;
                ImGui::GetStyle() = styles[tier];
            }

            ImGui_ImplOpenGL3_NewFrame();
            if (frame == 0)
                sharpenFontAtlas();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            if (frame == 0)
                stage("first NewFrame (font atlas)");
            ImGui::PushFont(g_fonts[tier]);

            UiRequests req;
            if (!io.WantTextInput)
                applyShortcuts(g_input.keys, req);
            g_input.keys.clear();
            for (const std::string& path : g_input.drops)
                requestDropped(path, req);
            g_input.drops.clear();
            if (frame == 0 && !options.image.empty())
                req.openImage = options.image; // --image: as if dropped on the window
            if (benchmark && !demo.empty()) {
                // A digit being drawn, one segment per frame, then again from a clean pad.
                const size_t i = demoStep++ % demo.size();
                if (i == 0)
                    req.clearCanvas = true;
                else
                    req.strokes.push_back(
                        {demo[i - 1].x, demo[i - 1].y, demo[i].x, demo[i].y, 11, false});
            }
            widgets.clear();
            try {
                layout->draw(model->snapshot(), req, g_input.trail, widgets);
            } catch (const gl::ShaderError& e) { // the network view compiles its shaders late
                std::fprintf(stderr, "nnviz: %s\n", e.what());
                status = 1;
                break;
            }
            g_input.trail.clear();
            if (frame == 0)
                stage("first layout");
            ImGui::PopFont();
            ImGui::Render();
            lap(lapStart, 0);
            const uint64_t drawn = snapshotStamp(model->snapshot());
            model->apply(req);
            log.emit(model->takeEvents());
            if (widgets != widgetsSent)
                log.layout(widgetsSent = widgets);
            lap(lapStart, 1);
            redraw.drawn(drawn, model->snapshot().view.focus, ImGui::GetTime());

            glViewport(0, 0, fbw, fbh);
            glClearColor(0.075f, 0.078f, 0.095f, 1.0f); // = the windows' background
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            lap(lapStart, 2);
            if (stageTiming)
                stageMs[4].push_back(double(ImGui::GetDrawData()->TotalVtxCount));

            if (frame == 0) {
                glFinish();
                stage("first render");
            }
            ++frame;
            const bool sweepDone = !model->animating();
            if (screenshot && ((frame >= 8 && sweepDone) || frame >= 120)) {
                if (!writeScreenshot(options.screenshot, fbw, fbh)) {
                    std::fprintf(stderr, "nnviz: cannot write %s\n",
                                 options.screenshot.string().c_str());
                    status = 1;
                }
                glfwSetWindowShouldClose(window, GLFW_TRUE);
            }
            glfwSwapBuffers(window);
            lap(lapStart, 3);
            if (log.enabled()) {
                const auto done = Clock::now();
                workMs.push_back(std::chrono::duration<double, std::milli>(done - now).count());
                if (seconds(done - framesSince) >= 5.0) {
                    log.frames({workMs.size(), seconds(done - framesSince), percentile(workMs, 50),
                                percentile(workMs, 95), percentile(workMs, 100)});
                    workMs.clear();
                    framesSince = done;
                }
            }

            if (!readySent) {
                readySent = true;
                const ImVec2 fb = io.DisplayFramebufferScale;
                const ImVec2 a = layout->canvas().canvasMin(), b = layout->canvas().canvasMax();
                log.ready(fbw, fbh,
                          {int(std::lround(a.x * fb.x)), int(std::lround(a.y * fb.y)),
                           int(std::lround((b.x - a.x) * fb.x)), int(std::lround((b.y - a.y) * fb.y))});
                stage("first frame shown");
            }
            if (benchmark) {
                glFinish(); // count the GPU's (llvmpipe's) work in this frame
                frameMs.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count());
                if (int(frameMs.size()) >= options.benchFrames) {
                    std::printf("{\"frames\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f}\n",
                                options.benchFrames, percentile(frameMs, 50),
                                percentile(frameMs, 95), percentile(frameMs, 99));
                    std::fflush(stdout);
                    if (stageTiming)
                        std::fprintf(stderr,
                                     "nnviz: frame stages p50 (p95) ms: layout %.2f (%.2f), "
                                     "model %.2f (%.2f), render %.2f (%.2f), swap %.2f (%.2f); "
                                     "%.0f vertices\n",
                                     percentile(stageMs[0], 50), percentile(stageMs[0], 95),
                                     percentile(stageMs[1], 50), percentile(stageMs[1], 95),
                                     percentile(stageMs[2], 50), percentile(stageMs[2], 95),
                                     percentile(stageMs[3], 50), percentile(stageMs[3], 95),
                                     percentile(stageMs[4], 50));
                    glfwSetWindowShouldClose(window, GLFW_TRUE);
                }
            }
        }
        layout.reset();
        model.reset();
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

} // namespace nnviz::gui
