// The Timeline tab: the last training run's weight snapshots (core/weight_timeline.hpp). A slider
// (drag it, ← → Home End, or Play) takes the whole window back to any snapshot: the network view,
// the weight maps, the answer for the drawing and the Mistakes tab show the weights of that moment,
// and the loss and test-accuracy curves mark it. Beside them the first layer's maps: the weights
// then, or what changed since the previous epoch or since the start (green grew, red shrank).
// The curves are drawn here, the maps in timeline_maps.cpp.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <optional>
#include <string>

namespace nnviz::gui {

class TimelinePanel {
  public:
    // widgets: where the slider, Play, Latest and the curves are drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    // What the maps show.
    enum class MapMode { Weights, SincePreviousEpoch, SinceStart };

    void drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void handleKeys(const Snapshot& snap, UiRequests& req) const;
    void drawStatus(const Snapshot& snap) const;
    void drawCurves(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 size);

    // timeline_maps.cpp
    void drawMaps(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void refreshMaps(const Snapshot& snap);
    void drawMapGrid(const Snapshot& snap, UiRequests& req, ImVec2 size);

    MapMode m_mode = MapMode::Weights;
    // The first layer's maps (or their changes) side by side, tile k at x = k·w.
    Texture m_maps;
    float m_scale = 0;     // the ±scale they are drawn with (one for all)
    std::string m_caption; // what they show, e.g. "change from the end of epoch 1 to batch 900"
    struct MapsKey {
        const Network* shown = nullptr;
        const Network* reference = nullptr;
        MapMode mode = MapMode::Weights;
        bool operator==(const MapsKey&) const = default;
    };
    std::optional<MapsKey> m_mapsKey;
};

} // namespace nnviz::gui
