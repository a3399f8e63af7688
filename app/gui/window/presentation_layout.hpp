// Presentation mode (F11, --present): for a teacher at a projector. The pad, the network and the
// answer large side by side, the Learn step as a caption band along the bottom; the panel a step
// talks about (weight maps, matrix view, activation plot) folds in under the network while that
// step shows. It draws MainLayout's own panel objects, so the drawing, the selection and the step
// carry over both ways.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "app/gui/panels/activation_plot_panel.hpp"
#include "app/gui/panels/canvas_panel.hpp"
#include "app/gui/panels/learn_panel.hpp"
#include "app/gui/panels/matrix_panel.hpp"
#include "app/gui/panels/network_view.hpp"
#include "app/gui/panels/outputs_panel.hpp"
#include "app/gui/panels/weights_panel.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <vector>

namespace nnviz::gui {

// The presentation's type size for a screen windowHeight high, when the window's would be
// normalPixels: about 1/30 of the height (36 px at 1080), at least a quarter more than usual. The
// font atlas is rasterised at it while presenting (UiScale::setMinimumPixels), so the caption and
// the answer are crisp; smaller text here (the network's labels) is drawn minified.
int presentationTypePixels(int normalPixels, int windowHeight);

class PresentationLayout {
  public:
    // The panels it draws (MainLayout's; they outlive this).
    struct Panels {
        CanvasPanel& canvas;
        NetworkView& network;
        OutputsPanel& outputs;
        LearnPanel& learn;
        WeightsPanel& weights;
        MatrixPanel& matrix;
        ActivationPlotPanel& plot;
    };
    explicit PresentationLayout(Panels panels) : m_p(panels) {}

    // Entering and leaving: the network's labels and the folded panels are drawn smaller than
    // the atlas's type here, so the atlas is sampled smoothly (LINEAR) while presenting and back
    // to NEAREST (look.hpp, sharpenFontAtlas) after.
    void setActive(bool on);
    // trail and widgets as for MainLayout::draw; pulse: the Learn outline's brightness (0..1).
    void draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
              WidgetRects& widgets, float pulse);
    // One more frame is needed: the hidden toolbar's height changed (see drawCentre).
    bool settling() const { return m_settling; }

  private:
    void drawPad(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                 WidgetRects& widgets, ImVec2 at, ImVec2 size);
    void drawCentre(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                    ImVec2 size);
    void drawFold(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                  ImVec2 size);
    void drawAnswer(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                    ImVec2 size);
    void drawCaption(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 at,
                     ImVec2 size);
    void drawFocus(Focus focus, float pulse) const;

    Panels m_p;
    float m_scale = 1;     // this frame's type size over the window's
    float m_netScale = 1;  // the network view's
    float m_foldScale = 1; // the weight maps' and the matrix view's
    float m_toolbarH = 0;  // the network view's toolbar, hidden above its window's top
    float m_captionH = 0;  // the caption's title and text, as last drawn (0: not yet)
    bool m_settling = false;
    ImVec2 m_basePadding{}, m_baseSpacing{}; // the style at the folded panels' type size
    ImVec2 m_answerMin{}, m_answerMax{}, m_foldMin{}, m_foldMax{};
    Focus m_fold = Focus::None;       // the panel folded in under the network (None: none)
    ImTextureID m_smoothed = nullptr; // the font atlas texture made LINEAR (see setActive)
};

} // namespace nnviz::gui
