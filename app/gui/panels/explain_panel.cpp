// ExplainPanel: see explain_panel.hpp. Three columns: the gallery of a layer's dreams (the
// widest), the selected neuron's dream large over its effective pixel map, and the drawing's
// saliency with the noise experiment below it. Textures are uploaded when the gallery, the
// selection or the saliency change, never per frame.
//
// [SECTION] Layout
// [SECTION] What neurons want: the gallery
// [SECTION] The selected neuron
// [SECTION] Saliency
// [SECTION] Noise
#include "app/gui/panels/explain_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"
#include "core/text.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace nnviz::gui {
namespace {

std::span<const float> spanOf(const Eigen::VectorXf& v)
{
    return {v.data(), size_t(v.size())};
}

// "hidden layer 2", "outputs".
std::string layerTitle(const Network& net, int layer)
{
    return layer == net.layerCount() ? "outputs" : "hidden layer " + std::to_string(layer);
}

// A tile's caption: the class for an output ("5"), else the neuron's index; and its activation.
std::string tileCaption(const Snapshot& snap, int layer, int j, float activation, float width)
{
    const bool output = layer == snap.model.net->layerCount();
    char value[24];
    shortNumber(activation, value, sizeof value);
    const std::string name = output ? snap.className(j) : "#" + std::to_string(j);
    const std::string both = name + " " + value;
    return ImGui::CalcTextSize(both.c_str()).x <= width ? both : name;
}

} // namespace

// [SECTION] Layout

void ExplainPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    req.explainShown = true; // the model dreams and explains while the tab shows
    if (!snap.model.net) return;
    refreshGallery(snap);
    refreshEffective(snap);
    refreshSaliency(snap);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float fs = ImGui::GetFontSize();
    // The neuron's two maps as large as the height allows; the saliency column a map and its
    // controls; the gallery the rest.
    const float neuronW = std::clamp(avail.x * 0.2f, fs * 8, fs * 20);
    const float saliencyW = std::clamp(avail.x * 0.3f, fs * 13, fs * 22);
    const float galleryW = std::max(fs * 8, avail.x - neuronW - saliencyW - 2 * gap);

    ImGui::BeginChild("##ex_gallery", ImVec2(galleryW, avail.y), false,
                      ImGuiWindowFlags_NoScrollbar);
    drawGalleryControls(snap, req, widgets);
    drawGallery(snap, req, widgets, ImGui::GetContentRegionAvail());
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##ex_neuron", ImVec2(neuronW, avail.y), false,
                      ImGuiWindowFlags_NoScrollbar);
    drawNeuron(snap, ImGui::GetContentRegionAvail());
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##ex_saliency", ImVec2(saliencyW, avail.y), false);
    drawSaliency(snap, req, widgets, ImGui::GetContentRegionAvail());
    drawNoise(snap);
    ImGui::EndChild();
}

// [SECTION] What neurons want: the gallery

void ExplainPanel::refreshGallery(const Snapshot& snap)
{
    const auto& g = snap.explain.gallery;
    if (!g || g == m_galleryShown || g->dreams.empty()) return;
    m_galleryShown = g;
    std::vector<Eigen::VectorXf> images;
    for (const DreamResult& d : g->dreams)
        images.push_back(d.image);
    const ImageShape s = imageShapeFor(int(images[0].size()));
    const std::vector<uint32_t> px = grayTileAtlas(images, s.w, s.h);
    m_dreams.upload(int(images.size()) * s.w, s.h, px.data());
}

