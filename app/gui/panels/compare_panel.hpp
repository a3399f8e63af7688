// The Compare tab (issue #12, "side by side"): the shown network and a second one reading the same
// drawing, each as a compact diagram with its name, architecture, test accuracy and, for ReLU,
// its dead neurons (never active on the test set) counted per layer and ringed; their outputs as
// paired bars with the difference; a banner saying whether they agree ("they disagree: 4 vs 9");
// the test images they answer differently, stepped through onto the pad. The second network is
// chosen with a combo (the other bundled model, the shown one pinned as it is now, or a file) and
// Swap shows it instead. Reads CompareState; the model side computes everything.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <cstddef>
#include <string>

namespace nnviz::gui {

class ComparePanel {
  public:
    // widgets: the combo, its items while open, Swap, the banner and the steppers (for the
    // "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

    // One network as the tab shows it (the shown one, "A", or the second, "B").
    struct Side {
        const Network* net = nullptr;
        std::string name;
        const ForwardTrace* trace = nullptr;
        int answer = -1; // none without ink
        float confidence = 0;
        const Evaluation* test = nullptr;        // its test score, once there
        const LayerActivity* activity = nullptr; // ReLU: its activity on the test set
        bool working = false;                    // its figures are being computed
        ImU32 accent = 0;
        const char* role = ""; // "A, the shown network", "B, …"
    };

  private:
    void drawChooser(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, float comboW);
    void drawVerdict(const Snapshot& snap, float width, WidgetRects& widgets);
    void drawSide(const Snapshot& snap, const Side& side, ImVec2 size);
    void drawPairedBars(const Snapshot& snap, const Side& a, const Side& b, ImVec2 size);
    void drawDisagreements(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

    bool m_strongestEdges = true; // each neuron's strongest inputs in the diagrams
    size_t m_cursor = 0;          // the disagreement last put on the pad (an index of the list)
    bool m_stepped = false;       // one was
};

} // namespace nnviz::gui
