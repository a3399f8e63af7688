// The window's model: owns the networks, the drawing, the input and its forward trace, the swap
// mode, the selection and the sweep animation. Panels only see the Snapshot it builds and send
// UiRequests back; apply() runs after the frame's panels, so data flows one way:
// canvas → preprocess → forward → snapshot → panels.
#pragma once

#include "app/gui/event_log.hpp"
#include "app/gui/snapshot.hpp"
#include "app/gui/window_options.hpp"

#include <memory>
#include <string>

namespace nnviz::gui {

class AppModel {
public:
    static constexpr int kCanvasSize = 280; // drawing pad resolution (10× the 28×28 input)

    AppModel(const WindowOptions& options, const EventLog& log);

    const Snapshot& snapshot() const { return m_snap; }

    // Applies what the panels asked for this frame (strokes first, then the rest).
    void apply(const UiRequests& requests);
    // Advances the sweep animation by dt seconds.
    void tick(double dt);
    // True while the sweep is still moving (the loop must keep drawing frames).
    bool animating() const;

    // Toggles the hidden activation (the A key, the switch): SwapModel loads the bundled model
    // trained with the other function; KeepWeights swaps only the function on a copy.
    void toggleActivation();
    void clearCanvas();
    // Paints a stroke programmatically (bench and demo digits).
    void paint(const CanvasStroke& stroke);

private:
    void setNetwork(std::shared_ptr<const Network> net, std::string name, bool untrained);
    void paintPixels(const CanvasStroke& stroke); // no recompute
    void canvasChanged();
    void recompute(); // input → trace → answer; emits "prediction"
    void startSweep();
    void updateShown(); // shown = trace blended by the sweep

    const EventLog& m_log;
    std::shared_ptr<const Network> m_bundled[2]; // [0] sigmoid, [1] relu (random if missing)
    std::string m_bundledName[2];
    bool m_bundledUntrained[2] = {true, true};
    std::shared_ptr<GrayImage> m_canvas;         // (280, 280), owned here, shared read-only
    Snapshot m_snap;
};

} // namespace nnviz::gui
