// BackpropPanel: see backprop_panel.hpp. Four columns: the controls (cost, C, rate, Step, Undo),
// the nudges (one row per output, a strip per hidden layer), the chain rule of the selection,
// and the first layer's maps. Every displayed gradient is the desired change, −∂C/∂(·), the way
// the video draws it: green = the step raises it.
#include "app/gui/panels/backprop_panel.hpp"

#include "app/gui/widgets/chain_rule.hpp"
#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {
namespace {

ImU32 toU32(const Rgba& c)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

int countFlow(const std::vector<GradientFlow>& flow, GradientFlow f)
{
    return int(std::count(flow.begin(), flow.end(), f));
}

} // namespace

void BackpropPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    req.backpropShown = true; // the network view draws the gradient from the next frame
    const BackpropState& b = snap.backprop;
    if (!snap.model.net || !b.gradient) return;
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float controlsW = std::min(fs * 11.5f, avail.x * 0.2f);
    const float nudgesW = std::min(fs * 14.0f, avail.x * 0.25f);
    const float ruleW = std::min(fs * 15.0f, avail.x * 0.25f);
    const float mapsW = std::max(fs * 4, avail.x - controlsW - nudgesW - ruleW - 3 * gap);

    ImGui::BeginChild("##bp_controls", ImVec2(controlsW, avail.y));
    drawControls(snap, req, widgets, controlsW);
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##bp_nudges", ImVec2(nudgesW, avail.y));
    // Rows and strips packed tight: a deep network's layers fit at 1280×800 too.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(ImGui::GetStyle().ItemSpacing.x, std::round(fs * 0.12f)));
    drawNudges(snap, req, ImVec2(nudgesW, avail.y));
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##bp_rule", ImVec2(ruleW, avail.y));
    drawChainRule(snap, ruleW);
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##bp_maps", ImVec2(mapsW, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    drawMaps(snap, req, ImVec2(mapsW, avail.y));
    ImGui::EndChild();
}

// [SECTION] Controls: the target, the cost, C, the rate, Step and Undo.

void BackpropPanel::drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                 float width)
{
    const BackpropState& b = snap.backprop;
    const ExampleGradient& g = *b.gradient;
    const float fs = ImGui::GetFontSize();
    ImGui::Text("Target: %d", b.target);
    ImGui::SameLine();
    ImGui::TextDisabled(b.targetChosen ? "(chosen)" : "(the answer)");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What the drawing should be: press a digit key or click an output\n"
                          "row beside. Until you choose, it is the network's own answer.");

    int cost = b.cost == Cost::Mse ? 1 : 0;
    ImGui::SetNextItemWidth(width - fs * 0.5f);
    if (ImGui::Combo("##cost", &cost, "cross-entropy\0MSE (the video's)\0"))
        req.backpropCost = cost == 1 ? Cost::Mse : Cost::CrossEntropy;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Cross-entropy: −Σ y ln a, what the bundled models were trained on.\n"
                          "MSE: ½ Σ (a − y)², the video's cost.");

    // C, large.
    char buf[64];
    std::snprintf(buf, sizeof buf, "C = %s", gradientNumber(g.value).c_str());
    ImGui::SetWindowFontScale(1.5f);
    ImGui::TextUnformatted(buf);
    ImGui::SetWindowFontScale(1.0f);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The cost of this one drawing for target %d: small when the output\n"
                          "%d is near 1 and the others near 0.",
                          b.target, b.target);

    float rate = b.rate;
    ImGui::SetNextItemWidth(width - fs * 0.5f);
    if (ImGui::SliderFloat("##rate", &rate, 0.001f, 10.0f, "rate η = %.3g",
                           ImGuiSliderFlags_Logarithmic))
        req.backpropRate = rate;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The learning rate: how far a Step goes along −∇C.");

    ImGui::BeginDisabled(snap.training.running);
    if (ImGui::Button("Step")) req.backpropStep = true;
    recordItem(widgets, "backprop_step");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("One gradient-descent step on this drawing alone:\n"
                          "every w −= η ∂C/∂w, every b −= η ∂C/∂b.");
    ImGui::SameLine();
    ImGui::BeginDisabled(b.undoDepth == 0);
    std::snprintf(buf, sizeof buf, "Undo (%zu)###undo", b.undoDepth);
    if (ImGui::Button(buf)) req.backpropUndo = true;
    recordItem(widgets, "backprop_undo");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (b.stepped)
        ImGui::TextColored(ImVec4(kPositive.r, kPositive.g, kPositive.b, 1), "C %s → %s",
                           gradientNumber(b.lastCostBefore).c_str(),
                           gradientNumber(b.lastCostAfter).c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Keys 0–9 choose the target. Click a neuron or edge in the network for "
                        "its chain rule.");
    ImGui::PopTextWrapPos();
}

