// NetworkView while the Backprop tab shows: the gradient of the cost for the drawing and its
// target instead of the weights. Each edge is its desired change −∂C/∂w (green: the step raises
// the weight), each neuron its −δ = −∂C/∂z (green: the cost wants its weighted sum up), both on
// their layer's own scale, filled in from the output back to the input by the backward sweep.
// Saturated sigmoid neurons get an orange ring, inactive ReLU neurons a blue one; the target
// output a green one. Hovering a neuron or an edge between neurons shows its chain rule; a click
// on an edge selects it for the Backprop tab (a neuron's click selects it as always).
#include "app/gui/panels/network_view.hpp"

#include "app/gui/widgets/chain_rule.hpp"
#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/scaled_tooltip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {
namespace {

// Edges under this fraction of their layer's largest |∂C/∂w| are left out, as in w·a mode
// (network_view.cpp): invisible, and most input edges (pixels without ink have ∂C/∂w = 0).
constexpr float kFaintestGradient = 0.03f;

} // namespace

bool NetworkView::gradientMode(const Snapshot& snap)
{
    return snap.backprop.shown && snap.backprop.gradient && snap.model.net &&
           snap.backprop.gradient->layerCount() == snap.model.net->layerCount();
}

uint64_t NetworkView::gradientKey(const Snapshot& snap)
{
    return gradientMode(snap) ? snap.backprop.version : 0;
}

int NetworkView::revealedEdgeLayers(const Snapshot& snap)
{
    // All of layer l's edges once NeuronRef layer l + 1, where they end, is filled in: a new
    // picture per layer, not per frame.
    if (!gradientMode(snap)) return 0;
    int revealed = 0;
    for (int l = 0; l < snap.model.net->layerCount(); ++l)
        revealed += snap.gradientShown(l + 1) >= 1.0f;
    return revealed;
}

void NetworkView::buildGradientEdges(const Snapshot& snap, std::vector<EdgeInstance>& out) const
{
    const ExampleGradient& g = *snap.backprop.gradient;
    for (int l = 0; l < g.layerCount(); ++l) {
        if (snap.gradientShown(l + 1) < 1.0f) continue; // the sweep has not got here yet
        const Eigen::MatrixXf& dW = g.dW[size_t(l)];    // (out, in)
        const float largest = std::max(maxAbs(dW), 1e-30f);
        for (int i = 0; i < int(dW.cols()); ++i)
            for (int j = 0; j < int(dW.rows()); ++j) {
                const float v = -dW(j, i) / largest; // the desired change
                if (std::fabs(v) < kFaintestGradient) continue;
                float x0, y0, x1, y1;
                m_layout.edgeEnds(l, i, j, x0, y0, x1, y1);
                out.push_back({x0, y0, x1, y1, v, float(l), float(i), float(j)});
            }
    }
}

void NetworkView::shadeGradient(const Snapshot& snap, NeuronRef n, float px, Rgba& fill, Rgba& ring,
                                float& ringWidth)
{
    const ExampleGradient& g = *snap.backprop.gradient;
    const int l = n.layer - 1;
    const Eigen::VectorXf& delta = g.delta[size_t(l)];
    const float k = snap.gradientShown(n.layer);
    const float scale = std::max(delta.cwiseAbs().maxCoeff(), 1e-30f);
    const Rgba want = signedColor(-delta[n.neuron], scale);
    fill = {kZero.r + (want.r - kZero.r) * k, kZero.g + (want.g - kZero.g) * k,
            kZero.b + (want.b - kZero.b) * k, 1.0f};
    const bool output = n.layer == g.layerCount();
    if (output) { // the target is ringed, not the answer
        ring = {0.42f, 0.44f, 0.50f, 1.0f};
        ringWidth = 1.5f * px;
    }
    // The front of the backward sweep glows as the forward one does.
    if (k > 0.0f && k < 1.0f) {
        ring = {1.0f, 0.8f, 0.25f, 0.35f + 0.65f * (1.0f - k)};
        ringWidth = 3.0f * px;
    }
    const GradientFlow flow = g.flow[size_t(l)][size_t(n.neuron)];
    if (flow == GradientFlow::Saturated) ring = kSaturatedRing;
    if (flow == GradientFlow::Dead) ring = kInactiveRing;
    if (flow != GradientFlow::Open) ringWidth = 2.5f * px;
    if (output && n.neuron == g.target) {
        ring = kPositive;
        ringWidth = 3.5f * px;
    }
}

