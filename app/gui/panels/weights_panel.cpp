// Weight maps panel: see weights_panel.hpp.
#include "app/gui/panels/weights_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

namespace nnviz::gui {

namespace {

std::span<const float> spanOf(const Eigen::VectorXf& v)
{
    return {v.data(), size_t(v.size())};
}

// a and z of a neuron as shown (mid-sweep too), NaN when the trace does not reach it yet.
float activationAt(const Snapshot& snap, NeuronRef r)
{
    if (size_t(r.layer) >= snap.sweep.shown.a.size() ||
        r.neuron >= snap.sweep.shown.a[size_t(r.layer)].size())
        return NAN;
    return snap.sweep.shown.a[size_t(r.layer)][r.neuron];
}
float weightedSumAt(const Snapshot& snap, NeuronRef r)
{
    const size_t l = size_t(r.layer - 1);
    if (r.layer < 1 || l >= snap.sweep.shown.z.size() || r.neuron >= snap.sweep.shown.z[l].size())
        return NAN;
    return snap.sweep.shown.z[l][r.neuron];
}

void layerName(const Network& net, int layer, char* buf, size_t n)
{
    if (layer == 0)
        std::snprintf(buf, n, "input layer");
    else if (layer == net.layerCount())
        std::snprintf(buf, n, "output layer");
    else
        std::snprintf(buf, n, "hidden layer %d", layer);
}

// A strip of one cell per weight: at most 40 px a cell, a little taller than a line of text.
ImVec2 stripSize(int cells, float width)
{
    return ImVec2(std::min(width, float(cells) * 40.0f),
                  std::max(ImGui::GetTextLineHeight() * 1.6f, 18.0f));
}

// A first-layer map's hovered pixel: its weight, its ink and their product.
void pixelTooltip(const HeatmapItem& item, const Eigen::MatrixXf& W, int neuron,
                  const Eigen::VectorXf& input)
{
    if (!item.hovered) return;
    const int i = item.py * imageShapeFor(int(W.cols())).w + item.px;
    const float w = W(neuron, i), a = i < input.size() ? input[i] : NAN;
    ImGui::SetTooltip("pixel (row %d, col %d)\nweight w = %+.3f\ninput  a = %.3f\nw·a = %+.3f",
                      item.py, item.px, double(w), double(a), double(w * a));
}

// The "a = σ(z), z = Σwa + b, b" line for a neuron (softmax outputs: a = e^zᵢ / Σₖ e^zₖ).
void neuronSummary(const Snapshot& snap, NeuronRef r)
{
    const Layer& layer = snap.model.net->layers[size_t(r.layer - 1)];
    const float a = activationAt(snap, r), z = weightedSumAt(snap, r), b = layer.b[r.neuron];
    char text[96];
    std::snprintf(text, sizeof text, "a = %s = %.3f",
                  activationText(snap.model.net->activationOf(r.layer - 1)).neuron, double(a));
    ImGui::TextUnformatted(text);
    std::snprintf(text, sizeof text, "z = Σ wᵢaᵢ + b = %.3f", double(z));
    sameLineIfFits(text, 18);
    ImGui::TextUnformatted(text);
    std::snprintf(text, sizeof text, "bias b = %.3f", double(b));
    sameLineIfFits(text, 18);
    ImGui::TextUnformatted(text);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The bias shifts the threshold: this neuron's weighted sum has to beat %.2f\n"
            "before the neuron starts to light up.",
            double(-b));
}

} // namespace

void WeightsPanel::refreshTiles(const Snapshot& snap)
{
    const TilesKey key{snap.model.net.get(), snap.model.weightsVersion, m_sharedScale};
    if (m_tilesKey == key) return;
    m_tilesKey = key;
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W; // (n, inputs)
    const int n = int(W.rows());
    m_tileScales.assign(size_t(n), maxAbs(W));
    if (!m_sharedScale)
        for (int k = 0; k < n; ++k) {
            const Eigen::VectorXf row = W.row(k).transpose();
            m_tileScales[size_t(k)] = maxAbs(spanOf(row));
        }
    const ImageShape s = imageShapeFor(int(W.cols()));
    const std::vector<uint32_t> px = weightTileAtlas(W, m_tileScales);
    m_tiles.upload(n * s.w, s.h, px.data());
}