// [SECTION] Nudges: what each output wants, what each hidden layer receives.

void BackpropPanel::drawNudges(const Snapshot& snap, UiRequests& req, ImVec2 size)
{
    const ExampleGradient& g = *snap.backprop.gradient;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    ImGui::TextUnformatted(g.cost == Cost::Mse ? "Output nudges −∂C/∂a = y − a"
                                               : "Output nudges −∂C/∂z = y − a");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "How the cost wants each output to change (the negative gradient): green up,\n"
            "red down. Click a row to make it the target.%s",
            g.cost == Cost::Mse ? ""
                                : "\nWith cross-entropy, ∂C/∂a = −y/a is 0 for every output but "
                                  "the target;\nthrough the softmax it becomes δ = ∂C/∂z = a − y, "
                                  "shown here.");
    // Each hidden layer takes a line and two strips; the rows share the rest.
    const float fs = ImGui::GetFontSize();
    const int hidden = g.layerCount() - 1;
    const float rows = float(g.y.size());
    const float strips = float(hidden) * (line + 2 * (fs * 0.7f + spacing));
    const float rowH =
        std::clamp((size.y - 2 * line - strips) / rows - spacing, fs * 0.8f, fs * 1.4f);
    drawOutputBars(snap, req, size.x, rowH);
    drawHiddenStrips(snap, req, size.x);
}

void BackpropPanel::drawOutputBars(const Snapshot& snap, UiRequests& req, float width, float rowH)
{
    const BackpropState& b = snap.backprop;
    const ExampleGradient& g = *b.gradient;
    const int n = int(g.y.size());
    const float fs = ImGui::GetFontSize();
    // MSE: −∂C/∂a as the video draws it; cross-entropy: −δ (its ∂C/∂a is zero but at the target).
    const Eigen::VectorXf nudges =
        g.cost == Cost::Mse ? Eigen::VectorXf(-g.dCda) : Eigen::VectorXf(-g.delta.back());
    const float largest = std::max(nudges.cwiseAbs().maxCoeff(), 1e-12f);
    // The widest value gradientNumber prints ("−0.00204" is wider than "−3.7e-10"), its gap
    // and room for the child's scrollbar edge: values were cut off by a few pixels.
    const float labelW = fs * 1.2f, valueW = ImGui::CalcTextSize("−0.00000").x + fs * 0.8f;
    const float barW = std::max(10.0f, width - labelW - valueW);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int L = g.layerCount();
    for (int d = 0; d < n; ++d) {
        ImGui::PushID(d);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton("row", ImVec2(width, rowH));
        const bool target = d == b.target;
        const float nudge = nudges[d];
        const float ty = p.y + (rowH - fs) * 0.5f;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%d", d);
        dl->AddText(ImVec2(p.x, ty), target ? toU32(kPositive) : ImGui::GetColorU32(ImGuiCol_Text),
                    buf);
        // A centred bar: right and green for "up", left and red for "down".
        const float mid = p.x + labelW + barW * 0.5f;
        const float len = 0.5f * barW * std::fabs(nudge) / largest;
        dl->AddRectFilled(ImVec2(p.x + labelW, p.y + rowH * 0.15f),
                          ImVec2(p.x + labelW + barW, p.y + rowH * 0.85f),
                          ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
        dl->AddRectFilled(ImVec2(nudge >= 0 ? mid : mid - len, p.y + rowH * 0.2f),
                          ImVec2(nudge >= 0 ? mid + len : mid, p.y + rowH * 0.8f),
                          toU32(nudge >= 0 ? kPositive : kNegative));
        dl->AddLine(ImVec2(mid, p.y), ImVec2(mid, p.y + rowH), IM_COL32(120, 120, 130, 255));
        if (target)
            dl->AddRect(ImVec2(p.x - 1, p.y), ImVec2(p.x + width - 1, p.y + rowH), kSelectColor,
                        3.0f);
        dl->AddText(ImVec2(p.x + labelW + barW + fs * 0.3f, ty),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), gradientNumber(nudge).c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Output %d: a = %.4f, y = %.0f\n∂C/∂a = %s   δ = ∂C/∂z = %s\n"
                              "Click: make %d the target.",
                              d, double(g.trace.output()[d]), double(g.y[d]),
                              gradientNumber(g.dCda[d]).c_str(),
                              gradientNumber(g.delta[size_t(L) - 1][d]).c_str(), d);
            req.hover = NeuronRef{L, d};
        }
        if (ImGui::IsItemClicked()) {
            req.backpropTarget = d;
            req.select = NeuronRef{L, d};
        }
        ImGui::PopID();
    }
}

