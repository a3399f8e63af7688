// "Learn": a Back/Next walkthrough of the video's ideas, in its order. Each step points at the
// part of the window it talks about (UiRequests::focus) and quotes live numbers from the snapshot.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

namespace nnviz::gui {

class LearnPanel {
public:
    LearnPanel() = default;
    // widgets: where Back and Next are drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    // The current step as a caption band (presentation mode; learn_captions.cpp): its title
    // larger, its text, and the dots with Back and Next in a column on the right; the same texts
    // as draw(). Returns the height the title and text take (a scrollbar shows when the window is
    // lower).
    float drawCaption(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

    static constexpr int kSteps = 8;
    int step() const { return m_step; }
    void setStep(int step) { m_step = step < 0 ? 0 : step >= kSteps ? kSteps - 1 : step; }
    const char* stepTitle() const;
    // The part of the window the current step talks about (whether or not it is outlined).
    Focus stepFocus() const;

private:
    void drawProgress();
    void drawButtons(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, bool oneRow);
    void pointAtStep(UiRequests& req); // asks for the step's outline once per new step
    void drawStepText(const Snapshot& snap, UiRequests& req);
    void drawBackNext(WidgetRects& widgets);

    int m_step = 0;         // 0 .. kSteps − 1
    int m_pointedStep = -1; // the step whose focus was last requested (−1: none yet)
};

} // namespace nnviz::gui