void WeightsPanel::refreshDetail(const Snapshot& snap)
{
    const DetailKey key{snap.model.net.get(), snap.model.weightsVersion, snap.sweep.shownVersion,
                        snap.view.selected};
    if (m_detailKey == key) return;
    m_detailKey = key;
    const Network& net = *snap.model.net;
    const NeuronRef r = snap.view.selected;
    m_contrib.resize(0);
    m_effective.resize(0);
    if (r.layer < 1 || r.layer > net.layerCount() ||
        size_t(r.layer - 1) >= snap.sweep.shown.a.size())
        return;
    m_contrib = contributionMap(net, r.layer, r.neuron, snap.sweep.shown.a[size_t(r.layer - 1)]);
    m_contribScale = maxAbs(spanOf(m_contrib));
    m_contribPositive = m_contribNegative = 0;
    for (float c : spanOf(m_contrib))
        (c > 0 ? m_contribPositive : m_contribNegative) += c;
    if (r.layer == 1 && m_contrib.size() > 0) {
        const ImageShape s = imageShapeFor(int(m_contrib.size()));
        const std::vector<uint32_t> px = signedPixels(m_contrib, m_contribScale);
        m_contribTex.upload(s.w, s.h, px.data());
    }
    if (r.layer >= 2) {
        m_effective = gui::effectiveInputMap(net, r.layer, r.neuron);
        m_effectiveScale = maxAbs(spanOf(m_effective));
        const ImageShape s = imageShapeFor(int(m_effective.size()));
        const std::vector<uint32_t> px = signedPixels(m_effective, m_effectiveScale);
        m_effectiveTex.upload(s.w, s.h, px.data());
    }
}

void WeightsPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    if (!snap.model.net || snap.model.net->layerCount() < 1 ||
        snap.model.net->layers[0].W.size() == 0) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    ImGui::TextUnformatted("Colour scale:");
    ImGui::SameLine();
    if (ImGui::RadioButton("per neuron", !m_sharedScale)) m_sharedScale = false;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each map uses its own ±max|w|: best for seeing each neuron's pattern.");
    ImGui::SameLine();
    if (ImGui::RadioButton("shared", m_sharedScale)) m_sharedScale = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("All maps use the layer's ±max|w|: compare how strong neurons are.");
    refreshTiles(snap);
    refreshDetail(snap);
    ImGui::SameLine(0, 24);
    if (m_sharedScale) {
        signedLegend(m_tileScales.empty() ? 0.0f : m_tileScales[0], 260, "weight");
    } else {
        signedLegend(1.0f, 260, "weight (hover a map for its max|w|)", "max|w|");
    }

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 40 || avail.y < 40) return;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (avail.x >= avail.y * 1.4f) { // side by side: grid left, detail right
        // The split that draws the most map pixels: the grid's n maps plus the selected
        // neuron's two (each as large as the detail's width and the height under its ~5 lines
        // of text allow), the detail keeping room for its text. The grid gets only the width
        // its maps use, the detail the rest.
        const int n = int(snap.model.net->layers[0].W.rows());
        const ImageShape shape = imageShapeFor(int(snap.model.net->layers[0].W.cols()));
        const float aspect = float(shape.h) / float(shape.w);
        const float lineH = ImGui::GetTextLineHeightWithSpacing();
        const float minDetail = ImGui::GetFontSize() * 20;
        const float maxGrid = std::max(avail.x * 0.2f, avail.x - minDetail - 2 * gap);
        float gridW = maxGrid, best = -1;
        for (int i = 0; i <= 32; ++i) {
            const float w = avail.x * 0.15f + (maxGrid - avail.x * 0.15f) * float(i) / 32.0f;
            const ImVec2 fit = gridFit(n, aspect, ImVec2(w, avail.y));
            const float detailW = avail.x - fit.x - 2 * gap;
            const float side = std::max(
                0.0f, std::min((detailW - 2 * gap) * 0.5f - 2, (avail.y - 5 * lineH - 8) / aspect));
            // A grid map larger than the selected neuron's counts only as large (a few maps
            // would otherwise take the room from the one being explained).
            const float tile = std::min(fit.y, side);
            const float pixels = float(n) * tile * tile + 2 * side * side;
            if (pixels > best) {
                best = pixels;
                gridW = std::min(w, std::ceil(fit.x) + 1);
            }
        }
        drawGrid(snap, req, widgets, ImVec2(gridW, avail.y));
        ImGui::SameLine(0, gap * 2);
        drawDetail(snap, req, widgets, ImVec2(avail.x - gridW - gap * 2, avail.y));
    } else { // stacked: grid on top, as tall as its rows (at most half), the detail below
        const int n = int(snap.model.net->layers[0].W.rows());
        const ImageShape shape = imageShapeFor(int(snap.model.net->layers[0].W.cols()));
        const float most = std::min(avail.x, avail.y * 0.5f);
        const float gridH = std::ceil(gridHeight(
            n, float(shape.h) / float(shape.w), ImVec2(avail.x, most)));
        drawGrid(snap, req, widgets, ImVec2(avail.x, gridH));
        drawDetail(snap, req, widgets,
                   ImVec2(avail.x, avail.y - gridH - ImGui::GetStyle().ItemSpacing.y));
    }
}