void NetworkView::hoverGradient(const Snapshot& snap, UiRequests& req, ImVec2 mouse)
{
    const Network& net = *snap.model.net;
    const BackpropState& b = snap.backprop;
    if (m_hover && m_hover->layer > 0) {
        beginScaledTooltip();
        showChainRule(neuronChainRule(net, *b.gradient, *m_hover, b.rate),
                      ImGui::GetFontSize() * 30);
        ImGui::TextDisabled("Click to keep it in the Backprop tab.");
        ImGui::EndTooltip();
        return;
    }
    if (m_hover || !ImGui::IsItemHovered()) return;
    const float s = m_layout.scale;
    m_hoverEdge =
        m_layout.edgeAt((mouse.x - m_imageMin.x) * s, (mouse.y - m_imageMin.y) * s, 4.0f * s);
    if (!m_hoverEdge) return;
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) req.selectEdge = m_hoverEdge;
    beginScaledTooltip();
    showChainRule(edgeChainRule(net, *b.gradient, *m_hoverEdge, m_layout.imageSide, b.rate),
                  ImGui::GetFontSize() * 30);
    ImGui::TextDisabled("Click to keep it in the Backprop tab.");
    ImGui::EndTooltip();
}

void NetworkView::drawGradientOverlay(const Snapshot& snap, ImDrawList* dl) const
{
    const NetworkLayout& L = m_layout;
    const float s = L.scale;
    auto at = [&](float x, float y) { return ImVec2(m_imageMin.x + x / s, m_imageMin.y + y / s); };
    // The hovered and the selected edge, drawn over the picture.
    auto edgeLine = [&](const EdgeRef& e, ImU32 col, float width) {
        float x0, y0, x1, y1;
        L.edgeEnds(e.layer, e.from, e.to, x0, y0, x1, y1);
        dl->AddLine(at(x0, y0), at(x1, y1), col, width);
    };
    if (const auto& e = snap.backprop.selectedEdge; e && e->layer > 0 && e->layer < L.layers() - 1)
        edgeLine(*e, IM_COL32(80, 190, 255, 255), 2.5f);
    if (m_hoverEdge) edgeLine(*m_hoverEdge, IM_COL32(255, 205, 60, 255), 2.5f);
}

void NetworkView::drawGradientLegend(const Snapshot& snap) const
{
    // The edge-mode radios' place: while the gradient shows, they would change nothing.
    char text[64];
    std::snprintf(text, sizeof text, "Backprop, target %d:", snap.backprop.target);
    const float spacing = ImGui::GetFontSize() * 1.2f;
    auto item = [&](const char* str, const ImVec4& col) {
        ImGui::SameLine(0, spacing * 0.4f);
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(str).x) ImGui::NewLine();
        ImGui::TextColored(col, "%s", str);
    };
    ImGui::SameLine(0, spacing);
    item(text, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    item("edges −∂C/∂w, neurons −δ", ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The desired change, the negative gradient, as the video draws it:\n"
                          "green = a Step raises it, red = lowers it; brighter = larger, on\n"
                          "each layer's own scale. Hover a neuron or an edge for its chain rule.");
    item("○ saturated", ImVec4(kSaturatedRing.r, kSaturatedRing.g, kSaturatedRing.b, 1));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A sigmoid neuron with σ′(z) < %.2f: it passes almost nothing back.",
                          double(kSaturatedSlope));
    item("○ inactive", ImVec4(kInactiveRing.r, kInactiveRing.g, kInactiveRing.b, 1));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A ReLU neuron with z ≤ 0: f′ = 0, it passes nothing back.");
}

} // namespace nnviz::gui
