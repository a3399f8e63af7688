// MainLayout: see main_layout.hpp. Proportions are chosen to read well from 1280×800 to
// 2560×1440; every size derives from the viewport and the font size.
#include "app/gui/window/main_layout.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace nnviz::gui {
namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

// Places the next window at a rectangle of the viewport.
void place(float x, float y, float w, float h)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + x, vp->WorkPos.y + y));
    ImGui::SetNextWindowSize(ImVec2(std::max(w, 1.0f), std::max(h, 1.0f)));
}

// Puts the current window's rectangle under "panel_<name>" in the "layout" event, with how far
// its content scrolls (the content size is the last frame's): tests check nothing is cut off.
void recordPanel(WidgetRects& widgets, const std::string& name)
{
    const ImVec2 a = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    const float scroll = std::max(ImGui::GetScrollMaxX() * fb.x, ImGui::GetScrollMaxY() * fb.y);
    widgets["panel_" + name] = {int(std::lround(a.x * fb.x)), int(std::lround(a.y * fb.y)),
                                int(std::lround(s.x * fb.x)), int(std::lround(s.y * fb.y)),
                                int(std::ceil(scroll))};
}

} // namespace

MainLayout::MainLayout(const std::filesystem::path& shaderDir, bool contributionEdges,
                       std::string startTab)
    : m_network(shaderDir, contributionEdges), m_startTab(std::move(startTab))
{
}

