// The window's fixed layout (no docking in ImGui 1.86): every frame the panels' windows are
// placed from the viewport size: drawing pad on the left, the network large in the centre with
// tabs below it (weight maps, matrix, mistakes, data, backprop, explain, training, timeline,
// surgery, compare), the answer, activation plot and Learn/legend on the right, the status bar
// along the bottom.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/panels/activation_plot_panel.hpp"
#include "app/gui/panels/backprop_panel.hpp"
#include "app/gui/panels/canvas_panel.hpp"
#include "app/gui/panels/compare_panel.hpp"
#include "app/gui/panels/data_browser_panel.hpp"
#include "app/gui/panels/explain_panel.hpp"
#include "app/gui/panels/learn_panel.hpp"
#include "app/gui/panels/legend_panel.hpp"
#include "app/gui/panels/matrix_panel.hpp"
#include "app/gui/panels/mistakes_panel.hpp"
#include "app/gui/panels/network_view.hpp"
#include "app/gui/panels/outputs_panel.hpp"
#include "app/gui/panels/status_bar.hpp"
#include "app/gui/panels/surgery_panel.hpp"
#include "app/gui/panels/timeline_panel.hpp"
#include "app/gui/panels/train_panel.hpp"
#include "app/gui/panels/weights_panel.hpp"
#include "app/gui/widgets/widget_rects.hpp"
#include "app/gui/window/focus_pulse.hpp"
#include "app/gui/window/presentation_layout.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace nnviz::gui {

class MainLayout {
  public:
    // shaderDir: the GLSL files (the network view's); contributionEdges: the network view starts
    // showing w·a instead of w (--edges); startTab: the bottom tab shown first ("compare"; --tab),
    // empty for the first.
    MainLayout(const std::filesystem::path& shaderDir, bool contributionEdges,
               std::string startTab = {});

    // trail: cursor positions since the last frame (for the drawing pad); widgets: where the
    // widgets tests click were drawn this frame (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
              WidgetRects& widgets);

    // The drawing pad, in window (framebuffer) pixels, for the "ready" event.
    WidgetRect canvasRect() const;
    // Frames are still needed for the Learn panel's pulsing outline.
    bool pulsing(const Snapshot& snap) const
    {
        return m_pulse.pulsing(snap.view.focus) || (m_presenting && m_presentation.settling());
    }

    // Presentation mode (F11): draw() draws PresentationLayout instead, with the same panels.
    void setPresenting(bool on)
    {
        m_presenting = on;
        m_presentation.setActive(on);
    }
    // The Learn step (0-based), moved by the presentation's keys; its title for the event log.
    int learnStep() const { return m_learn.step(); }
    const char* learnTitle() const { return m_learn.stepTitle(); }
    void stepLearn(int by) { m_learn.setStep(m_learn.step() + by); }

  private:
    void drawLeft(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                  WidgetRects& widgets, float width, float height);
    void drawCentre(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                    ImVec2 size);
    void drawTabs(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawRight(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float x, float width,
                   float height);
    void drawFocus(const Snapshot& snap);

    CanvasPanel m_canvas;
    NetworkView m_network;
    OutputsPanel m_outputs;
    StatusBar m_status;
    LegendPanel m_legend;
    WeightsPanel m_weights;
    MatrixPanel m_matrix;
    TrainPanel m_train;
    MistakesPanel m_mistakes;
    DataBrowserPanel m_data;
    TimelinePanel m_timeline;
    BackpropPanel m_backprop;
    SurgeryPanel m_surgery;
    ComparePanel m_compare;
    ExplainPanel m_explain;
    ActivationPlotPanel m_plot;
    LearnPanel m_learn;
    PresentationLayout m_presentation{
        {m_canvas, m_network, m_outputs, m_learn, m_weights, m_matrix, m_plot}};
    bool m_presenting = false;
    float m_legendH = 0;             // the colour legend's height when last drawn (0: not yet)
    Focus m_lastFocus = Focus::None; // to switch tabs once when the Learn panel points
    FocusPulse m_pulse;              // the outline's pulse after it moves
    bool m_showWeightMaps = false;   // the Train tab asked for the weight maps last frame
    std::string m_startTab; // selected at the first frame (--tab), then cleared
    bool m_showData = false;         // the Mistakes tab asked for the Data tab last frame
    ImVec2 m_outputsMin{}, m_outputsMax{}, m_bottomMin{}, m_bottomMax{}, m_plotMin{}, m_plotMax{};
};

} // namespace nnviz::gui