void WeightsPanel::drawDetail(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                              ImVec2 size)
{
    ImGui::BeginChild("##detail", size, false);
    const Network& net = *snap.model.net;
    const NeuronRef r = snap.view.selected;
    if (r.layer == 0)
        drawInputPixelDetail(snap, req, size);
    else if (r.layer >= 1 && r.layer <= net.layerCount() && r.neuron < net.sizes[size_t(r.layer)]) {
        char name[32];
        layerName(net, r.layer, name, sizeof name);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kSelectColor), "Selected: %s, neuron %d",
                           name, r.neuron);
        neuronSummary(snap, r);
        if (r.layer == 1)
            drawFirstLayerDetail(snap, widgets, ImGui::GetContentRegionAvail());
        else
            drawDeepDetail(snap, req, ImGui::GetContentRegionAvail());
    } else {
        ImGui::TextDisabled("Click a neuron to see its weights.");
    }
    ImGui::EndChild();
}

void WeightsPanel::drawFirstLayerDetail(const Snapshot& snap, WidgetRects& widgets, ImVec2 size)
{
    const NeuronRef r = snap.view.selected;
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W;
    const ImageShape shape = imageShapeFor(int(W.cols()));
    const float aspect = float(shape.h) / float(shape.w);
    const float gap = 2 * ImGui::GetStyle().ItemSpacing.x;
    const float textH = ImGui::GetTextLineHeightWithSpacing();
    // The maps as large as two side by side and a header and a legend line each allow; the
    // w·a sums below them when that leaves room, else in the header (the short window). Each
    // map keeps 1 px either side for its frame.
    const float side = std::floor(
        std::max(std::min((size.x - gap) * 0.5f - 2, (size.y - 3 * textH - 8.0f) / aspect), 24.0f));
    const ImVec2 mapSize(side, std::max(1.0f, std::floor(side * aspect)));
    const bool sumsBelow = size.y - mapSize.y - 3 * textH - 8.0f >= 2 * textH;
    const int n = int(W.rows());
    const Eigen::VectorXf& input =
        snap.output.trace.a.empty() ? snap.input.pixels : snap.output.trace.a[0];

    ImGui::BeginGroup();
    ImGui::TextUnformatted("Weights w");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What the neuron looks for: ink on green pixels raises its sum,\n"
                          "ink on red pixels lowers it.");
    const float u0 = float(r.neuron) / float(n), u1 = float(r.neuron + 1) / float(n);
    pixelTooltip(heatmapImage("##big", m_tiles.id(), mapSize, ImVec2(u0, 0), ImVec2(u1, 1), shape.w,
                              shape.h, false),
                 W, r.neuron, input);
    recordItem(widgets, "weights_detail");
    signedLegend(m_tileScales[size_t(r.neuron)], side, "weight");
    ImGui::EndGroup();

    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    drawContribution(W, r.neuron, input, mapSize, sumsBelow);
    ImGui::EndGroup();
}