void ExplainPanel::drawGalleryControls(const Snapshot& snap, UiRequests& req,
                                       WidgetRects& widgets)
{
    const Network& net = *snap.model.net;
    const ExplainState& e = snap.explain;
    ImGui::TextUnformatted("What each neuron wants:");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each picture is the input that drives one neuron as high as it goes:\n"
                          "gradient ascent on the pixels (kept in 0..1, smooth and dark where\n"
                          "they can be). Do the neurons look for edges and loops?");
    for (int l = 1; l <= net.layerCount(); ++l) {
        const std::string label = l == net.layerCount() ? "outputs" : std::to_string(l);
        ImGui::PushID(l);
        sameLineIfFits(label.c_str(), ImGui::GetStyle().ItemSpacing.x, ImGui::GetFrameHeight());
        if (ImGui::RadioButton(label.c_str(), e.layer == l)) req.explainLayer = l;
        recordItem(widgets, ("explain_layer_" + std::to_string(l)).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s, %d neurons", layerTitle(net, l).c_str(), net.sizes[size_t(l)]);
        ImGui::PopID();
    }
    bool noise = e.fromNoise;
    if (ImGui::Checkbox("start from noise", &noise)) req.dreamFromNoise = noise;
    recordItem(widgets, "explain_dream_noise");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Start the ascent from random pixels instead of a black image:\n"
                          "another picture that the neuron likes as much (or nearly).");
    ImGui::SameLine();
    if (e.dreaming)
        ImGui::TextDisabled("dreaming…");
    else if (e.gallery && e.gallery->net != snap.model.net)
        ImGui::TextDisabled(snap.training.running ? "(before this run)" : "(older weights)");
    else if (e.gallery)
        ImGui::TextDisabled("%d in %.0f ms", int(e.gallery->dreams.size()), e.gallery->ms);
}

void ExplainPanel::drawGallery(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                               ImVec2 size)
{
    const ExplainState& e = snap.explain;
    const DreamGallery* g = e.gallery.get();
    if (!g || g->dreams.empty() || g != m_galleryShown.get()) {
        ImGui::TextDisabled(snap.training.running ? "Dreams wait for the training run to end."
                                                  : "Dreaming…");
        return;
    }
    const int n = int(g->dreams.size());
    const ImageShape s = imageShapeFor(int(g->dreams[0].image.size()));
    const float aspect = float(s.h) / float(s.w);
    const float gap = std::round(ImGui::GetFontSize() * 0.35f);
    const float textH = ImGui::GetTextLineHeight();
    const TileGrid grid = fitTiles(n, aspect, size.x - 4, size.y - 4, gap, textH + 2);
    if (grid.tile < 4) return;
    const ImVec2 origin = ImGui::GetCursorPos();
    const bool output = g->layer == snap.model.net->layerCount();
    for (int j = 0; j < n; ++j) {
        const int col = j % grid.cols, row = j / grid.cols;
        ImGui::SetCursorPos(ImVec2(origin.x + 2 + float(col) * (grid.tile + gap),
                                   origin.y + 2 + float(row) * (grid.tile * aspect + textH + 2 + gap)));
        ImGui::PushID(j);
        const bool selected = snap.view.selected == NeuronRef{g->layer, j};
        const float u0 = float(j) / float(n), u1 = float(j + 1) / float(n);
        const HeatmapItem item =
            heatmapImage("##dream", m_dreams.id(), ImVec2(grid.tile, grid.tile * aspect),
                         ImVec2(u0, 0), ImVec2(u1, 1), 0, 0, selected);
        recordItem(widgets, ("explain_tile_" + std::to_string(j)).c_str());
        if (item.clicked) req.select = NeuronRef{g->layer, j};
        const DreamResult& d = g->dreams[size_t(j)];
        if (item.hovered)
            ImGui::SetTooltip("%s %s: activation %.3f on this picture (%.3f on a black one)\n"
                              "weighted sum z = %+.2f after %d steps. Click to select it.",
                              output ? "output" : "neuron",
                              output ? snap.className(j).c_str() : std::to_string(j).c_str(),
                              double(d.activation), double(d.blankActivation),
                              double(d.weightedSum), d.steps);
        // The caption under the tile, clipped to its width.
        const std::string caption = tileCaption(snap, g->layer, j, d.activation, grid.tile);
        const ImVec2 at(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 1);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(at, ImVec2(at.x + grid.tile, at.y + textH + 2), true);
        dl->AddText(at, selected ? kSelectColor : ImGui::GetColorU32(ImGuiCol_Text),
                    caption.c_str());
        dl->PopClipRect();
        ImGui::PopID();
    }
}

// [SECTION] The selected neuron

void ExplainPanel::refreshEffective(const Snapshot& snap)
{
    const EffectiveKey key{snap.model.net.get(), snap.model.weightsVersion, snap.view.selected};
    if (m_effectiveKey == key) return;
    m_effectiveKey = key;
    m_effectiveMap = gui::effectiveInputMap(*snap.model.net, key.neuron.layer, key.neuron.neuron);
    if (m_effectiveMap.size() == 0) return;
    m_effectiveScale = maxAbs(spanOf(m_effectiveMap));
    const ImageShape s = imageShapeFor(int(m_effectiveMap.size()));
    const std::vector<uint32_t> px = signedPixels(m_effectiveMap, m_effectiveScale);
    m_effective.upload(s.w, s.h, px.data());
}

