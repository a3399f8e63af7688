// The answer: ten bars, one per digit, with their values; the largest highlighted.
#pragma once

#include "app/gui/model/snapshot.hpp"

namespace nnviz::gui {

class OutputsPanel {
public:
    void draw(const Snapshot& snap, UiRequests& req);
};

} // namespace nnviz::gui