void BackpropPanel::drawHiddenStrips(const Snapshot& snap, UiRequests& req, float width)
{
    const ExampleGradient& g = *snap.backprop.gradient;
    const float fs = ImGui::GetFontSize();
    const float stripH = std::max(6.0f, fs * 0.7f);
    for (int l = g.layerCount() - 2; l >= 0; --l) { // from the top, as the gradient flows
        ImGui::PushID(l);
        const int sat = countFlow(g.flow[size_t(l)], GradientFlow::Saturated);
        const int dead = countFlow(g.flow[size_t(l)], GradientFlow::Dead);
        ImGui::Text("Hidden %d: −Σw·δ, −δ", l + 1);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Top strip: the nudge each neuron receives from the layer above,\n"
                              "−∂C/∂a = −Σ w·δ. Bottom: times f′(z), its own −δ = −∂C/∂z.\n"
                              "A saturated or inactive neuron passes little or nothing on.");
        if (sat + dead > 0) {
            ImGui::SameLine();
            const Rgba& c = sat > 0 ? kSaturatedRing : kInactiveRing;
            ImGui::TextColored(ImVec4(c.r, c.g, c.b, 1), sat > 0 ? "%d saturated" : "%d inactive",
                               sat > 0 ? sat : dead);
        }
        const Eigen::VectorXf nudge = -g.nudge[size_t(l)], delta = -g.delta[size_t(l)];
        const int selected = snap.view.selected.layer == l + 1 ? snap.view.selected.neuron : -1;
        const float scale = std::max(nudge.cwiseAbs().maxCoeff(), 1e-12f);
        int hovered = signedCellStrip("##nudge", {nudge.data(), size_t(nudge.size())}, scale,
                                      ImVec2(width - fs * 0.5f, stripH), selected);
        const int hovered2 = signedCellStrip("##delta", {delta.data(), size_t(delta.size())}, scale,
                                             ImVec2(width - fs * 0.5f, stripH), selected);
        if (hovered < 0) hovered = hovered2;
        if (hovered >= 0) {
            const NeuronRef ref{l + 1, hovered};
            req.hover = ref;
            ImGui::SetTooltip("Hidden %d, neuron %d\nreceived −Σ w·δ = %s\nf′(z) = %s\n−δ = %s\n"
                              "Click: its chain rule.",
                              l + 1, hovered, gradientNumber(nudge[hovered]).c_str(),
                              gradientNumber(g.fprime[size_t(l)][hovered]).c_str(),
                              gradientNumber(delta[hovered]).c_str());
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) req.select = ref;
        }
        ImGui::PopID();
    }
}

// [SECTION] The chain rule of the selected neuron or edge.

void BackpropPanel::drawChainRule(const Snapshot& snap, float width)
{
    const BackpropState& b = snap.backprop;
    const Network& net = *snap.model.net;
    const int side = imageShapeFor(net.inputSize()).h > 1 ? imageShapeFor(net.inputSize()).w : 0;
    const ChainRule rule = b.selectedEdge
                               ? edgeChainRule(net, *b.gradient, *b.selectedEdge, side, b.rate)
                               : neuronChainRule(net, *b.gradient, snap.view.selected, b.rate);
    if (rule.empty()) {
        ImGui::TextDisabled("Click a neuron or an edge for its chain rule.");
        return;
    }
    showChainRule(rule, width - ImGui::GetStyle().ScrollbarSize);
}

// [SECTION] The first layer's maps: weights and −∂C/∂w.

void BackpropPanel::refreshMaps(const Snapshot& snap)
{
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W; // (n, inputs)
    const ImageShape s = imageShapeFor(int(W.cols()));
    const int n = int(W.rows());
    if (m_weightsVersion != snap.model.weightsVersion) {
        m_weightsVersion = snap.model.weightsVersion;
        m_weightScales.resize(size_t(n));
        for (int k = 0; k < n; ++k)
            m_weightScales[size_t(k)] = std::max(W.row(k).cwiseAbs().maxCoeff(), 1e-12f);
        const std::vector<uint32_t> px = weightTileAtlas(W, m_weightScales);
        m_weightTiles.upload(n * s.w, s.h, px.data());
    }
    const int sel = snap.view.selected.layer == 1 ? snap.view.selected.neuron : 0;
    if (m_gradVersion != snap.backprop.version || m_gradSelectedNeuron != sel) {
        m_gradSelectedNeuron = sel;
        const Eigen::VectorXf row = -snap.backprop.gradient->dW[0].row(sel).transpose();
        m_selectedScale = std::max(maxAbs(row), 1e-30f);
        const std::vector<uint32_t> px = signedPixels(row, m_selectedScale);
        m_gradSelected.upload(s.w, s.h, px.data());
    }
    if (m_gradVersion != snap.backprop.version) {
        m_gradVersion = snap.backprop.version;
        const Eigen::MatrixXf desired = -snap.backprop.gradient->dW[0];
        m_gradScale = std::max(maxAbs(desired), 1e-12f);
        const float scales[1] = {m_gradScale};
        const std::vector<uint32_t> px = weightTileAtlas(desired, scales);
        m_gradTiles.upload(n * s.w, s.h, px.data());
    }
}

