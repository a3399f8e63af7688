// The Mistakes tab: the shown network on the whole test set as a confusion matrix (rows: the
// true class, columns: the network's answer; green the right answers, red the mistakes), each
// class's accuracy, and the images behind any cell: a click puts them on the drawing pad one by
// one, the most confident answer first, where they can be looked at through every other panel
// and edited with the brush.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace nnviz::gui {

class MistakesPanel {
  public:
    // widgets: where the matrix is drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    // A cell of the matrix.
    struct Cell {
        int truth = -1, answer = -1;
        bool operator==(const Cell&) const = default;
    };
    void drawMatrix(const Snapshot& snap, UiRequests& req, const Evaluation& score);
    void drawCell(ImDrawList* dl, ImVec2 at, float side, const Evaluation& score, Cell c,
                  int maxMistakes) const;
    // Chooses cell c (its images, most confident first) or, when it is chosen already, moves to
    // its next image; puts that image on the pad.
    void showNext(const Snapshot& snap, UiRequests& req, Cell c);

    Cell m_cell;                  // the chosen cell, if any
    std::vector<int> m_images;    // its test images, most confident answer first
    size_t m_next = 0;            // m_images[m_next] goes on the pad next
    uint64_t m_scoredVersion = 0; // the score m_images come from (weightsVersion)
    std::string m_onPad;          // what the last click put on the pad
};

} // namespace nnviz::gui
