// WeightsPanel's grid: one weight map per first-hidden-layer neuron, as many columns as give the
// largest maps, and labels that shrink (value and index, index, smaller, then only each row's
// first index) as the maps get smaller, so 16 or 128 maps stay legible. See weights_panel.hpp.
#include "app/gui/panels/weights_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {

namespace {

// How the maps are labelled, from the roomiest to the tightest.
enum class TileLabels {
    IndexAndValue, // a dot lit with the neuron's activation, then "12: 0.53"
    Index,         // the dot and "12"
    SmallIndex,    // both in a smaller font
    RowStarts,     // a thin bar lit with the activation under each map; each row's first index
};

struct GridPlan {
    TileLabels labels = TileLabels::IndexAndValue;
    TileGrid grid;       // columns, rows and the map's width
    float gap = 0;       // between maps, both ways
    float font = 0;      // the labels' font size
    float labelH = 0;    // below each map
    float margin = 0;    // left of the maps (RowStarts: the row indices)
    bool scroll = false; // kMinTile maps need more than the height: the grid scrolls
};

constexpr float kMinTile = 14.0f; // px: a smaller 28×28 map is a smudge

float textWidth(float font, const char* text)
{
    return ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, text).x;
}

// The roomiest labels whose maps are at least kMinTile wide and fit their label (which may use
// a little of the gap beside its map); else kMinTile maps in as many columns as the width holds,
// scrolling.
GridPlan planGrid(int n, float aspect, ImVec2 size)
{
    const float fs = ImGui::GetFontSize(), small = std::round(fs * 0.75f);
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    char widest[32], valued[48];
    std::snprintf(widest, sizeof widest, "%d", n - 1);
    std::snprintf(valued, sizeof valued, "%d: 0.00", n - 1);
    auto dot = [](float font) { return font * 0.6f + 5; }; // the dot and the space after it
    struct Option {
        TileLabels labels;
        float font, labelH, width, margin;
    };
    const Option options[] = {
        {TileLabels::IndexAndValue, fs, lineH, dot(fs) + textWidth(fs, valued), 0},
        {TileLabels::Index, fs, lineH, dot(fs) + textWidth(fs, widest), 0},
        {TileLabels::SmallIndex, small, small + 3, dot(small) + textWidth(small, widest), 0},
        {TileLabels::RowStarts, small, 5, 0, textWidth(small, widest) + 5},
    };
    const float gap = n > 32 ? 5.0f : 8.0f;
    GridPlan plan;
    for (const Option& o : options) {
        const TileGrid grid = fitTiles(n, aspect, size.x - o.margin, size.y, gap, o.labelH);
        plan = {o.labels, grid, gap, o.font, o.labelH, o.margin, false};
        if (grid.tile >= std::max(kMinTile, o.width - gap * 0.4f)) return plan;
    }
    // kMinTile maps as the width holds them; a scrollbar (and its width) only when the rows
    // need more than the height.
    plan.grid.tile = kMinTile;
    const float pitchY = kMinTile * aspect + plan.labelH + gap;
    for (const float scrollbar : {0.0f, ImGui::GetStyle().ScrollbarSize}) {
        const float width = size.x - plan.margin - scrollbar;
        plan.grid.cols = std::clamp(int((width + gap) / (kMinTile + gap)), 1, std::max(n, 1));
        plan.grid.rows = (n + plan.grid.cols - 1) / plan.grid.cols;
        plan.scroll = float(plan.grid.rows) * pitchY - gap > size.y;
        if (!plan.scroll) break;
    }
    return plan;
}

ImU32 toU32(const Rgba& c)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

// Under the map whose bottom-left corner is p: its label as the plan asks. brightness: the
// neuron's activation on the 0..1 scale of activationColor.
void drawTileLabel(ImDrawList* dl, const GridPlan& plan, ImVec2 p, int k, float a, float brightness)
{
    const Rgba lit = activationColor(std::isnan(a) ? 0.0f : brightness);
    if (plan.labels == TileLabels::RowStarts) {
        dl->AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + plan.grid.tile, p.y + plan.labelH - 1),
                          toU32(lit));
        return;
    }
    const float r = plan.font * 0.3f;
    const ImVec2 centre(p.x + r + 1, p.y + plan.labelH * 0.45f);
    dl->AddCircleFilled(centre, r, toU32(lit));
    dl->AddCircle(centre, r, kFrameColor);
    char text[32];
    std::snprintf(text, sizeof text, "%d: %.2f", k, double(a));
    // A value wider than planned (ReLU's 12.34) drops back to the index.
    if (plan.labels != TileLabels::IndexAndValue ||
        2 * r + 5 + textWidth(plan.font, text) > plan.grid.tile + plan.gap)
        std::snprintf(text, sizeof text, "%d", k);
    dl->AddText(ImGui::GetFont(), plan.font, ImVec2(p.x + 2 * r + 5, p.y + 1),
                ImGui::GetColorU32(ImGuiCol_Text), text);
}