void BackpropPanel::drawMaps(const Snapshot& snap, UiRequests& req, ImVec2 size)
{
    refreshMaps(snap);
    const Network& net = *snap.model.net;
    const ExampleGradient& g = *snap.backprop.gradient;
    const ImageShape s = imageShapeFor(net.inputSize());
    const int n = net.sizes[1];
    const float fs = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float aspect = float(s.h) / float(s.w);
    const int sel = snap.view.selected.layer == 1 ? snap.view.selected.neuron : 0;
    const float u0 = float(sel) / float(n), u1 = float(sel + 1) / float(n);

    // Top: the selected first-layer neuron's weights beside its −∂C/∂w; below, every neuron's.
    const float gap = fs * 0.6f;
    const float big = std::floor(std::max(
        fs * 2, std::min((size.x - gap) * 0.5f - 2, (size.y - 3.5f * line) * 0.62f / aspect)));
    const ImVec2 mapSize(big, std::floor(big * aspect));
    ImGui::BeginGroup();
    ImGui::Text("hidden 1, %d: w", sel);
    heatmapImage("##w", m_weightTiles.id(), mapSize, ImVec2(u0, 0), ImVec2(u1, 1), s.w, s.h, false);
    ImGui::EndGroup();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The selected first-layer neuron's weights (its own scale), as in the\n"
                          "Weight maps tab. Select another in the network or below.");
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::TextUnformatted("−∂C/∂w");
    const HeatmapItem item = heatmapImage("##dw", m_gradSelected.id(), mapSize, ImVec2(0, 0),
                                          ImVec2(1, 1), s.w, s.h, false);
    if (item.hovered && item.px >= 0) {
        const int i = item.py * s.w + item.px;
        ImGui::SetTooltip("pixel (row %d, col %d): w = %s, a = %.2f\n∂C/∂w = δ · a = %s × %.2f "
                          "= %s\nClick: this edge's chain rule.",
                          item.py, item.px, gradientNumber(net.layers[0].W(sel, i)).c_str(),
                          double(g.trace.a[0][i]), gradientNumber(g.delta[0][sel]).c_str(),
                          double(g.trace.a[0][i]), gradientNumber(g.dW[0](sel, i)).c_str());
        if (item.clicked) req.selectEdge = EdgeRef{0, i, sel};
    }
    ImGui::EndGroup();
    if (m_selectedScale > 1e-30f)
        signedLegend(m_selectedScale, 2 * big + gap, "−∂C/∂w (desired change)",
                     gradientNumber(m_selectedScale).c_str());
    else
        ImGui::TextDisabled("0: nothing reaches neuron %d", sel);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("∂C/∂wᵢ = δ · aᵢ: the map is the input itself times −δ, green when the\n"
                          "neuron should fire more, red when less (its own scale). Below, every\n"
                          "neuron's on one scale: which ones this drawing changes most.");

    // Every first-layer neuron's −∂C/∂w on one scale: which of them this drawing moves.
    // Less the child's padding and the maps' frames, so the last row shows whole.
    const float tilesH =
        ImGui::GetContentRegionAvail().y - ImGui::GetStyle().WindowPadding.y - fs * 0.5f;
    const float tileGap = 3.0f;
    const TileGrid grid = fitTiles(n, aspect, size.x, tilesH, tileGap, 0);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    for (int k = 0; k < n && grid.tile >= 4; ++k) {
        ImGui::PushID(k);
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + float(k % grid.cols) * (grid.tile + tileGap),
                   origin.y + float(k / grid.cols) * (grid.tile * aspect + tileGap)));
        const HeatmapItem t = heatmapImage(
            "##t", m_gradTiles.id(), ImVec2(grid.tile, grid.tile * aspect),
            ImVec2(float(k) / float(n), 0), ImVec2(float(k + 1) / float(n), 1), s.w, s.h, k == sel);
        if (t.clicked) req.select = NeuronRef{1, k};
        if (t.hovered) {
            req.hover = NeuronRef{1, k};
            ImGui::SetTooltip("Hidden 1, neuron %d: δ = %s\n−∂C/∂w = −δ · pixel: only inked "
                              "pixels' weights change.\nClick to select it.",
                              k, gradientNumber(g.delta[0][k]).c_str());
        }
        ImGui::PopID();
    }
}

} // namespace nnviz::gui
