// The Surgery tab: change the network by hand and see what matters. The selected neuron (click
// one in the network view) can be killed, clamped or scaled; its bias and incoming weights are
// dragged; a first-layer neuron's weight map takes an add/subtract brush. Every edit re-scores
// the test set: the accuracy before → after with per-class changes, the list of edits with
// Undo / Redo / Reset / Save, and Ablation (each hidden neuron killed in turn, as bars).
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <cstdint>

namespace nnviz::gui {

class SurgeryPanel {
  public:
    // widgets: where its buttons and the weight map were drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    void drawNeuron(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawParameters(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float width);
    void drawMap(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float side);
    void drawScore(const Snapshot& snap, float width);
    void drawHistory(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawAblation(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float width);
    // A drag on a parameter: opens an undo group when it starts, closes it when it ends.
    void dragGroup(UiRequests& req, const std::string& label) const;

    Texture m_map;                       // the selected first-layer neuron's weights
    uint64_t m_mapWeights = ~0ull;       // model.weightsVersion m_map shows
    NeuronRef m_mapNeuron{0, -1};        // and whose weights
    float m_clamp = 1.0f, m_scale = 2.0f; // the Clamp value and Scale factor fields
    float m_brushAmount = 0.15f, m_brushRadius = 2.5f;
    bool m_subtract = false;              // the brush takes away instead of adding
    int m_input = 0;                      // the incoming weight the field edits
    char m_savePath[256] = "surgery.nnvz";
};

} // namespace nnviz::gui
