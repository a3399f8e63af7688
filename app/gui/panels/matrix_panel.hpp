// The matrix view, laid out as in the video: σ( W a + b ) = a' for the selected layer, with W
// drawn as an image (one row per neuron), the activation column a, the bias column b and the
// result, their sizes, the selected neuron's row highlighted, and the network's parameter count.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>

namespace nnviz::gui {

// Where the blocks of σ( W a + b ) = a' go on screen, all centred on one line: names above the
// blocks, sizes below. Filled by layoutEquation in matrix_panel.cpp.
struct MatrixEquation {
    ImVec2 w0, w1, a0, a1, b0, b1, r0, r1;  // W, a, b and the result a': top-left, bottom-right
    float cellH = 0;                        // one matrix row (one neuron)
    float midY = 0;                         // the line everything is centred on
    float openX = 0, plusX = 0, closeX = 0; // "σ(", "+" and ") ="
    char open[24] = "", sizeW[32] = "", sizeA[32] = "", sizeB[32] = "";
};

class MatrixPanel {
public:
    MatrixPanel() = default;
    void draw(const Snapshot& snap, UiRequests& req);

private:
    // Uploads W and a when they change, box-averaged down to the pixels they get on screen
    // (wCols × wRows, aRows) so a squashed matrix averages its columns and rows instead of
    // dropping them.
    void refresh(const Snapshot& snap, int layer, int wCols, int wRows, int aRows);
    void drawEquation(const Snapshot& snap, int layer, const MatrixEquation& eq) const;
    void hoverEquation(const Snapshot& snap, int layer, const MatrixEquation& eq,
                       UiRequests& req) const;
    void drawFooter(const Snapshot& snap, int layer) const;

    struct Key {
        const Network* net = nullptr;
        uint64_t weights = 0;
        uint64_t input = 0;
        int layer = 0;
        int cols = 0, rows = 0; // texture size after averaging
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> m_weightsKey; // what m_W shows (input ignored)
    std::optional<Key> m_inputKey;   // what m_a shows
    Texture m_W;        // (≤ in × ≤ out) pixels: row j = neuron j's incoming weights
    Texture m_a;        // (1 × ≤ in) pixels: the previous layer's activations
    float m_wScale = 0; // max |W| of the layer
    float m_aMax = 1;   // brightness scale of a (fullBrightness)
};

} // namespace nnviz::gui
