// runWindow(): the window's whole life, in the order of Dear ImGui's example_glfw_opengl3: set up
// (WindowApp's constructor: the window, ImGui, the model, the panels), then the main loop
// (WindowApp::run: poll events → NewFrame → panels → apply their requests → Render → swap) until
// the window is closed; --screenshot and --bench-frames end it early. Each piece the loop leans on
// is a small class in its own file here: gl_window (GLFW, GL, ImGui's backends), input_capture
// (callbacks), redraw_policy (when to draw), look (theme, fonts), main_layout (the panels),
// demo_input (--image, the bench's digit), screenshot, bench_recorder, frame_stats ("frames"),
// stage_timer (--timing), event_log (--log-events), ui_scale and ui_settings (the zoom, Ctrl +/−,
// remembered), zoom_badge.
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/gui/gl/shader.hpp"
#include "app/gui/model/app_model.hpp"
#include "app/gui/window/bench_recorder.hpp"
#include "app/gui/window/demo_input.hpp"
#include "app/gui/window/event_log.hpp"
#include "app/gui/window/frame_stats.hpp"
#include "app/gui/window/gl_window.hpp"
#include "app/gui/window/look.hpp"
#include "app/gui/window/main_layout.hpp"
#include "app/gui/window/redraw_policy.hpp"
#include "app/gui/window/resources.hpp"
#include "app/gui/window/screenshot.hpp"
#include "app/gui/window/stage_timer.hpp"
#include "app/gui/window/ui_scale.hpp"
#include "app/gui/window/ui_settings.hpp"
#include "app/gui/window/window_options.hpp"
#include "app/gui/window/zoom_badge.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace nnviz::gui {
namespace {

// Blocks of a few hundred KB are allocated and freed every frame while drawing (the pad's image,
// Mesa's buffers). By default glibc may give them back to the kernel and fault them in again,
// zeroed, each time: up to ~185 page faults a frame, a quarter of the CPU time of a 600-frame
// bench. Blocks under 32 MB stay in the heap instead (RSS unchanged, ~126 MB).
void keepFrameBuffersInHeap()
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

// Seconds on the steady clock (the zoom's timing).
double steadySeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The window and everything its frame loop uses. Members are destroyed in reverse: what holds GL
// objects (the layout's panels) goes before the window and its context.
class WindowApp {
  public:
    // Set up; throws std::exception saying what failed (shader errors carry the driver's log).
    explicit WindowApp(const WindowOptions& options);
    // The main loop, until the window closes; the exit status.
    int run();

  private:
    bool nextFrameDue();
    UiRequests takeRequests();
    bool drawPanels(UiRequests& req);
    void applyRequests(const UiRequests& req);
    void afterSwap(GlWindow::Size framebuffer);
    void firstFrameStage(const char* stage) const;
    void setPresenting(bool on);
    void takePresentKeys();
    void logPresentation(GlWindow::Size framebuffer);
    void applyScale(double now);
    void saveZoom();