void MainLayout::draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                      WidgetRects& widgets)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float statusH = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
    const float mainH = std::max(1.0f, H - statusH);
    // The left column is as wide as the pad may be: a quarter of the window, within what its
    // controls need and what the font's size makes sensible. Large type on a small window
    // (zoomed in) widens the side columns only so far: the network keeps at least 45 %.
    const float leftW = std::clamp(W * 0.25f, std::min(fs * 18.5f, W * 0.30f), fs * 34.0f);
    const float rightW = std::clamp(W * 0.19f, std::min(fs * 15.0f, W * 0.25f), fs * 26.0f);
    m_train.update(snap, req); // the T key works whichever tab is showing
    if (m_presenting) {
        m_presentation.draw(snap, req, trail, widgets,
                            m_pulse.brightness(snap.view.focus, ImGui::GetTime()));
        widgets["canvas"] = canvasRect();
        return; // m_lastFocus stays: leaving, the tab of the step's focus is selected
    }

    drawLeft(snap, req, trail, widgets, leftW, mainH);
    drawCentre(snap, req, widgets, ImVec2(leftW, 0),
               ImVec2(std::max(1.0f, W - leftW - rightW), mainH));
    drawRight(snap, req, widgets, W - rightW, rightW, mainH);
    widgets["canvas"] = canvasRect(); // the drawing pad, for tests that draw after a resize
    if (snap.surgery.shown) m_network.recordHiddenNeurons(snap, widgets); // to click on

    // Bottom: the status bar.
    place(0, mainH, W, statusH);
    if (ImGui::Begin("status", nullptr,
                     kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
        m_status.draw(snap);
    recordPanel(widgets, "status");
    ImGui::End();

    drawFocus(snap);
    m_lastFocus = snap.view.focus;
}

// Left: the drawing pad and what the network sees.
void MainLayout::drawLeft(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                          WidgetRects& widgets, float width, float height)
{
    place(0, 0, width, height);
    // "Draw a digit", "Draw something" (Fashion-MNIST); "###pad" keeps one window.
    std::string title = std::string("Draw ") + snap.drawingNoun() + "###pad";
    if (ImGui::Begin(title.c_str(), nullptr, kFixed)) {
        m_canvas.setRoomBelow(m_legendH > 0 ? m_legendH
                                            : ImGui::GetTextLineHeightWithSpacing() * 13);
        m_canvas.draw(snap, req, trail);
        // The colour legend fills what the pad leaves below, only when it fits whole (no
        // scrollbar on the drawing column); else a one-line pointer to the tooltips.
        const float room = ImGui::GetContentRegionAvail().y;
        const float need = m_legendH > 0 ? m_legendH : ImGui::GetTextLineHeightWithSpacing() * 13;
        if (room >= need) {
            const float y0 = ImGui::GetCursorPosY();
            ImGui::Separator();
            ImGui::TextDisabled("What the colours mean");
            m_legend.draw();
            m_legendH = ImGui::GetCursorPosY() - y0;
        } else if (room >= ImGui::GetTextLineHeightWithSpacing() * 2.5f) {
            ImGui::Separator();
            ImGui::PushTextWrapPos(0);
            ImGui::TextDisabled("Hover anything for what its colours mean.");
            ImGui::PopTextWrapPos();
        }
    }
    recordPanel(widgets, "pad");
    ImGui::End();
}

// Centre: the network, and below it weights, the matrix view and training.
void MainLayout::drawCentre(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                            ImVec2 size)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    // The network gets 60 % of the height; a short window (a 720-line projector) gives the tabs
    // a little more, or their maps and plots get too small to read.
    const float netH = std::round(size.y * std::clamp(0.55f + (size.y - 700) / 6000, 0.55f, 0.60f));
    place(at.x, at.y, size.x, netH);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.4f, fs * 0.3f));
    // The open model's sizes and dataset, and which moment of a run when the timeline went back
    // to one; "###network" keeps one window whatever they are.
    std::string networkTitle =
        "Network: " + (snap.model.net ? architectureText(snap.model.net->sizes, " → ") : "") +
        (snap.dataset() == DatasetKind::Fashion ? "   on Fashion-MNIST" : "");
    if (snap.timeline.shown) networkTitle += "   ·   " + snap.model.name + " (Timeline tab)";
    networkTitle += "###network";
    if (ImGui::Begin(networkTitle.c_str(), nullptr,
                     kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        m_network.draw(snap, req);
    recordPanel(widgets, "network");
    ImGui::End();
    ImGui::PopStyleVar();

    place(at.x, at.y + netH, size.x, size.y - netH);
    m_bottomMin = ImVec2(vp->WorkPos.x + at.x, vp->WorkPos.y + at.y + netH);
    m_bottomMax = ImVec2(m_bottomMin.x + size.x, m_bottomMin.y + size.y - netH);
    if (ImGui::Begin("Inside the neurons", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar))
        drawTabs(snap, req, widgets);
    recordPanel(widgets, "bottom");
    ImGui::End();
}

void MainLayout::drawTabs(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    // Short labels ("Matrix") when the long ones would not all fit whole, so a narrow window
    // (a 1280×720 projector) shows every tab's name instead of cutting some off; when even those
    // do not fit (large type), the tabs keep their names and scroll (arrows at the bar's end).
    // "###" keeps each tab's identity whichever label shows.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto tabWidth = [&](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
    };
    auto barWidth = [&](std::initializer_list<const char*> labels) {
        float width = 0;
        for (const char* label : labels)
            width += tabWidth(label) + style.ItemInnerSpacing.x;
        return width;
    };
    const float room = ImGui::GetContentRegionAvail().x;
    const bool narrow =
        barWidth({"Weight maps", "Matrix view  σ(Wa + b)", "Mistakes", "Data", "Backprop",
                  "Explain", "Train  ●", "Timeline", "Surgery  ●", "Compare"}) > room;
    const bool scroll = barWidth({"Weights", "Matrix", "Mistakes", "Data", "Backprop", "Explain",
                                  "Train ●", "Timeline", "Surgery ●", "Compare"}) > room;
    if (!ImGui::BeginTabBar("bottom", scroll ? ImGuiTabBarFlags_FittingPolicyScroll : 0)) return;
    const bool focusChanged = snap.view.focus != m_lastFocus;
    auto flagsFor = [&](Focus f) {
        return focusChanged && snap.view.focus == f ? ImGuiTabItemFlags_SetSelected : 0;
    };
    // Each tab's rectangle goes to the "layout" event, selected or not.
    auto tab = [&](const char* label, const char* name, ImGuiTabItemFlags flags, auto&& content) {
        if (!m_startTab.empty() && "tab_" + m_startTab == name)
            flags |= ImGuiTabItemFlags_SetSelected;
        const bool open = ImGui::BeginTabItem(label, nullptr, flags);
        recordItem(widgets, name);
        // A label ImGui had to cut off ("Weight…"): how much of it is missing.
        if (ImGui::GetItemRectSize().x > 0) // (the first frame has no tab widths yet)
            widgets[name].clipped =
                int(std::max(0.0f, std::ceil(tabWidth(label) - ImGui::GetItemRectSize().x)));
        if (open) {
            content();
            ImGui::EndTabItem();
        }
    };
    tab(narrow ? "Weights###weights" : "Weight maps###weights", "tab_weights",
        m_showWeightMaps ? ImGuiTabItemFlags_SetSelected : flagsFor(Focus::WeightMaps),
        [&] { m_weights.draw(snap, req, widgets); });
    tab(narrow ? "Matrix###matrix" : "Matrix view  σ(Wa + b)###matrix", "tab_matrix",
        flagsFor(Focus::MatrixView), [&] { m_matrix.draw(snap, req); });
    tab("Mistakes", "tab_mistakes", 0, [&] { m_mistakes.draw(snap, req, widgets); });
    tab("Data", "tab_data", m_showData ? ImGuiTabItemFlags_SetSelected : 0,
        [&] { m_data.draw(snap, req, widgets); });
    tab("Backprop", "tab_backprop", 0, [&] { m_backprop.draw(snap, req, widgets); });
    tab("Explain", "tab_explain", 0, [&] { m_explain.draw(snap, req, widgets); });
    tab(snap.training.running ? (narrow ? "Train ●###train" : "Train  ●###train") : "Train###train",
        "tab_train", req.selectTrainTab ? ImGuiTabItemFlags_SetSelected : 0,
        [&] { m_train.draw(snap, req, widgets); });
    tab("Timeline", "tab_timeline", 0, [&] { m_timeline.draw(snap, req, widgets); });
    // Marked while the shown network differs from the one loaded.
    const bool edited = snap.surgery.active && snap.model.net != snap.surgery.original;
    tab(edited ? (narrow ? "Surgery ●###surgery" : "Surgery  ●###surgery") : "Surgery###surgery",
        "tab_surgery", 0, [&] { m_surgery.draw(snap, req, widgets); });
    tab("Compare", "tab_compare", 0, [&] { m_compare.draw(snap, req, widgets); });
    m_showWeightMaps = req.showWeightMaps; // asked after the tabs: selected next frame
    m_showData = req.showDataTab;
    m_startTab.clear();
    ImGui::EndTabBar();
}