void ExplainPanel::drawNeuron(const Snapshot& snap, ImVec2 size)
{
    const NeuronRef r = snap.view.selected;
    const DreamGallery* g = m_galleryShown.get();
    const Network& net = *snap.model.net;
    if (r.layer < 1 || !g || g->layer != r.layer || r.neuron >= int(g->dreams.size())) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("Click a picture (or a neuron in the network) to see what it wants, "
                            "large.");
        ImGui::PopTextWrapPos();
        return;
    }
    const DreamResult& d = g->dreams[size_t(r.neuron)];
    const bool output = r.layer == net.layerCount();
    if (output)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kSelectColor), "The %s it imagines",
                           snap.className(r.neuron).c_str());
    else
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kSelectColor), "%s, neuron %d",
                           layerTitle(net, r.layer).c_str(), r.neuron);
    ImGui::Text("a = %.3f", double(d.activation));
    if (sameLineIfFits("(black: 0.000)", ImGui::GetStyle().ItemSpacing.x))
        ImGui::TextDisabled("(black: %.3f)", double(d.blankActivation));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Its activation on this picture; on a black image it is %.3f.",
                          double(d.blankActivation));
    // The two maps stacked, each as large as the rest allows.
    const ImageShape s = imageShapeFor(int(d.image.size()));
    const float aspect = float(s.h) / float(s.w);
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const float side = std::floor(std::clamp(
        std::min(size.x - 4, (ImGui::GetContentRegionAvail().y - 3 * lineH - 8) / 2 / aspect),
        8.0f, size.x));
    const int n = int(g->dreams.size());
    heatmapImage("##big", m_dreams.id(), ImVec2(side, side * aspect),
                 ImVec2(float(r.neuron) / float(n), 0), ImVec2(float(r.neuron + 1) / float(n), 1),
                 s.w, s.h, false);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What drives it highest: bright pixels are ink it wants.");
    if (m_effectiveMap.size() != d.image.size()) return;
    ImGui::TextUnformatted("Effective pixel map");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Row %d of W%d·…·W1: the weights it would have on the pixels if the\n"
                          "layers below were not squashed. Green pixels excite it, red inhibit.",
                          r.neuron, r.layer);
    heatmapImage("##eff", m_effective.id(), ImVec2(side, side * aspect), ImVec2(0, 0),
                 ImVec2(1, 1), s.w, s.h, false);
    signedLegend(m_effectiveScale, side, "effective weight");
}

// [SECTION] Saliency

void ExplainPanel::refreshSaliency(const Snapshot& snap)
{
    const ExplainState& e = snap.explain;
    if (e.version == m_saliencyVersion || e.saliency.size() == 0) return;
    m_saliencyVersion = e.version;
    const ImageShape s = imageShapeFor(int(e.saliency.size()));
    const std::vector<uint32_t> px = signedPixels(e.saliency, e.scale);
    m_saliency.upload(s.w, s.h, px.data());
}

