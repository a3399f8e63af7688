// Where the network view puts things, for any Network::sizes: the input picture (when the input
// is square), the compressed column of all inputs, and a column of discs per layer. In the view's
// framebuffer pixels, origin top-left. No GL, no ImGui: the view passes its font metrics in.
#pragma once

#include "app/gui/model/snapshot.hpp"

#include <optional>
#include <vector>

namespace nnviz::gui {

// What the layout depends on besides the network's sizes.
struct LayoutFrame {
    int width = 0, height = 0; // the view, framebuffer pixels
    float scale = 1;           // framebuffer pixels per ImGui unit
    float font = 13;           // font size, framebuffer pixels
    float columnLabel = 0;     // widest column title or subtitle, framebuffer pixels
    float outputLabel = 0;     // widest output label (class name), framebuffer pixels
};

struct NetworkLayout {
    // A column has room for this many discs of full size, one above the other: a smaller layer
    // keeps that spacing (its discs stay together, the column is shorter), a larger one gets
    // smaller discs in two staggered rows (zigzag) to keep them readable.
    static constexpr int kColumnRows = 16;

    int width = 0, height = 0; // framebuffer pixels
    float scale = 1;           // framebuffer pixels per ImGui unit
    float top = 0, bottom = 0; // vertical extent of the columns
    int inputs = 0;            // sizes[0]
    int imageSide = 0;         // the picture's side in cells (inputs = side²), 0: no picture
    float imageX = 0, imageY = 0, imageSize = 0; // the input picture
    float inputX = 0, inputW = 0;                // the column of all inputs (centre, width)
    std::vector<int> count;                      // neurons per layer (= Network::sizes)
    std::vector<float> columnX;                  // per layer (index 0 = the input column)
    std::vector<float> radius;                   // disc radius per layer (0 for the input)
    std::vector<float> pitch;                    // vertical spacing per layer
    std::vector<float> stagger;                  // ± x offset of alternate discs, 0: one row

    NetworkLayout() = default;
    NetworkLayout(const std::vector<int>& sizes, const LayoutFrame& frame);

    int layers() const { return int(count.size()); }
    // Centre of input cell i on the column.
    float inputY(int i) const;
    // Centre of neuron j of layer (1..L).
    float neuronX(int layer, int j) const;
    float neuronY(int layer, int j) const;
    // Half the width a layer's column takes (discs and their stagger).
    float halfWidth(int layer) const;
    // The neuron or input cell at p (framebuffer pixels), if any.
    std::optional<NeuronRef> hitTest(float x, float y) const;
    // Where the view draws network layer l's edge from neuron i to neuron j (l ≥ 0; from the
    // input column when l = 0): its two ends, framebuffer pixels.
    void edgeEnds(int l, int i, int j, float& x0, float& y0, float& x1, float& y1) const;
    // The edge between two neuron columns (not from the inputs, whose 12,544 lines overlap)
    // within `tolerance` pixels of p, the nearest one; none off the edges or over a neuron.
    std::optional<EdgeRef> edgeAt(float x, float y, float tolerance) const;
};

} // namespace nnviz::gui
