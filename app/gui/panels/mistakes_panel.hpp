// The Mistakes tab: the shown network on the whole test set as a confusion matrix (rows: the
// true class, columns: the network's answer; green the right answers, red the mistakes) and each
// class's accuracy. A click on a cell opens its images in the Data tab (the most confident answer
// first), from where any of them goes onto the drawing pad.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

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
                  int maxMistakes, Cell browsed) const;
    // Opens cell c's images in the Data tab, the most confident answer first.
    static void openInBrowser(const Snapshot& snap, UiRequests& req, Cell c);
    // The cell the Data tab shows, if it shows one (the MNIST test set filtered to a cell).
    static Cell browsedCell(const Snapshot& snap);
};

} // namespace nnviz::gui
