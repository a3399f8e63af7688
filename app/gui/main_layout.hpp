// The window's fixed layout (no docking in ImGui 1.86): every frame the panels' windows are
// placed from the viewport size: drawing pad on the left, the network large in the centre with
// weight maps / matrix below it, the answer, activation plot and Learn/legend on the right, the
// status bar along the bottom.
#pragma once

#include "app/gui/canvas_panel.hpp"
#include "app/gui/legend_panel.hpp"
#include "app/gui/network_view.hpp"
#include "app/gui/outputs_panel.hpp"
#include "app/gui/snapshot.hpp"
#include "app/gui/status_bar.hpp"

#if __has_include("app/gui/weights_panel.hpp")
#include "app/gui/weights_panel.hpp"
#define NNVIZ_HAS_WEIGHTS_PANEL 1
#endif
#if __has_include("app/gui/matrix_panel.hpp")
#include "app/gui/matrix_panel.hpp"
#define NNVIZ_HAS_MATRIX_PANEL 1
#endif
#if __has_include("app/gui/activation_plot_panel.hpp")
#include "app/gui/activation_plot_panel.hpp"
#define NNVIZ_HAS_PLOT_PANEL 1
#endif
#if __has_include("app/gui/learn_panel.hpp")
#include "app/gui/learn_panel.hpp"
#define NNVIZ_HAS_LEARN_PANEL 1
#endif

#include <filesystem>
#include <vector>

namespace nnviz::gui {

class MainLayout {
public:
    explicit MainLayout(const std::filesystem::path& dataDir) : m_canvas(dataDir) {}

    // trail: cursor positions since the last frame (for the drawing pad).
    void draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail);

    const CanvasPanel& canvas() const { return m_canvas; }

private:
    void drawFocus(const Snapshot& snap);

    CanvasPanel m_canvas;
    NetworkView m_network;
    OutputsPanel m_outputs;
    StatusBar m_status;
    LegendPanel m_legend;
#ifdef NNVIZ_HAS_WEIGHTS_PANEL
    WeightsPanel m_weights;
#endif
#ifdef NNVIZ_HAS_MATRIX_PANEL
    MatrixPanel m_matrix;
#endif
#ifdef NNVIZ_HAS_PLOT_PANEL
    ActivationPlotPanel m_plot;
#endif
#ifdef NNVIZ_HAS_LEARN_PANEL
    LearnPanel m_learn;
#endif
    float m_legendH = 0;                  // the colour legend's height when last drawn (0: not yet)
    Focus m_lastFocus = Focus::None;      // to switch tabs once when the Learn panel points
    ImVec2 m_outputsMin{}, m_outputsMax{}, m_bottomMin{}, m_bottomMax{}, m_plotMin{}, m_plotMax{};
};

} // namespace nnviz::gui
