// A small plot of the hidden activation function (sigmoid or ReLU) with the other one faint for
// comparison, every neuron of the selected layer as a dot on the curve, and the selected neuron's
// weighted sum z and activation a marked.
#pragma once

#include "app/gui/model/snapshot.hpp"

namespace nnviz::gui {

class ActivationPlotPanel {
public:
    ActivationPlotPanel() = default;
    void draw(const Snapshot& snap, UiRequests& req);
};

} // namespace nnviz::gui
