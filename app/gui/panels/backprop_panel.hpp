// The Backprop tab (3Blue1Brown's backpropagation video on the current drawing): the target
// (a click on a class or a digit key; the network's answer until one is chosen), the cost C,
// the nudge each output wants as signed bars (−∂C/∂a for MSE; −∂C/∂z = y − a for cross-entropy,
// whose ∂C/∂a is zero but at the target), the nudges each hidden layer receives from the layer
// above (−Σ w·δ) and its −δ, the chain rule of the selected neuron or edge, the first
// layer's −∂C/∂w as maps of the input's shape next to its weight maps, and Step / Undo with the
// learning rate. While it shows, the network view draws the gradient instead of the weights.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <cstdint>
#include <vector>

namespace nnviz::gui {

class BackpropPanel {
  public:
    // widgets: where Step and Undo were drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    void drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float width);
    void drawNudges(const Snapshot& snap, UiRequests& req, ImVec2 size);
    void drawOutputBars(const Snapshot& snap, UiRequests& req, float width, float rowH);
    void drawHiddenStrips(const Snapshot& snap, UiRequests& req, float width);
    void drawChainRule(const Snapshot& snap, float width);
    void drawMaps(const Snapshot& snap, UiRequests& req, ImVec2 size);
    void refreshMaps(const Snapshot& snap);

    // The first layer's −∂C/∂w, every neuron's tile side by side (tile k at x = k·w), on one
    // scale; and its weights likewise, each tile on its own scale (as the Weight maps tab).
    Texture m_gradTiles, m_weightTiles;
    float m_gradScale = 0;
    // The selected first-layer neuron's −∂C/∂w on its own scale.
    Texture m_gradSelected;
    float m_selectedScale = 0;
    int m_gradSelectedNeuron = -1;
    std::vector<float> m_weightScales;
    uint64_t m_gradVersion = ~0ull, m_weightsVersion = ~0ull;
};

} // namespace nnviz::gui
