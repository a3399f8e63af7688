// Help: what every colour and shape in the window means, and the keys.
#pragma once

namespace nnviz::gui {

class LegendPanel {
public:
    void draw();
};

} // namespace nnviz::gui