// The w·a map of the selected first-layer neuron for this drawing, its legend and its sums.
void WeightsPanel::drawContribution(const Eigen::MatrixXf& W, int neuron,
                                    const Eigen::VectorXf& input, ImVec2 mapSize, bool sumsBelow)
{
    const float sum = m_contribPositive + m_contribNegative;
    char header[64] = "w·a for this drawing";
    const bool ready = m_contrib.size() == W.cols();
    if (ready && !sumsBelow) std::snprintf(header, sizeof header, "w·a: Σ = %+.2f", double(sum));
    ImGui::TextUnformatted(header);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Why it lights up or not: each pixel's weight times its ink (0..1).\n"
                          "Only inked pixels count.\n"
                          "Adding up every pixel here gives the weighted sum Σ wᵢaᵢ = %+.2f\n"
                          "(green pixels %+.2f, red pixels %+.2f).",
                          double(sum), double(m_contribPositive), double(m_contribNegative));
    if (!ready) {
        ImGui::TextDisabled("(draw on the pad)");
    } else if (m_contribScale == 0.0f) {
        ImGui::Dummy(ImVec2(mapSize.x, mapSize.y * 0.25f));
        ImGui::TextDisabled(
            "No ink yet: draw on the pad\nand the pixels that drive\nthis neuron appear here.");
    } else {
        const ImageShape shape = imageShapeFor(int(W.cols()));
        pixelTooltip(heatmapImage("##contrib", m_contribTex.id(), mapSize, ImVec2(0, 0),
                                  ImVec2(1, 1), shape.w, shape.h, false),
                     W, neuron, input);
        signedLegend(m_contribScale, mapSize.x, "w·a");
        if (!sumsBelow) return;
        ImGui::TextColored(ImVec4(kPositive.r, kPositive.g, kPositive.b, 1), "green %+.2f",
                           double(m_contribPositive));
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(kNegative.r, kNegative.g, kNegative.b, 1), "red %+.2f",
                           double(m_contribNegative));
        ImGui::Text("sum Σ wᵢaᵢ = %+.2f", double(sum));
    }
}

void WeightsPanel::drawDeepDetail(const Snapshot& snap, UiRequests& req, ImVec2 size)
{
    // Wide enough: the weight strips left and the effective map right, as tall as the panel;
    // else the map below the strips.
    const float gap = 2 * ImGui::GetStyle().ItemSpacing.x;
    const bool beside = m_effective.size() > 0 && size.x >= ImGui::GetFontSize() * 18;
    const float stripsW = beside ? std::floor(size.x * 0.55f) : size.x;
    ImGui::BeginGroup();
    drawIncomingStrips(snap, req, stripsW);
    ImGui::EndGroup();
    if (m_effective.size() == 0) return;
    if (beside)
        ImGui::SameLine(0, gap);
    else
        ImGui::Spacing();
    const float textH = ImGui::GetTextLineHeightWithSpacing();
    const float mapW = beside ? size.x - stripsW - gap : size.x * 0.6f;
    const float mapH = ImGui::GetContentRegionAvail().y - 2 * textH - 4;
    ImGui::BeginGroup();
    drawEffectiveMap(snap, std::floor(std::clamp(std::min(mapW, mapH), 24.0f, mapW)));
    ImGui::EndGroup();
}

