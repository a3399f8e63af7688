// The Explain tab's saliency (or occlusion) map as a see-through green/red layer over the drawing
// pad and the network's input image (canvas_panel.cpp draws it): uploaded when the map changes,
// drawn only while the tab's overlay switch is on.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"

#include <imgui.h>

#include <cstdint>

namespace nnviz::gui {

class SaliencyOverlay {
  public:
    // Over the input image drawn at [p0, p1] (the whole input frame).
    void drawOnInput(const Snapshot& snap, ImVec2 p0, ImVec2 p1);
    // Over the pad drawn at [p0, p1]: where the input's frame lies on it (explain.onPad), clipped.
    void drawOnPad(const Snapshot& snap, ImVec2 p0, ImVec2 p1);

  private:
    bool refresh(const Snapshot& snap); // false: nothing to draw

    Texture m_texture;
    uint64_t m_version = ~0ull; // explain.version uploaded
};

} // namespace nnviz::gui
