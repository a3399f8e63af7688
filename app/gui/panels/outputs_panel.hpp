// The answer: one bar per output (per digit), with its value; the largest highlighted.
#pragma once

#include "app/gui/model/snapshot.hpp"

namespace nnviz::gui {

class OutputsPanel {
public:
    void draw(const Snapshot& snap, UiRequests& req);
};

} // namespace nnviz::gui