void tileTooltip(const Snapshot& snap, int k, float a, const HeatmapItem& item, float scale)
{
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W;
    const ImageShape shape = imageShapeFor(int(W.cols()));
    ImGui::BeginTooltip();
    ImGui::Text("Hidden layer 1, neuron %d (click to inspect)", k);
    ImGui::Text("activation a = %.3f   bias b = %.3f", double(a),
                double(snap.model.net->layers[0].b[k]));
    ImGui::Text("colour scale: ±%.3f", double(scale));
    const float w = W(k, item.py * shape.w + item.px);
    ImGui::Text("pixel (row %d, col %d): w = %+.3f", item.py, item.px, double(w));
    ImGui::TextDisabled("green: ink here raises the sum; red: ink here lowers it");
    ImGui::EndTooltip();
}

} // namespace

ImVec2 WeightsPanel::gridFit(int n, float aspect, ImVec2 size)
{
    const GridPlan plan = planGrid(n, aspect, size);
    return {plan.margin + float(plan.grid.cols) * (plan.grid.tile + plan.gap) - plan.gap +
                (plan.scroll ? ImGui::GetStyle().ScrollbarSize : 0.0f),
            plan.grid.tile};
}

float WeightsPanel::gridHeight(int n, float aspect, ImVec2 size)
{
    const GridPlan plan = planGrid(n, aspect, size);
    const float pitchY = std::max(1.0f, std::floor(plan.grid.tile * aspect)) + plan.labelH + plan.gap;
    return std::min(size.y, float(plan.grid.rows) * pitchY - plan.gap);
}

void WeightsPanel::drawGrid(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                            ImVec2 size)
{
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W; // (n, inputs)
    const int n = int(W.rows());
    const ImageShape shape = imageShapeFor(int(W.cols()));
    const float aspect = float(shape.h) / float(shape.w);
    const GridPlan plan = planGrid(n, aspect, size);
    ImGui::BeginChild("##tiles", size, false, plan.scroll ? 0 : ImGuiWindowFlags_NoScrollbar);
    const Eigen::VectorXf* a1 = snap.sweep.shown.a.size() > 1 ? &snap.shownActivation(1) : nullptr;
    const float maxA = a1 ? fullBrightness(*snap.model.net, 1, *a1) : 1.0f;
    const float tile = plan.grid.tile, tileH = std::max(1.0f, std::floor(tile * aspect));
    const float pitchX = tile + plan.gap, pitchY = tileH + plan.labelH + plan.gap;

    // Maps on a fixed pitch, so a label wider than its map cannot push the next one. The maps
    // go on channel 0, the rest on channel 1: all maps in one draw call.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    for (int k = 0; k < n; ++k) {
        const int col = k % plan.grid.cols, row = k / plan.grid.cols;
        const ImVec2 p(origin.x + plan.margin + float(col) * pitchX,
                       origin.y + float(row) * pitchY);
        const float a = a1 && k < a1->size() ? (*a1)[k] : NAN;
        const NeuronRef ref{1, k};
        const float u0 = float(k) / float(n), u1 = float(k + 1) / float(n);
        ImGui::PushID(k);
        ImGui::SetCursorScreenPos(p);
        const HeatmapItem item =
            heatmapImage("##w", m_tiles.id(), ImVec2(tile, tileH), ImVec2(u0, 0), ImVec2(u1, 1),
                         shape.w, shape.h, snap.view.selected == ref);
        if (k == 0) recordItem(widgets, "weights_map_0");
        if (item.clicked) req.select = ref;
        if (item.hovered) {
            req.hover = ref;
            tileTooltip(snap, k, a, item, m_tileScales[size_t(k)]);
        }
        drawTileLabel(dl, plan, ImVec2(p.x, p.y + tileH + 2), k, a, a / maxA);
        if (plan.labels == TileLabels::RowStarts && col == 0) {
            char text[16];
            std::snprintf(text, sizeof text, "%d", k);
            dl->AddText(
                ImGui::GetFont(), plan.font,
                ImVec2(p.x - 4 - textWidth(plan.font, text), p.y + (tileH - plan.font) * 0.5f),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
        }
        ImGui::PopID();
    }
    dl->ChannelsMerge();
    // The grid's extent, so a scrolling grid reaches its last row.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(plan.margin + float(plan.grid.cols) * pitchX - plan.gap,
                        float(plan.grid.rows) * pitchY - plan.gap));
    recordItem(widgets, "weights_grid");
    ImGui::EndChild();
}

} // namespace nnviz::gui
