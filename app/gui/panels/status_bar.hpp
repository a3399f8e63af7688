// The bottom line: model file, hidden activation, parameter count, frame rate.
#pragma once

#include "app/gui/model/snapshot.hpp"

namespace nnviz::gui {

class StatusBar {
public:
    void draw(const Snapshot& snap);
};

} // namespace nnviz::gui
