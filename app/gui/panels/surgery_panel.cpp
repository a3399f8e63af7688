// SurgeryPanel: see surgery_panel.hpp. Two columns: the selected neuron and its parameters on
// the left; the score, the edits and the ablation on the right.
#include "app/gui/panels/surgery_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace nnviz::gui {
namespace {

const ImVec4 kGood(0.35f, 0.85f, 0.45f, 1.0f), kBad(0.95f, 0.4f, 0.35f, 1.0f);
constexpr float kValueLimit = 10.0f; // the Clamp value and Scale factor fields stay within ±this

std::string name(NeuronRef n)
{
    return std::to_string(n.layer) + ":" + std::to_string(n.neuron);
}

// "killed", "clamped at 0.50", "scaled ×2.00", or "" for none.
std::string interventionText(const NeuronIntervention* iv)
{
    if (!iv) return {};
    char buf[64];
    switch (iv->op) {
    case NeuronOp::Kill:
        return "killed (a = 0)";
    case NeuronOp::Clamp:
        std::snprintf(buf, sizeof buf, "clamped (a = %.2f)", double(iv->value));
        return buf;
    case NeuronOp::Scale:
        std::snprintf(buf, sizeof buf, "scaled (a × %.2f)", double(iv->value));
        return buf;
    }
    return {};
}

// A horizontal bar from the centre of `width`: right for a gain, left for a loss, full at `scale`.
void signedBar(float value, float scale, float width, float height)
{
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float mid = p.x + width * 0.5f;
    const float len = scale > 0 ? std::clamp(value / scale, -1.0f, 1.0f) * width * 0.5f : 0;
    const ImU32 col = ImGui::ColorConvertFloat4ToU32(value >= 0 ? kGood : kBad);
    dl->AddRectFilled(ImVec2(std::min(mid, mid + len), p.y + 2),
                      ImVec2(std::max(mid, mid + len), p.y + height - 2), col);
    dl->AddLine(ImVec2(mid, p.y), ImVec2(mid, p.y + height), kFrameColor);
}

// A bar from the left as long as drop / top of width (red: the accuracy a neuron's kill costs;
// a neuron whose kill helps gets none).
void dropBar(float drop, float top, float width, float height)
{
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    const float len = top > 0 ? std::clamp(drop / top, 0.0f, 1.0f) * width : 0;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2),
                                              ImVec2(p.x + len, p.y + height - 2),
                                              ImGui::ColorConvertFloat4ToU32(kBad));
}

} // namespace

void SurgeryPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    req.surgeryShown = true;
    if (!snap.model.net) return;
    const float width = ImGui::GetContentRegionAvail().x;
    const float leftW = std::round(width * 0.5f);
    if (ImGui::BeginChild("##surgery_left", ImVec2(leftW, 0))) {
        drawNeuron(snap, req, widgets);
        drawParameters(snap, req, widgets, ImGui::GetContentRegionAvail().x);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("##surgery_right", ImVec2(0, 0))) {
        const float w = ImGui::GetContentRegionAvail().x;
        drawScore(snap, w);
        drawHistory(snap, req, widgets);
        drawAblation(snap, req, widgets, w);
    }
    ImGui::EndChild();
}

// The selected neuron, what is done to it, and the buttons that do it.
void SurgeryPanel::drawNeuron(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const Network& net = *snap.model.net;
    const NeuronRef n = snap.view.selected;
    const bool hidden = n.layer >= 1 && n.layer < net.layerCount();
    const NeuronIntervention* iv = snap.surgery.interventionOn(n);
    ImGui::Text("Neuron %s", name(n).c_str());
    if (iv) {
        ImGui::SameLine();
        ImGui::TextColored(kBad, "%s", interventionText(iv).c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled(hidden ? "(layer %d, neuron %d; click another in the network)"
                               : "(an output: only its bias and weights can be edited)",
                        n.layer, n.neuron);
    const float fs = ImGui::GetFontSize();
    ImGui::BeginDisabled(!hidden);
    if (ImGui::Button("Kill")) req.intervene = NeuronIntervention{n.layer, n.neuron, NeuronOp::Kill};
    recordItem(widgets, "surgery_kill");
    ImGui::SameLine();
    if (ImGui::Button("Clamp"))
        req.intervene = NeuronIntervention{n.layer, n.neuron, NeuronOp::Clamp, m_clamp};
    recordItem(widgets, "surgery_clamp");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 3.5f);
    ImGui::DragFloat("##clamp", &m_clamp, 0.01f, -kValueLimit, kValueLimit, "%.2f");
    ImGui::SameLine();
    if (ImGui::Button("Scale"))
        req.intervene = NeuronIntervention{n.layer, n.neuron, NeuronOp::Scale, m_scale};
    recordItem(widgets, "surgery_scale");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 3.5f);
    ImGui::DragFloat("##scale", &m_scale, 0.01f, -kValueLimit, kValueLimit, "×%.2f");
    ImGui::SameLine();
    ImGui::BeginDisabled(!iv);
    if (ImGui::Button("Restore")) req.restoreNeuron = n;
    recordItem(widgets, "surgery_restore");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (!snap.surgery.message.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", snap.surgery.message.c_str());
        ImGui::PopTextWrapPos();
    }
}

