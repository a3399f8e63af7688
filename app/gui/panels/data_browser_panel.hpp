// The Data tab: thumbnails of any set (MNIST or Fashion-MNIST, training or test), filtered by true
// label, by the network's answer and to the mistakes only, in index order or by the network's
// confidence; each with its label and the network's answer (wrong ones framed red). Hover one
// for a larger view and its numbers; click it to put it on the drawing pad, where the brush can
// edit it. The list is the model's (BrowserState); only the visible page is uploaded, as one
// texture atlas, when the page or the list changes.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace nnviz::gui {

class DataBrowserPanel {
  public:
    // widgets: the set choosers, the next button, the grid and its first thumbnail, for the
    // "layout" event.
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    // The thumbnails' geometry for this frame.
    struct Grid {
        int cols = 1, rows = 0;     // rows of cols thumbnails hold the list
        float thumb = 0, cellW = 0; // image side and cell width, in pixels
        float cellH = 0, rowH = 0;  // cell height (image and caption), row pitch
    };
    void drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawStatus(const Snapshot& snap);
    // ◀ ▶: the previous or next image of the list onto the pad.
    void drawStepper(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawGrid(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawCell(const Snapshot& snap, UiRequests& req, const Grid& g, size_t at) const;
    void drawTooltip(const Snapshot& snap, size_t at, ImVec2 uv0, ImVec2 uv1) const;
    // Uploads the images of rows [first, first + count) when they are not those uploaded.
    void updateAtlas(const BrowserState& b, int cols, int first, int count);
    // Where list entry `at` is in the atlas; false when it is not on the uploaded page.
    bool atlasUv(size_t at, ImVec2& uv0, ImVec2& uv1) const;

    Texture m_atlas;                 // (rows · set rows, cols · set cols) the visible page
    std::vector<uint32_t> m_rgba;    // staging for it
    uint64_t m_atlasVersion = ~0ull; // BrowserState::version uploaded
    int m_atlasCols = 0, m_atlasFirst = 0, m_atlasRows = 0;
};

} // namespace nnviz::gui