// The selected deeper neuron's incoming weights and their w·a for this drawing, one cell each.
void WeightsPanel::drawIncomingStrips(const Snapshot& snap, UiRequests& req, float width)
{
    const NeuronRef r = snap.view.selected;
    const Network& net = *snap.model.net;
    const Eigen::VectorXf w = net.layers[size_t(r.layer - 1)].W.row(r.neuron).transpose();
    const int in = int(w.size());
    char prev[32];
    layerName(net, r.layer - 1, prev, sizeof prev);
    const ImVec2 strip = stripSize(in, width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::Text("Weights in from the %d neurons of %s:", in, prev);
    const int hw = signedCellStrip("##w", spanOf(w), maxAbs(spanOf(w)), strip);
    if (hw >= 0) {
        ImGui::SetTooltip("from neuron %d of %s\nw = %+.3f (click to select it)", hw, prev,
                          double(w[hw]));
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) req.select = NeuronRef{r.layer - 1, hw};
    }
    if (m_contrib.size() == in) {
        ImGui::Text("w·a for this drawing: Σ wᵢaᵢ = %+.2f",
                    double(m_contribPositive + m_contribNegative));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Each input's weight times its activation: green pushes this neuron "
                              "on, red off.\nGreen adds %+.2f, red %+.2f.",
                              double(m_contribPositive), double(m_contribNegative));
        const int hc = signedCellStrip("##wa", spanOf(m_contrib), m_contribScale, strip);
        if (hc >= 0)
            ImGui::SetTooltip("neuron %d of %s: w = %+.3f, a = %.3f, w·a = %+.3f", hc, prev,
                              double(w[hc]), double(snap.sweep.shown.a[size_t(r.layer - 1)][hc]),
                              double(m_contrib[hc]));
    }
    ImGui::PopTextWrapPos();
}

// What a deeper neuron responds to in pixel space: its row of W_layer·…·W_1, side px wide.
void WeightsPanel::drawEffectiveMap(const Snapshot& snap, float side)
{
    const NeuronRef r = snap.view.selected;
    ImGui::TextUnformatted("Effective pixel map");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "What it responds to in the drawing.\n"
            "Row %d of the product W%d·...·W1 (%d values): the weights this neuron would\n"
            "have if the layers below it were not squashed. A rough guide to the\n"
            "pixels that excite (green) or inhibit (red) it.",
            r.neuron, r.layer, int(m_effective.size()));
    const ImageShape shape = imageShapeFor(int(m_effective.size()));
    const HeatmapItem item = heatmapImage(
        "##eff", m_effectiveTex.id(),
        ImVec2(side, std::max(1.0f, std::floor(side * float(shape.h) / float(shape.w)))),
        ImVec2(0, 0), ImVec2(1, 1), shape.w, shape.h, false);
    if (item.hovered)
        ImGui::SetTooltip("pixel (row %d, col %d): effective weight %+.3f", item.py, item.px,
                          double(m_effective[item.py * shape.w + item.px]));
    signedLegend(m_effectiveScale, side, "effective weight");
}

void WeightsPanel::drawInputPixelDetail(const Snapshot& snap, UiRequests& req, ImVec2 size)
{
    const int i = snap.view.selected.neuron;
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W;
    if (i < 0 || i >= W.cols()) return;
    const ImageShape shape = imageShapeFor(int(W.cols()));
    const float a = i < snap.input.pixels.size() ? snap.input.pixels[i] : NAN;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kSelectColor),
                       "Selected: input pixel %d (row %d, col %d)", i, i / shape.w, i % shape.w);
    ImGui::PushTextWrapPos(0);
    ImGui::Text("activation a = %.3f (how much ink: 0 = none, 1 = full)", double(a));
    ImGui::Text("Its weights into the %d neurons of hidden layer 1:", int(W.rows()));
    ImGui::PopTextWrapPos();
    const Eigen::VectorXf out = W.col(i);
    const int h = signedCellStrip("##out", spanOf(out), maxAbs(spanOf(out)),
                                  stripSize(int(out.size()), size.x));
    if (h >= 0) {
        ImGui::SetTooltip("to neuron %d: w = %+.3f (click to select it)", h, double(out[h]));
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) req.select = NeuronRef{1, h};
    }
}

} // namespace nnviz::gui