void SurgeryPanel::dragGroup(UiRequests& req, const std::string& label) const
{
    if (ImGui::IsItemActivated()) req.beginEdit = label;
    if (ImGui::IsItemDeactivated()) req.endEdit = true;
}

// Its bias, one incoming weight at a time, and for a first-layer neuron its paintable map.
void SurgeryPanel::drawParameters(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                  float width)
{
    const Network& net = *snap.model.net;
    const NeuronRef n = snap.view.selected;
    if (n.layer < 1 || n.layer > net.layerCount()) return;
    const Layer& layer = net.layers[size_t(n.layer - 1)];
    const float fs = ImGui::GetFontSize();
    float bias = layer.b[n.neuron];
    ImGui::SetNextItemWidth(fs * 6);
    if (ImGui::DragFloat("bias", &bias, 0.01f, 0, 0, "%.3f"))
        req.setParameters.push_back({n.layer, n.neuron, -1, bias});
    dragGroup(req, "bias " + name(n));
    ImGui::SameLine(0, fs * 1.5f);
    const int inputs = int(layer.W.cols());
    m_input = std::clamp(m_input, 0, inputs - 1);
    ImGui::SetNextItemWidth(fs * 5);
    ImGui::InputInt("input", &m_input);
    m_input = std::clamp(m_input, 0, inputs - 1);
    ImGui::SameLine();
    float w = layer.W(n.neuron, m_input);
    ImGui::SetNextItemWidth(fs * 6);
    if (ImGui::DragFloat("weight", &w, 0.01f, 0, 0, "%.3f"))
        req.setParameters.push_back({n.layer, n.neuron, m_input, w});
    dragGroup(req, "weight " + name(n) + "←" + std::to_string(m_input));
    if (ImGui::Button("Zero this weight")) req.setParameters.push_back({n.layer, n.neuron, m_input, 0});
    ImGui::SameLine();
    if (ImGui::Button("Zero the bias")) req.setParameters.push_back({n.layer, n.neuron, -1, 0});

    const Eigen::VectorXf row = layer.W.row(n.neuron).transpose();
    const std::span<const float> values(row.data(), size_t(row.size()));
    if (n.layer == 1 && imageShapeFor(inputs).h > 1) {
        const float side = std::min(width * 0.55f, ImGui::GetContentRegionAvail().y - fs * 0.5f);
        drawMap(snap, req, widgets, std::max(side, fs * 4));
        return;
    }
    ImGui::TextDisabled("Incoming weights (click one to edit it):");
    const int cell = signedCellStrip("##incoming", values, maxAbs(values), ImVec2(width, fs * 1.6f),
                                     m_input);
    if (cell >= 0) {
        ImGui::SetTooltip("w ← %d = %.3f", cell, double(values[size_t(cell)]));
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) m_input = cell;
    }
}

