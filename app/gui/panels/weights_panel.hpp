// Weight maps: every first-hidden-layer neuron's incoming weights as a green/red heatmap of the
// input's shape (784 → 28×28), and the selected neuron in detail — its weights, the w·a map for
// the current drawing (why it lights up), or for deeper neurons their incoming weights and
// effective pixel-space map. The grid of maps is drawn in weights_grid.cpp.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

namespace nnviz::gui {

class WeightsPanel {
public:
    WeightsPanel() = default;
    // widgets: the grid ("weights_grid"), its first map ("weights_map_0") and the selected
    // neuron's weight map ("weights_detail"), for the layout tests.
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    // The same without reporting them (presentation mode).
    void draw(const Snapshot& snap, UiRequests& req) { draw(snap, req, m_unreported); }

private:
    void refreshTiles(const Snapshot& snap);
    void refreshDetail(const Snapshot& snap);
    void drawGrid(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 size);
    // n maps of height/width `aspect` laid out in `size` as drawGrid would: {the width they
    // use, each map's width} (weights_grid.cpp).
    static ImVec2 gridFit(int n, float aspect, ImVec2 size);
    // ... and the height they use.
    static float gridHeight(int n, float aspect, ImVec2 size);
    void drawDetail(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 size);
    void drawFirstLayerDetail(const Snapshot& snap, WidgetRects& widgets, ImVec2 size);
    void drawContribution(const Eigen::MatrixXf& W, int neuron, const Eigen::VectorXf& input,
                          ImVec2 mapSize, bool sumsBelow);
    void drawDeepDetail(const Snapshot& snap, UiRequests& req, ImVec2 size);
    void drawIncomingStrips(const Snapshot& snap, UiRequests& req, float width);
    void drawEffectiveMap(const Snapshot& snap, float side);
    void drawInputPixelDetail(const Snapshot& snap, UiRequests& req, ImVec2 size);

    WidgetRects m_unreported; // where draw(snap, req) records, kept to reuse its entries
    bool m_sharedScale = false; // one scale for all tiles (compare neurons) or one each (see shape)

    // All first-layer neurons' weights side by side in one texture: tile k at x = k·w, for
    // tiles of imageShapeFor(inputs).
    Texture m_tiles;
    std::vector<float> m_tileScales; // (n) the ±scale each tile is drawn with
    struct TilesKey {
        const Network* net = nullptr;
        uint64_t weights = 0;
        bool shared = false;
        bool operator==(const TilesKey&) const = default;
    };
    std::optional<TilesKey> m_tilesKey;

    // The selected neuron's maps; rebuilt when the weights, the input or the selection change.
    struct DetailKey {
        const Network* net = nullptr;
        uint64_t weights = 0;
        uint64_t input = 0;
        NeuronRef selected;
        bool operator==(const DetailKey&) const = default;
    };
    std::optional<DetailKey> m_detailKey;
    Eigen::VectorXf m_contrib; // wᵢ·aᵢ over the selected neuron's inputs, (sizes[layer − 1])
    float m_contribScale = 0;  // max |wᵢ·aᵢ|
    float m_contribPositive = 0; // Σ of the positive wᵢ·aᵢ
    float m_contribNegative = 0; // Σ of the negative wᵢ·aᵢ
    Texture m_contribTex;        // layer 1 only: the w·a map, shaped like the input
    Eigen::VectorXf m_effective; // layer ≥ 2: row of W_layer·…·W_1, (inputSize)
    float m_effectiveScale = 0;
    Texture m_effectiveTex;
};

} // namespace nnviz::gui