// Right: the answer, the activation function, Learn and the legend.
void MainLayout::drawRight(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float x,
                           float width,
                           float height)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // The answer gets 40 %, or what its rows need at their smallest (a short window), taken
    // from the activation plot and Learn below it.
    const ImGuiStyle& style = ImGui::GetStyle();
    const int outputs = snap.model.net ? snap.model.net->outputSize() : 0;
    const float outputsNeed =
        ImGui::GetFrameHeight() + 2 * style.WindowPadding.y + OutputsPanel::minHeight(outputs);
    const float outputsH = std::round(std::clamp(outputsNeed, height * 0.40f, height * 0.68f));
    const float plotH = std::round(std::min(height * 0.25f, (height - outputsH) * 0.45f));
    place(x, 0, width, outputsH);
    m_outputsMin = ImVec2(vp->WorkPos.x + x, vp->WorkPos.y);
    m_outputsMax = ImVec2(m_outputsMin.x + width, m_outputsMin.y + outputsH);
    if (ImGui::Begin("Answer", nullptr, kFixed)) m_outputs.draw(snap, req);
    recordPanel(widgets, "answer");
    ImGui::End();

    place(x, outputsH, width, plotH);
    m_plotMin = ImVec2(vp->WorkPos.x + x, vp->WorkPos.y + outputsH);
    m_plotMax = ImVec2(m_plotMin.x + width, m_plotMin.y + plotH);
    if (ImGui::Begin("Activation function", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar))
        m_plot.draw(snap, req);
    recordPanel(widgets, "plot");
    ImGui::End();

    place(x, outputsH + plotH, width, height - outputsH - plotH);
    if (ImGui::Begin("Learn: how it works", nullptr, kFixed)) m_learn.draw(snap, req, widgets);
    recordPanel(widgets, "learn");
    ImGui::End();
}

WidgetRect MainLayout::canvasRect() const
{
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec2 a = m_canvas.canvasMin(), b = m_canvas.canvasMax();
    return {int(std::lround(a.x * fb.x)), int(std::lround(a.y * fb.y)),
            int(std::lround((b.x - a.x) * fb.x)), int(std::lround((b.y - a.y) * fb.y))};
}

// The Learn panel's pointer: a pulsing outline around the part of the window it talks about.
void MainLayout::drawFocus(const Snapshot& snap)
{
    const float pulse = m_pulse.brightness(snap.view.focus, ImGui::GetTime());
    ImVec2 a, b;
    switch (snap.view.focus) {
    case Focus::None:
        return;
    case Focus::Canvas:
        a = m_canvas.canvasMin();
        b = m_canvas.canvasMax();
        break;
    case Focus::InputImage:
        a = m_canvas.inputMin();
        b = m_canvas.inputMax();
        break;
    case Focus::NetworkView:
        a = m_network.imageMin();
        b = m_network.imageMax();
        break;
    case Focus::Layer1:
        if (!m_network.layerRect(1, a, b)) return;
        break;
    case Focus::Layer2:
        if (!m_network.layerRect(2, a, b)) return;
        break;
    case Focus::Outputs:
        a = m_outputsMin;
        b = m_outputsMax;
        break;
    case Focus::WeightMaps:
    case Focus::MatrixView:
        a = m_bottomMin;
        b = m_bottomMax;
        break;
    case Focus::ActivationPlot:
        a = m_plotMin;
        b = m_plotMax;
        break;
    }
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3),
                                            IM_COL32(255, 204, 64, int(255 * pulse)), 6.0f, 0,
                                            3.0f);
}

} // namespace nnviz::gui