// The first-layer neuron's weights as its input's image: a brush adds or subtracts where dragged.
void SurgeryPanel::drawMap(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float side)
{
    const Network& net = *snap.model.net;
    const NeuronRef n = snap.view.selected;
    const ImageShape shape = imageShapeFor(net.inputSize());
    const Eigen::VectorXf row = net.layers[0].W.row(n.neuron).transpose();
    const float scale = maxAbs(std::span<const float>(row.data(), size_t(row.size())));
    if (m_mapWeights != snap.model.weightsVersion || !(m_mapNeuron == n)) {
        const std::vector<uint32_t> px = signedPixels(row, scale);
        m_map.upload(shape.w, shape.h, px.data());
        m_mapWeights = snap.model.weightsVersion;
        m_mapNeuron = n;
    }
    ImGui::BeginGroup();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const HeatmapItem item = heatmapImage("##surgery_map", m_map.id(), ImVec2(side, side),
                                          ImVec2(0, 0), ImVec2(1, 1), shape.w, shape.h, false);
    recordItem(widgets, "surgery_map");
    if (ImGui::IsItemActivated()) req.beginEdit = "paint " + name(n);
    if (ImGui::IsItemActive()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        WeightBrush b;
        b.neuron = n.neuron;
        b.x = (m.x - p0.x) / side * float(shape.w);
        b.y = (m.y - p0.y) / side * float(shape.h);
        b.radius = m_brushRadius;
        b.amount = (m_subtract ? -1.0f : 1.0f) * m_brushAmount * std::max(scale, 0.05f);
        req.brush.push_back(b);
    }
    if (ImGui::IsItemDeactivated()) req.endEdit = true;
    if (item.hovered && item.px >= 0)
        ImGui::SetTooltip("w ← pixel (%d, %d) = %.3f\ndrag to %s", item.px, item.py,
                          double(row[item.py * shape.w + item.px]),
                          m_subtract ? "subtract" : "add");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("Brush on the weights");
    if (ImGui::RadioButton("add (green)", !m_subtract)) m_subtract = false;
    if (ImGui::RadioButton("subtract (red)", m_subtract)) m_subtract = true;
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fs * 6);
    ImGui::SliderFloat("strength", &m_brushAmount, 0.02f, 1.0f, "%.2f");
    ImGui::SetNextItemWidth(fs * 6);
    ImGui::SliderFloat("radius", &m_brushRadius, 0.5f, 6.0f, "%.1f px");
    ImGui::TextDisabled("max |w| = %.2f", double(scale));
    ImGui::EndGroup();
}

// "96.19 % → 91.12 %, −5.07" and each class's change.
void SurgeryPanel::drawScore(const Snapshot& snap, float width)
{
    const SurgeryState& s = snap.surgery;
    const std::shared_ptr<const Evaluation> now = s.edited ? s.edited : snap.score.test;
    if (!now) {
        ImGui::TextDisabled(snap.data.testSetLoading ? "Test set loading…"
                                                     : "No test set: accuracy unknown");
        return;
    }
    const double before = (s.base ? s.base->accuracy : now->accuracy) * 100;
    const double after = now->accuracy * 100;
    ImGui::Text("Test accuracy  %.2f %% → %.2f %%,", before, after);
    ImGui::SameLine();
    ImGui::TextColored(after >= before ? kGood : kBad, "%+.2f", after - before);
    if (s.active) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%.1f ms)", s.ms);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("the test set re-scored with the edits in %.2f ms", s.ms);
    }
    if (!s.base || !s.edited) {
        ImGui::TextDisabled("Edit the network: each change re-scores %zu test images.",
                            snap.data.testSet ? snap.data.testSet->size() : size_t(0));
        return;
    }
    const int classes = int(std::min(s.base->perClass.size(), s.edited->perClass.size()));
    const float fs = ImGui::GetFontSize();
    double largest = 1; // percentage points at a full bar: the largest change, at least 1
    for (int k = 0; k < classes; ++k)
        largest = std::max(largest, std::abs(s.edited->perClass[size_t(k)] -
                                             s.base->perClass[size_t(k)]) * 100);
    const float cellW = std::max(fs * 1.2f, width / float(std::max(classes, 1)) - 4);
    for (int k = 0; k < classes; ++k) {
        if (k > 0) ImGui::SameLine(0, 4);
        const double d = (s.edited->perClass[size_t(k)] - s.base->perClass[size_t(k)]) * 100;
        ImGui::BeginGroup();
        const std::string label = snap.className(k);
        ImGui::TextUnformatted(label.substr(0, size_t(std::max(1.0f, cellW / (fs * 0.55f)))).c_str());
        signedBar(float(d), float(largest), cellW, fs * 0.7f);
        ImGui::TextColored(d >= 0 ? kGood : kBad, cellW >= fs * 2.4f ? "%+.1f" : "%+.0f", d);
        ImGui::EndGroup();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %.2f %% → %.2f %% of its test images right", label.c_str(),
                              s.base->perClass[size_t(k)] * 100, s.edited->perClass[size_t(k)] * 100);
    }
}

