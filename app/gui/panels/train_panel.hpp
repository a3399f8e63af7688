// The Train tab: the architecture (hidden layers, output, cost), hyperparameters (each checked as typed, the reason in red beside a refused one),
// Start/Stop (and the T key), progress, the loss curve, test accuracy per epoch, and the model
// file section. The run itself is AppModel's TrainingSession on a worker thread; this panel only
// reads the snapshot's progress and asks with UiRequests.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/model/train_form.hpp"
#include "app/gui/panels/model_panel.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <optional>
#include <string>
#include <vector>

namespace nnviz::gui {

class TrainPanel {
public:
    // Every frame, whichever tab shows: checks the form and turns the T key into Start or Stop.
    void update(const Snapshot& snap, UiRequests& req);
    // widgets: where the form's fields and buttons are drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

private:
    void followShape(const Snapshot& snap);
    static const std::vector<int>& shownSizes(const Snapshot& snap);
    void drawFields(const Snapshot& snap, WidgetRects& widgets);
    void drawArchitecture(WidgetRects& widgets);
    void drawHyperparameters(WidgetRects& widgets);
    void drawOptions(WidgetRects& widgets);
    void drawTextField(WidgetRects& widgets, TrainField f, const char* id);
    void drawStart(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawStatus(const Snapshot& snap);
    void drawCharts(const Snapshot& snap, float height);
    void drawValidation(const SessionProgress& p);

    TrainForm m_form;
    FormCheck m_check;
    bool m_formFromModel = false; // the hidden activation starts as the shown model's
    std::optional<DatasetKind> m_shownDataset; // the data choice follows the shown model's
    std::vector<int> m_shapeSizes; // the shown shape the architecture fields last followed
    Activation m_shapeOutput = Activation::Softmax;
    std::string m_keyRefused;     // why T did not start a run (cleared by the next edit)
    ModelPanel m_model;
};

} // namespace nnviz::gui