void ExplainPanel::drawSaliencyControls(const Snapshot& snap, UiRequests& req,
                                        WidgetRects& widgets, float width)
{
    const ExplainState& e = snap.explain;
    int mode = e.mode == SaliencyMode::Occlusion ? 1 : 0;
    if (ImGui::RadioButton("gradient", &mode, 0)) req.saliencyMode = SaliencyMode::Gradient;
    recordItem(widgets, "explain_gradient");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("∂(output)/∂(pixel): green pixels would raise the output if brighter,\n"
                          "red ones lower it.");
    ImGui::SameLine();
    if (ImGui::RadioButton("occlusion", &mode, 1)) req.saliencyMode = SaliencyMode::Occlusion;
    recordItem(widgets, "explain_occlusion");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("How much the output drops when each 4×4 patch is blanked:\n"
                          "green patches hold the answer up, red ones hold it down.");
    const std::string preview = e.chosenOutput ? snap.className(e.output)
                                               : snap.className(e.output) + " (answer)";
    const float checkW = ImGui::CalcTextSize("on the pad").x + ImGui::GetFrameHeight() +
                         ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 5,
                                     width - checkW - ImGui::GetStyle().ItemSpacing.x));
    if (ImGui::BeginCombo("##ex_output", preview.c_str())) {
        if (ImGui::Selectable("the answer", !e.chosenOutput)) req.saliencyOutput = -1;
        for (int k = 0; k < snap.model.net->outputSize(); ++k) {
            ImGui::PushID(k);
            if (ImGui::Selectable(snap.className(k).c_str(), e.chosenOutput == k))
                req.saliencyOutput = k;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The output explained: the answer, or any class.");
    ImGui::SameLine();
    bool overlay = e.overlay;
    if (ImGui::Checkbox("on the pad", &overlay)) req.saliencyOverlay = overlay;
    recordItem(widgets, "explain_overlay");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Lay this map over the drawing pad and the network's input image.");
}

void ExplainPanel::drawSaliency(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                ImVec2 size)
{
    const ExplainState& e = snap.explain;
    ImGui::TextUnformatted("Which pixels matter");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Saliency: how the chosen output (the answer unless you pick one)\n"
                          "depends on each pixel of the drawing.");
    ImGui::SameLine(std::max(0.0f, size.x - ImGui::CalcTextSize("Noise").x -
                                       2 * ImGui::GetStyle().FramePadding.x));
    if (ImGui::Button("Noise")) req.noiseImage = true;
    recordItem(widgets, "explain_noise");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Put random pixels on the pad: the network must answer something,\n"
                          "and it often does so confidently.");
    drawSaliencyControls(snap, req, widgets, size.x);
    if (e.saliency.size() == 0 || m_saliencyVersion != e.version) return;
    if (!snap.input.ink) {
        ImGui::TextDisabled("Draw on the pad first.");
        return;
    }
    const ImageShape s = imageShapeFor(int(e.saliency.size()));
    const float aspect = float(s.h) / float(s.w);
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    // Leave the legend and the noise experiment's three lines below.
    const float side = std::floor(std::clamp(
        std::min(size.x - 2, (ImGui::GetContentRegionAvail().y - 4.5f * lineH) / aspect), 8.0f,
        size.x));
    const HeatmapItem item = heatmapImage("##sal", m_saliency.id(), ImVec2(side, side * aspect),
                                          ImVec2(0, 0), ImVec2(1, 1), s.w, s.h, false);
    if (item.hovered)
        ImGui::SetTooltip("pixel (row %d, col %d): %+.4f\n%s %s is %.3f on the drawing.",
                          item.py, item.px, double(e.saliency[item.py * s.w + item.px]),
                          "output", snap.className(e.output).c_str(), double(e.base));
    // A confident answer's gradient is tiny (0.002): its scale in a format that shows it.
    char scale[24];
    std::snprintf(scale, sizeof scale, e.scale >= 0.01f ? "%.2f" : "%.1e", double(e.scale));
    signedLegend(e.scale, side,
                 e.mode == SaliencyMode::Gradient ? "∂a/∂pixel" : "drop when blanked", scale);
}

// [SECTION] Noise

void ExplainPanel::drawNoise(const Snapshot& snap)
{
    const ExplainState& e = snap.explain;
    ImGui::PushTextWrapPos(0);
    if (snap.input.noise && snap.answerShown())
        ImGui::TextColored(kWarningText, "Pure noise, read as %s (%.0f %% sure).",
                           snap.className(snap.output.answer).c_str(),
                           100.0 * double(snap.output.confidence));
    if (e.survey) {
        const NoiseSurvey& s = *e.survey;
        ImGui::Text("It answers %.0f %% of %s noise images with ≥ %.0f %% confidence.",
                    100.0 * s.fractionConfident, withThousands(s.count).c_str(),
                    100.0 * double(s.threshold));
        if (ImGui::IsItemHovered()) {
            std::string counts;
            for (size_t k = 0; k < s.answers.size(); ++k)
                counts += snap.className(int(k)) + ": " + std::to_string(s.answers[k]) +
                          (k + 1 < s.answers.size() ? ", " : "");
            ImGui::SetTooltip("%d of %d sure; mean confidence %.2f.\nAnswers: %s.\nIt was never "
                              "taught to say \"none of these\".",
                              s.confident, s.count, s.meanConfidence, counts.c_str());
        }
    } else {
        ImGui::TextDisabled(e.surveying ? "surveying noise images…"
                                        : "(surveyed when the weights stay still)");
    }
    ImGui::PopTextWrapPos();
}

} // namespace nnviz::gui
