// The network view's surgery marks (see network_view.hpp): killed neurons crossed out, clamped
// ones boxed with their value, scaled ones labelled with their factor; after an ablation of the
// shown weights, a bar under each hidden neuron as long as the accuracy it costs; for ReLU
// networks, neurons never active on the test set ringed grey with a slash ("dead").
#include "app/gui/panels/network_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <cstdio>

namespace nnviz::gui {
namespace {

constexpr ImU32 kKillColor = IM_COL32(240, 70, 60, 255);
constexpr ImU32 kClampColor = IM_COL32(90, 170, 255, 255);
constexpr ImU32 kScaleColor = IM_COL32(250, 200, 70, 255);
constexpr ImU32 kDeadColor = IM_COL32(150, 150, 160, 220);
constexpr ImU32 kDropColor = IM_COL32(240, 110, 80, 230);

} // namespace

void NetworkView::drawSurgeryOverlay(const Snapshot& snap, ImDrawList* dl) const
{
    const NetworkLayout& L = m_layout;
    const Network& net = *snap.model.net;
    const SurgeryState& s = snap.surgery;
    const float sc = L.scale;
    if (sc <= 0 || L.layers() != int(net.sizes.size())) return;
    auto at = [&](float x, float y) { return ImVec2(m_imageMin.x + x / sc, m_imageMin.y + y / sc); };
    const float fs = ImGui::GetFontSize();
    char buf[32];

    for (const NeuronIntervention& iv : s.interventions.list()) {
        if (iv.layer < 1 || iv.layer >= L.layers() || iv.neuron >= L.count[size_t(iv.layer)]) continue;
        const ImVec2 c = at(L.neuronX(iv.layer, iv.neuron), L.neuronY(iv.layer, iv.neuron));
        const float r = std::max(3.0f, L.radius[size_t(iv.layer)] / sc);
        if (iv.op == NeuronOp::Kill) {
            dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), kKillColor, 2.5f);
            dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), kKillColor, 2.5f);
            continue;
        }
        const bool clamp = iv.op == NeuronOp::Clamp;
        const ImU32 col = clamp ? kClampColor : kScaleColor;
        dl->AddRect(ImVec2(c.x - r - 2, c.y - r - 2), ImVec2(c.x + r + 2, c.y + r + 2), col, 2.0f,
                    0, 2.0f);
        std::snprintf(buf, sizeof buf, clamp ? "=%.2g" : "×%.2g", double(iv.value));
        dl->AddText(ImGui::GetFont(), fs * 0.8f, ImVec2(c.x + r + 3, c.y - r - fs * 0.5f), col, buf);
    }

    // Dead ReLU neurons of the weights on screen.
    if (s.activity && s.activityWeights == snap.model.weightsVersion &&
        net.hidden == Activation::Relu)
        for (int l = 1; l < L.layers() - 1 && size_t(l) < s.activity->max.size(); ++l)
            for (int j = 0; j < L.count[size_t(l)] && j < s.activity->max[size_t(l)].size(); ++j) {
                if (s.activity->max[size_t(l)][j] > 0.0f) continue;
                const ImVec2 c = at(L.neuronX(l, j), L.neuronY(l, j));
                const float r = std::max(3.0f, L.radius[size_t(l)] / sc);
                dl->AddCircle(c, r + 2, kDeadColor, 0, 2.0f);
                dl->AddLine(ImVec2(c.x - r * 0.7f, c.y + r * 0.7f),
                            ImVec2(c.x + r * 0.7f, c.y - r * 0.7f), kDeadColor, 1.5f);
            }

    // Ablation drops as bars under the neurons (only for the weights it was run on).
    if (!s.ablation || s.ablationWeights != snap.model.weightsVersion ||
        s.ablation->neurons.empty())
        return;
    const double top = std::max(1e-4, s.ablation->neurons.front().drop);
    for (const NeuronImportance& n : s.ablation->neurons) {
        if (n.layer < 1 || n.layer >= L.layers() || n.neuron >= L.count[size_t(n.layer)] ||
            n.drop <= 0)
            continue;
        const ImVec2 c = at(L.neuronX(n.layer, n.neuron), L.neuronY(n.layer, n.neuron));
        const float r = std::max(3.0f, L.radius[size_t(n.layer)] / sc);
        const float w = 2 * r * float(std::min(1.0, n.drop / top));
        const float y = c.y + r + 1.5f;
        dl->AddRectFilled(ImVec2(c.x - r, y), ImVec2(c.x - r + w, y + std::max(2.0f, r * 0.22f)),
                          kDropColor);
    }
}

void NetworkView::recordHiddenNeurons(const Snapshot& snap, WidgetRects& widgets) const
{
    const NetworkLayout& L = m_layout;
    if (!snap.model.net || L.scale <= 0 || L.layers() != int(snap.model.net->sizes.size())) return;
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    for (int l = 1; l + 1 < L.layers(); ++l) {
        const float r = L.radius[size_t(l)];
        for (int j = 0; j < L.count[size_t(l)]; ++j) {
            const float x = m_imageMin.x * fb.x + L.neuronX(l, j) - r;
            const float y = m_imageMin.y * fb.y + L.neuronY(l, j) - r;
            widgets["neuron_" + std::to_string(l) + "_" + std::to_string(j)] = {
                int(std::lround(x)), int(std::lround(y)), int(std::lround(2 * r)),
                int(std::lround(2 * r))};
        }
    }
}

} // namespace nnviz::gui