// Undo / Redo / Reset / Save and the edits so far.
void SurgeryPanel::drawHistory(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const SurgeryState& s = snap.surgery;
    ImGui::Separator();
    ImGui::BeginDisabled(s.undoLabel.empty());
    if (ImGui::Button("Undo")) req.surgeryUndo = true;
    recordItem(widgets, "surgery_undo");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(s.redoLabel.empty());
    if (ImGui::Button("Redo")) req.surgeryRedo = true;
    recordItem(widgets, "surgery_redo");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.active || s.edits.empty());
    if (ImGui::Button("Reset")) req.surgeryReset = true;
    recordItem(widgets, "surgery_reset");
    ImGui::EndDisabled();
    ImGui::SameLine();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float saveW = ImGui::CalcTextSize("Save").x + style.FramePadding.x * 2;
    ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - saveW -
                                           style.ItemSpacing.x,
                                       ImGui::GetFontSize() * 4, ImGui::GetFontSize() * 12));
    ImGui::InputText("##surgery_path", m_savePath, sizeof m_savePath);
    ImGui::SameLine();
    if (ImGui::Button("Save")) req.saveModel = std::filesystem::path(m_savePath);
    recordItem(widgets, "surgery_save");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Writes the edited network, kills, clamps and scales folded into the "
                          "next layer's weights");
    if (!snap.files.message.empty()) ImGui::TextDisabled("%s", snap.files.message.c_str());
    if (s.edits.empty()) return;
    const float rows = float(std::min<size_t>(s.edits.size(), 4));
    if (ImGui::BeginChild("##edits", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * rows + 4))) {
        for (size_t i = s.edits.size(); i-- > 0;)
            ImGui::Text("%zu. %s", i + 1, s.edits[i].c_str());
    }
    ImGui::EndChild();
}

// The Ablate button, then the most important neurons as bars, and dead ReLU neurons per layer.
void SurgeryPanel::drawAblation(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                float width)
{
    const SurgeryState& s = snap.surgery;
    ImGui::Separator();
    ImGui::BeginDisabled(s.ablating || !snap.data.testSet || snap.training.running);
    if (ImGui::Button(s.ablating ? "Ablating…" : "Ablation: which neuron matters most?"))
        req.ablate = true;
    recordItem(widgets, "surgery_ablate");
    ImGui::EndDisabled();
    const Network& net = *snap.model.net;
    if (s.activity && s.activityWeights == snap.model.weightsVersion &&
        net.hidden == Activation::Relu) {
        std::string dead = "dead (never > 0):";
        for (int l = 1; l < net.layerCount(); ++l)
            dead += " layer " + std::to_string(l) + ": " +
                    std::to_string(s.activity->dead[size_t(l)]) + "/" +
                    std::to_string(net.sizes[size_t(l)]);
        ImGui::TextDisabled("%s", dead.c_str());
    }
    if (!s.ablation) return;
    const bool fresh = s.ablationWeights == snap.model.weightsVersion;
    ImGui::TextDisabled("Each hidden neuron killed in turn (%zu, %.0f ms)%s", s.ablation->neurons.size(),
                        s.ablationMs, fresh ? "" : " — before the last edit");
    const float fs = ImGui::GetFontSize();
    const float top = float(std::max(1e-4, s.ablation->neurons.front().drop)) * 100;
    const int shown = std::min<int>(int(s.ablation->neurons.size()),
                                     std::max(3, int(ImGui::GetContentRegionAvail().y /
                                                     ImGui::GetTextLineHeightWithSpacing())));
    for (int i = 0; i < shown; ++i) {
        const NeuronImportance& n = s.ablation->neurons[size_t(i)];
        ImGui::PushID(i);
        const std::string label = name({n.layer, n.neuron});
        if (ImGui::Selectable(label.c_str(), snap.view.selected == NeuronRef{n.layer, n.neuron}, 0,
                              ImVec2(fs * 3, 0)))
            req.select = NeuronRef{n.layer, n.neuron};
        ImGui::SameLine();
        const float d = float(n.drop) * 100;
        dropBar(d, top, std::max(fs * 3, width - fs * 14), ImGui::GetTextLineHeight());
        ImGui::SameLine();
        ImGui::Text("%+.2f → %.2f %%", double(-d), n.accuracy * 100);
        ImGui::PopID();
    }
}

} // namespace nnviz::gui
