// The window's model: owns the networks, the drawing, the input and its forward trace, the swap
// mode, the selection and the sweep animation, the datasets, the training session, model files.
// Panels only see the Snapshot it builds and send UiRequests back; apply() runs after the frame's
// panels, so data flows one way: canvas → preprocess → forward → snapshot → panels. Training runs
// on the session's worker thread; tick() takes its published weights and progress. What changed
// is also queued as typed events (model_events.hpp) for the shell to take.
#pragma once

#include "app/gui/model/data_store.hpp"
#include "app/gui/model/model_events.hpp"
#include "app/gui/model/snapshot.hpp"
#include "core/image.hpp"
#include "core/training_session.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nnviz::gui {

// What the model side needs to start: where its files are (the shell resolves them).
struct AppModelConfig {
    std::filesystem::path model;     // a model file to open first; empty = the bundled one
    std::filesystem::path dataDir;   // the MNIST directory; empty = nnviz::defaultDataDir()
    std::filesystem::path modelsDir; // the bundled models (sigmoid.nnvz, relu.nnvz)
};

class AppModel {
  public:
    static constexpr int kCanvasSize = 10 * kDigitSide; // drawing pad resolution (10× the input)

    explicit AppModel(const AppModelConfig& config);
    ~AppModel(); // cancels a training run and waits for its thread (one batch at most)
    AppModel(const AppModel&) = delete;
    AppModel& operator=(const AppModel&) = delete;

    const Snapshot& snapshot() const { return m_snap; }
    // The events since the last call, oldest first (the constructor's prediction included).
    std::vector<ModelEvent> takeEvents() { return std::exchange(m_events, {}); }

    // Applies what the panels asked for this frame (strokes first, then the rest).
    void apply(const UiRequests& requests);
    // Takes what the data loader and the training session published, and advances the sweep
    // animation by dt seconds.
    void tick(double dt);
    // True while something moves without input: the sweep, the test set loading (the loop must
    // keep drawing frames). A training run is not animation: see training().
    bool animating() const;
    // True while a training run goes on: its progress and weights change on their own, but a
    // few frames a second show them (the run needs the CPU the frames would take).
    bool training() const { return m_snap.training.running; }

    // Toggles the hidden activation (the A key, the switch): SwapModel loads the bundled model
    // trained with the other function; KeepWeights swaps only the function on a copy.
    void toggleActivation();
    void clearCanvas();

  private:
    // Why net cannot be shown (its input is not the pad's digit or its outputs not the classes),
    // naming the file; empty when it fits.
    static std::string misfitFor(const Network& net, const std::filesystem::path& file);
    static int slotOf(Activation hidden) { return hidden == Activation::Relu ? 1 : 0; }
    void setNetwork(std::shared_ptr<const Network> net, std::string name, bool untrained);
    void paintPixels(const CanvasStroke& stroke);      // no recompute
    void setCanvasFrom(const GrayImage& src);          // resampled to the pad; no recompute
    bool openImage(const std::filesystem::path& file); // onto the pad; false (and why) on error
    void canvasChanged();
    void recompute(); // input → trace → answer; emits "prediction"
    void startSweep();
    void updateShown(); // shown = trace blended by the sweep

    // app_model_training.cpp: datasets, training, model files.
    void pollData();
    void rescore(); // the shown network on the test set, when it changed and no run is on
    void pollTraining();
    void startTraining(const TrainRequest& request);
    Network startNetwork(const TrainRequest& request) const;
    void emitTraining(const SessionProgress& p, std::optional<int> epochIndex);
    void adoptTrained(std::shared_ptr<const Network> net, std::string name);
    void openModel(const std::filesystem::path& file);
    void saveModel(const std::filesystem::path& file);
    void modelFileFailed(event::Failure what, const std::string& message);
    void refreshModelFiles();

    std::vector<ModelEvent> m_events;            // not yet taken, oldest first
    std::filesystem::path m_modelsDir;           // the bundled models
    std::shared_ptr<const Network> m_bundled[2]; // [0] sigmoid, [1] relu (random if missing)
    std::string m_bundledName[2];
    bool m_bundledUntrained[2] = {true, true};
    std::shared_ptr<GrayImage> m_canvas; // (280, 280), owned here, shared read-only
    Snapshot m_snap;

    std::shared_ptr<DataStore> m_data;          // shared with the session's loaders
    std::unique_ptr<TrainingSession> m_session; // after m_data: ends first; null when idle
    int m_trainSlot = 0;                        // the bundled slot the run's network goes to
    bool m_adopted = false;                     // the run's weights are in m_bundled[m_trainSlot]
    uint64_t m_seenVersion = 0;                 // the session's last version taken
    SessionState m_emittedState = SessionState::Loading; // last "training" state sent
    size_t m_emittedEpochs = 0;                          // epoch reports sent as events
    int m_ticks = 0;                                     // tick() calls, up to 2 (see pollData)
};

} // namespace nnviz::gui
