// The answer: one bar per output (per digit), with its value; the largest highlighted.
#pragma once

#include "app/gui/model/snapshot.hpp"

namespace nnviz::gui {

class OutputsPanel {
public:
    void draw(const Snapshot& snap, UiRequests& req);
    // The height (px) the panel's content needs for `outputs` rows at their smallest readable
    // size: the layout gives it at least this, so the answer never scrolls.
    static float minHeight(int outputs);
};

} // namespace nnviz::gui
