// TimelinePanel's maps: every first-hidden-layer neuron's incoming weights at the shown snapshot,
// or their change since the previous epoch's end or since the start, as green/red maps of the
// input's shape on one shared scale (so the neurons that changed most stand out). See
// timeline_panel.hpp.
#include "app/gui/panels/timeline_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {
namespace {

// The entry a change is measured from: the start, or the end of the epoch before the shown
// entry's (the start during the first epoch).
size_t referenceEntry(const TimelineState& t, size_t shown, bool sinceStart)
{
    if (sinceStart) return 0;
    const int epoch = t.entries[shown].epoch;
    size_t ref = 0;
    for (size_t j = 0; j < shown; ++j)
        if (t.entries[j].epochEnd && t.entries[j].epoch < epoch) ref = j;
    return ref;
}

std::string momentText(const TimelineState& t, size_t i)
{
    const TimelineEntry& e = t.entries[i];
    if (e.batch == 0) return "the start";
    if (e.epochEnd) return "the end of epoch " + std::to_string(e.epoch);
    return "batch " + withThousands(e.batch);
}

} // namespace

void TimelinePanel::refreshMaps(const Snapshot& snap)
{
    const TimelineState& t = snap.timeline;
    const size_t shown = t.shown ? *t.shown : t.entries.size() - 1;
    const size_t ref = referenceEntry(t, shown, m_mode == MapMode::SinceStart);
    const Network& net = *snap.model.net;
    const Network& from = *t.entries[ref].net;
    const MapsKey key{&net, m_mode == MapMode::Weights ? nullptr : &from, m_mode};
    if (m_mapsKey == key) return;
    m_mapsKey = key;

    const std::string now = t.shown ? momentText(t, shown) : std::string("the latest weights");
    Eigen::MatrixXf W = net.layers[0].W; // (n, inputs)
    if (m_mode == MapMode::Weights) {
        m_caption = "The first layer's weights at " + now;
    } else if (from.layers[0].W.rows() != W.rows() || from.layers[0].W.cols() != W.cols()) {
        m_caption = "The shown network is not from this run: open the Train tab's result again "
                    "(Latest weights) to compare";
        m_scale = 0;
        return;
    } else if (ref == shown) {
        m_caption = "Nothing to compare " + now + " with: it is the start";
        W.setZero();
    } else {
        W -= from.layers[0].W;
        m_caption = "Δw from " + momentText(t, ref) + " to " + now + " (green grew, red shrank)";
    }
    m_scale = std::max(maxAbs(W), 1e-6f);
    const float scales[1] = {m_scale};
    const ImageShape shape = imageShapeFor(int(W.cols()));
    const std::vector<uint32_t> pixels = weightTileAtlas(W, scales);
    m_maps.upload(shape.w * int(W.rows()), shape.h, pixels.data());
}

void TimelinePanel::drawMaps(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    struct View {
        MapMode mode;
        const char* label;
        const char* widget; // its name in the "layout" event
        const char* tip;
    };
    static constexpr View kViews[] = {
        {MapMode::Weights, "weights", "timeline_weights",
         "Each first-layer neuron's weights at that moment, on one colour scale (below): watch "
         "them grow out of noise"},
        {MapMode::SincePreviousEpoch, "change this epoch", "timeline_delta",
         "Each map's change since the end of the previous epoch (during the first, since the "
         "start): what this epoch taught each neuron"},
        {MapMode::SinceStart, "since the start", "timeline_since_start",
         "Each map's change since the run's start weights: all it has learnt"},
    };
    int mode = int(m_mode);
    for (const View& v : kViews) {
        if (v.mode != MapMode::Weights)
            sameLineIfFits(v.label, ImGui::GetFontSize(), ImGui::GetFrameHeight());
        ImGui::RadioButton(v.label, &mode, int(v.mode));
        recordItem(widgets, v.widget);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.tip);
    }
    m_mode = MapMode(mode);
    refreshMaps(snap);

    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", m_caption.c_str());
    ImGui::PopTextWrapPos();
    if (m_scale <= 0) return;
    const float legendH = ImGui::GetFrameHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    drawMapGrid(snap, req, ImVec2(avail.x, avail.y - legendH));
    recordItem(widgets, "timeline_maps");
    signedLegend(m_scale, std::min(avail.x, ImGui::GetFontSize() * 16),
                 m_mode == MapMode::Weights ? "weight" : "weight change Δw");
}

void TimelinePanel::drawMapGrid(const Snapshot& snap, UiRequests& req, ImVec2 size)
{
    const Eigen::MatrixXf& W = snap.model.net->layers[0].W;
    const int n = int(W.rows());
    const ImageShape shape = imageShapeFor(int(W.cols()));
    const float aspect = float(shape.h) / float(shape.w);
    const float gap = n > 32 ? 3.0f : 6.0f;
    const TileGrid grid = fitTiles(n, aspect, size.x, size.y, gap, 0);
    if (grid.tile < 4) return;
    const float tileH = std::max(1.0f, std::floor(grid.tile * aspect));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2); // the maps on channel 0 (one draw call), frames on 1
    dl->ChannelsSetCurrent(1);
    for (int k = 0; k < n; ++k) {
        const ImVec2 p(origin.x + float(k % grid.cols) * (grid.tile + gap),
                       origin.y + float(k / grid.cols) * (tileH + gap));
        ImGui::SetCursorScreenPos(p);
        ImGui::PushID(k);
        const NeuronRef ref{1, k};
        const HeatmapItem item = heatmapImage(
            "##tw", m_maps.id(), ImVec2(grid.tile, tileH), ImVec2(float(k) / float(n), 0),
            ImVec2(float(k + 1) / float(n), 1), shape.w, shape.h, snap.view.selected == ref);
        if (item.clicked) req.select = ref;
        if (item.hovered)
            ImGui::SetTooltip("Hidden layer 1, neuron %d (click to select it)\n%s\npixel (row %d, "
                              "col %d)",
                              k, m_caption.c_str(), item.py, item.px);
        ImGui::PopID();
    }
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(
        ImVec2(float(grid.cols) * (grid.tile + gap) - gap, float(grid.rows) * (tileH + gap) - gap));
}

} // namespace nnviz::gui
