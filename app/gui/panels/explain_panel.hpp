// The Explain tab (issue #12, the video's second part: do the neurons really find edges and
// loops?): a gallery of what every neuron of a layer wants (its activation-maximisation image,
// computed in the background by AppModel; for the outputs "the 5 the network imagines"), click
// one to select it and see its dream large beside its effective pixel map; the saliency of the
// drawing for the answer or a chosen output (gradient or occlusion) as a green/red map, with a
// switch to lay it over the pad and the input image; and Noise: random pixels on the pad, and how
// often the network is sure of itself over 1,000 noise images.
#pragma once

#include "app/gui/gl/texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace nnviz::gui {

class ExplainPanel {
  public:
    // widgets: where the tiles, Noise and the switches were drawn (for the "layout" event).
    void draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);

  private:
    void refreshGallery(const Snapshot& snap);
    void refreshEffective(const Snapshot& snap);
    void refreshSaliency(const Snapshot& snap);
    void drawGalleryControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets);
    void drawGallery(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 size);
    void drawNeuron(const Snapshot& snap, ImVec2 size);
    void drawSaliency(const Snapshot& snap, UiRequests& req, WidgetRects& widgets, ImVec2 size);
    void drawSaliencyControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                              float width);
    void drawNoise(const Snapshot& snap); // what it answered to noise, and the survey

    // The gallery's dreams side by side in one grey atlas (dream k at x = k·w).
    Texture m_dreams;
    std::shared_ptr<const DreamGallery> m_galleryShown; // what m_dreams holds
    // The selected neuron's effective pixel map.
    Texture m_effective;
    Eigen::VectorXf m_effectiveMap;
    float m_effectiveScale = 0;
    struct EffectiveKey {
        const Network* net = nullptr;
        uint64_t weights = 0;
        NeuronRef neuron;
        bool operator==(const EffectiveKey&) const = default;
    };
    std::optional<EffectiveKey> m_effectiveKey;
    // The saliency map.
    Texture m_saliency;
    uint64_t m_saliencyVersion = ~0ull;
};

} // namespace nnviz::gui
