// Opening and saving model files from the window (in the Train tab): a path field, a short list
// of the *.nnvz files found in the bundled models directory and the working directory, Open and
// Save. AppModel does the work; a failed Open shows the error in red and keeps the current model.
// ImGui 1.86 has no file dialog, hence the typed path.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

namespace nnviz::gui {

class ModelPanel {
public:
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    // Height draw() takes (the Train tab keeps it free at the bottom).
    static float height();

private:
    char m_path[1024] = "";
};

} // namespace nnviz::gui
