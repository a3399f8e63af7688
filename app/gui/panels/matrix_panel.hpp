// The matrix view, laid out as in the video: σ( W a + b ) = a' for the selected layer, with W
// drawn as an image (one row per neuron), the activation column a, the bias column b and the
// result, their sizes, the selected neuron's row highlighted, and the network's parameter count.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"

#include <cstdint>
#include <optional>

namespace nnviz::gui {

class MatrixPanel {
public:
    MatrixPanel() = default;
    void draw(const Snapshot& snap, UiRequests& req);

private:
    // Uploads W and a when they change, box-averaged down to wCols columns / aRows rows (the
    // pixels they get on screen) so a squashed matrix averages its columns instead of dropping
    // them.
    void refresh(const Snapshot& snap, int layer, int wCols, int aRows);

    struct Key {
        const Network* net = nullptr;
        uint64_t weights = 0;
        uint64_t input = 0;
        int layer = 0;
        int pixels = 0; // texture columns (W) or rows (a) after averaging
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> m_weightsKey; // what m_W shows (input ignored)
    std::optional<Key> m_inputKey;   // what m_a shows
    Texture m_W;                     // (in × out) pixels: row j = neuron j's incoming weights
    Texture m_a;                     // (1 × in) pixels: the previous layer's activations
    float m_wScale = 0;              // max |W| of the layer
    float m_aMax = 1;                // brightness scale of a (1, or the max for ReLU)
};

} // namespace nnviz::gui