    const WindowOptions& m_options;
    const bool m_flatOut; // bench and screenshot runs: every frame at once, no vsync
    const StageTimer m_stages;
    const EventLog m_log;
    const Resources m_resources;
    InputCapture m_input;
    // What the window remembers (the zoom) and the interface's scale; before m_window, whose
    // preparation reads them.
    const std::filesystem::path m_settingsPath;
    UiScale m_scale;
    std::unique_ptr<Look> m_look;      // built while the window opens
    std::unique_ptr<AppModel> m_model; // likewise
    GlWindow m_window;
    std::optional<MainLayout> m_layout;
    RedrawPolicy m_redraw{m_flatOut};
    DemoInput m_demo{m_options.image, m_options.benchFrames > 0};
    ScreenshotWriter m_screenshot{m_options.screenshot};
    BenchRecorder m_bench{m_options.benchFrames, m_options.timing};
    FrameStats m_frameStats;
    WidgetRects m_widgets, m_widgetsSent; // this frame's, and the last "layout" event's
    int m_frame = 0;                      // frames drawn
    bool m_presenting = false;            // presentation mode (F11, --present)
    // What the "present" and "learn" events last said: mode and framebuffer size, step.
    struct PresentState {
        bool on = false;
        int width = 0, height = 0;
        bool operator==(const PresentState&) const = default;
    } m_presentSent;
    int m_learnSent = 0;
    ZoomBadge m_zoomBadge;
    bool m_saveFailed = false; // said once on stderr
};

WindowApp::WindowApp(const WindowOptions& options)
    : m_options(options), m_flatOut(options.benchFrames > 0 || !options.screenshot.empty()),
      m_stages(options.timing || options.benchFrames > 0), m_log(options.logEvents),
      m_resources(findResources()), m_settingsPath(uiSettingsPath()),
      m_scale(options.scale > 0 ? options.scale : loadUiSettings(m_settingsPath).zoom),
      m_window({options.width, options.height, !m_flatOut, m_resources.asset("icons/nnviz.png")},
               m_stages, m_input, [this](float scale) {
                   // The type at the size the window will have; the first frame corrects it
                   // if the window came out another size.
                   m_scale.setContentScale(scale);
                   m_look = std::make_unique<Look>(
                       fontPixels(scale, fitFactor(float(m_options.width), float(m_options.height)),
                                  m_scale.zoom()));
                   m_model = std::make_unique<AppModel>(AppModelConfig{
                       m_options.model, m_options.dataDir, m_resources.asset("models")});
               })
{
    m_stages.mark("models loaded");
    m_layout.emplace(m_resources.shaders(), options.edges == EdgeMode::Contribution, options.tab);
    m_stages.mark("panels created");
    if (options.present) setPresenting(true);
}

int WindowApp::run()
{
    int status = 0;
    while (status == 0 && !glfwWindowShouldClose(m_window.get())) {
        // Poll and handle events; sleep while there is nothing new to draw.
        m_bench.startFrame();
        if (!nextFrameDue()) continue;

        // F11 / Esc first: a frame entering or leaving full screen is laid out at its new size.
        takePresentKeys();

        // Start the Dear ImGui frame
        const double now = steadySeconds();
        applyScale(now);
        ImGui_ImplOpenGL3_NewFrame();
        if (m_frame == 0) sharpenFontAtlas();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        firstFrameStage("first NewFrame (font atlas)");

        // The panels draw the snapshot and ask for changes; the model applies them after.
        UiRequests req = takeRequests();
        if (!drawPanels(req)) {
            status = 1;
            break;
        }
        m_zoomBadge.draw(now);
        ImGui::Render();
        m_bench.lap(BenchRecorder::Layout);
        applyRequests(req);
        m_bench.lap(BenchRecorder::Model);

        // Rendering
        const GlWindow::Size fb = m_window.framebufferSize();
        glViewport(0, 0, fb.width, fb.height);
        glClearColor(kWindowBackground.x, kWindowBackground.y, kWindowBackground.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        m_bench.lap(BenchRecorder::Render);
        if (m_frame == 0) glFinish(); // for the stage's time
        firstFrameStage("first render");
        if (m_screenshot.due(++m_frame, !m_model->animating())) {
            status = m_screenshot.write(fb.width, fb.height) ? 0 : 1;
            glfwSetWindowShouldClose(m_window.get(), GLFW_TRUE);
        }
        glfwSwapBuffers(m_window.get());
        m_bench.lap(BenchRecorder::Swap);
        afterSwap(fb);
    }
    return status;
}

// Sleeps until an event or something moving wakes the loop, ticks the model, and says whether
// the frame must be drawn (see redraw_policy.hpp).
bool WindowApp::nextFrameDue()
{
    if (m_window.minimised()) {
        glfwWaitEvents();
        m_redraw.wokeMinimised();
        return false;
    }
    // A training run redraws like the pulsing outline, 20 times a second: the trainer thread
    // (at a lower priority) gets what the frames leave of the two cores.
    // A type size waiting for its turn, or the zoom's note still showing.
    const bool zooming = m_scale.pending() || m_zoomBadge.showing(steadySeconds());
    const double dt = m_redraw.sleep(m_model->animating() || ImGui::IsAnyMouseDown() || zooming,
                                     m_layout->pulsing(m_model->snapshot()) || m_model->training());
    const bool event = m_input.takeActivity();
    m_model->tick(dt);
    m_log.emit(m_model->takeEvents());
    return m_redraw.needed(m_model->snapshot(), event,
                           m_layout->pulsing(m_model->snapshot()) || m_model->training());
}

// Keys and dropped files since the last frame, and the window's own input (demo_input.hpp).
UiRequests WindowApp::takeRequests()
{
    UiRequests req;
    m_input.takeRequests(req, ImGui::GetIO().WantTextInput);
    m_demo.addTo(req);
    return req;
}

// The layout and its panels; false (and why, on stderr) when the network view's shaders fail.
bool WindowApp::drawPanels(UiRequests& req)
{
    m_widgets.clear();
    ImGui::PushFont(m_look->font());
    try {
        m_layout->draw(m_model->snapshot(), req, m_input.trail(), m_widgets);
    } catch (const gl::ShaderError& e) { // compiled at the second frame
        std::fprintf(stderr, "nnviz: %s\n", e.what());
        return false;
    }
    ImGui::PopFont();
    m_input.clearTrail();
    firstFrameStage("first layout");
    return true;
}

// The model applies what the panels asked for; its events, then the layout's if it moved.
void WindowApp::applyRequests(const UiRequests& req)
{
    m_redraw.drawing(m_model->snapshot());
    m_model->apply(req);
    m_log.emit(m_model->takeEvents());
    if (m_widgets != m_widgetsSent) m_log.layout(m_widgetsSent = m_widgets);
}

// The "frames" statistics, "ready" after the first frame, and the bench's count.
void WindowApp::afterSwap(GlWindow::Size framebuffer)
{
    if (m_log.enabled())
        if (const auto report = m_frameStats.add(m_redraw.wokeAt(), FrameStats::Clock::now()))
            m_log.frames(*report);
    logPresentation(framebuffer);
    if (m_frame == 1) {
        m_log.ready(framebuffer.width, framebuffer.height, m_layout->canvasRect());
        m_stages.mark("first frame shown");
    }
    if (m_bench.endFrame()) glfwSetWindowShouldClose(m_window.get(), GLFW_TRUE);
}

// Presentation mode: full screen and the presentation layout, or back to the window as it was.
void WindowApp::setPresenting(bool on)
{
    m_presenting = on;
    m_window.setFullScreen(on);
    m_layout->setPresenting(on);
}

// F11 toggles presentation mode; while presenting, Esc leaves it (and does nothing else) and the
// arrows and PageUp/PageDown (a presenter's clicker) walk the Learn steps. Before takeRequests(),
// which forgets the keys; a text field's keyboard is the last frame's.
void WindowApp::takePresentKeys()
{
    const PresentKeys keys = m_input.presentKeys(ImGui::GetIO().WantTextInput);
    if (keys.toggle)
        setPresenting(!m_presenting);
    else if (keys.leave && m_presenting)
        setPresenting(false);
    else if (keys.stepBy != 0 && m_presenting)
        m_layout->stepLearn(keys.stepBy);
}

// "present" when the mode or, while presenting, the framebuffer's size changed (a window manager
// may resize a frame or two after the request); "learn" when the step changed.
void WindowApp::logPresentation(GlWindow::Size framebuffer)
{
    const PresentState now{m_presenting, framebuffer.width, framebuffer.height};
    if (!(now == m_presentSent) && (now.on || m_presentSent.on))
        m_log.present(now.on, now.width, now.height);
    m_presentSent = now;
    if (m_layout->learnStep() != m_learnSent) {
        m_learnSent = m_layout->learnStep();
        m_log.learn(m_learnSent + 1, m_layout->learnTitle());
    }
}

// Before NewFrame: the zoom keys, then the type's size for the zoom and the window's size; the
// font atlas and its texture are rebuilt when it changes (a "zoom" event says so, and at the first
// frame).
void WindowApp::applyScale(double now)
{
    bool zoomed = false;
    for (ZoomKey key : m_input.takeZoomKeys(ImGui::GetIO().WantTextInput))
        zoomed |= m_scale.press(key);
    if (zoomed) {
        saveZoom();
        m_zoomBadge.show(m_scale.zoom(), now);
    }
    const GlWindow::Size size = m_window.size();
    // Presenting: the type at least at the presentation's size (presentation_layout.hpp).
    m_scale.setMinimumPixels(
        m_presenting
            ? presentationTypePixels(m_scale.naturalPixels(size.width, size.height), size.height)
            : 0);
    const int shown = m_look->fontPixels();
    const int wanted = m_scale.wantedPixels(size.width, size.height, now, shown);
    double ms = 0;
    if (wanted != shown) {
        const auto start = std::chrono::steady_clock::now();
        // Before the first frame the backend has no texture yet; its first NewFrame makes one.
        const bool uploaded = ImGui::GetIO().Fonts->TexID != nullptr; // Clear() forgets it
        m_look->resize(wanted);
        if (uploaded) uploadFontAtlas();
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                 .count();
    }
    if (m_frame == 0 || zoomed || wanted != shown)
        m_log.zoom({m_scale.zoom(), m_scale.fit(), m_scale.contentScale(), wanted, ms});
}

// The zoom chosen with the keys is remembered (--scale alone is not: it is for one run).
void WindowApp::saveZoom()
{
    const std::string why = saveUiSettings(m_settingsPath, UiSettings{m_scale.zoom()});
    if (!why.empty() && !std::exchange(m_saveFailed, true))
        std::fprintf(stderr, "nnviz: cannot remember the zoom: %s\n", why.c_str());
}

void WindowApp::firstFrameStage(const char* stage) const
{
    if (m_frame == 0) m_stages.mark(stage);
}

} // namespace

int runWindow(const WindowOptions& options)
{
    keepFrameBuffersInHeap();
    std::unique_ptr<WindowApp> app;
    try {
        app = std::make_unique<WindowApp>(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nnviz: %s\n", e.what());
        return 1;
    }
    return app->run();
}

} // namespace nnviz::gui
