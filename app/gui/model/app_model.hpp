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
#include "core/rescore.hpp"
#include "core/surgery.hpp"
#include "core/training_session.hpp"

#include <array>
#include <atomic>
#include <filesystem>
#include <future>
#include <map>
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
    std::filesystem::path modelsDir; // the bundled models (sigmoid.nnvz, relu.nnvz, fashion-…)
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
    // The bundled models' slots, one per dataset and hidden activation: MNIST sigmoid, ReLU,
    // Fashion-MNIST sigmoid, ReLU. The activation toggle swaps within the shown dataset's pair.
    static constexpr int kSlots = 4;
    static int slotOf(Activation hidden, DatasetKind dataset)
    {
        return 2 * int(dataset == DatasetKind::Fashion) + int(hidden == Activation::Relu);
    }
    static int slotOf(const Network& net) { return slotOf(net.hidden, net.dataset); }
    void setNetwork(std::shared_ptr<const Network> net, std::string name, bool untrained);
    void paintPixels(const CanvasStroke& stroke);      // no recompute
    void setCanvasFrom(const GrayImage& src);          // resampled to the pad; no recompute
    bool openImage(const std::filesystem::path& file); // onto the pad; false (and why) on error
    void canvasChanged();
    void preprocess(); // the pad → input.preprocessed and input.raw
    void recompute(); // input → trace → answer; emits "prediction"
    void startSweep();
    void updateShown(); // shown = trace blended by the sweep

    // app_model_training.cpp: datasets, training, model files.
    void pollData(); // the shown network's test set: asks for it, takes it when read
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

    // app_model_browser.cpp: the Data tab's set, list and answers; a set's image onto the pad.
    struct SetAnswers {
        std::shared_ptr<const Evaluation> answers; // null: not scored
        uint64_t weightsVersion = 0;               // of the network scored
        double ms = 0;                             // how long the scoring took
    };
    struct Scoring { // a background scoring of a set by the shown network
        size_t slot = 0;
        std::future<SetAnswers> result;
    };
    bool putSetImage(const ImageRef& ref); // onto the pad; false when not loaded; no recompute
    void applyBrowse(const BrowseRequest& request);
    void pollBrowser(bool listChanged = false);
    SetAnswers answersFor(DatasetKind kind, Split split) const;
    // The Data tab's set is being read (not merely unrequested: a Fashion model never asks for
    // the MNIST test set the tab starts on, and an idle window must stop drawing).
    bool browserLoading() const
    {
        const BrowserState& b = m_snap.browser;
        return b.loading && m_data->status(b.kind, b.split).requested;
    }
    // The set rescore() scores (the shown model's test set): its answers are m_snap.score's.
    bool scoredByRescore(DatasetKind kind, Split split) const
    {
        return kind == m_snap.data.kind && split == Split::Test;
    }
    void takeScoring();
    void startScoring(size_t slot, std::shared_ptr<const Dataset> set);
    void updateBrowseList();
    // app_model_timeline.cpp: the run's weight timeline, scrubbing and playing it.
    void resetTimeline(); // a new run: no entries, the latest weights shown
    void pollTimeline(const SessionProgress& p); // the session's entries; the event at its end
    void applyTimeline(const UiRequests& req);
    void tickTimeline(double dt); // playing, and scoring entries after a run
    bool timelineBusy() const;
    void scrubTo(size_t i);
    void followLatest();
    std::optional<double> scoreEntry(size_t i); // sets m_snap.score; caches the accuracy
    void timelineChanged();                     // accuracy per entry; version
    // app_model_backprop.cpp: the Backprop tab's gradient, its backward sweep, Step and Undo.
    void applyBackprop(const UiRequests& req);
    void recomputeGradient(); // after every recompute(); forgets steps the shown net has left
    void stepBackprop();
    void undoBackprop();
    void tickBackprop(double dt);
    void emitBackprop();
    bool backpropAnimating() const;
    // app_model_surgery.cpp: the Surgery tab's edits, re-scoring, ablation and dead neurons.
    void applySurgery(const UiRequests& req);
    bool editSurgery(const UiRequests& req);  // the requests' edits; true when any was made
    void surgeryKey(int key);                 // K, R, Z, Y while the tab shows
    void publishSurgery(const std::string& what); // edited net → snapshot, answer, re-score
    void rescoreSurgery(const std::string& what);
    bool rescorerReady();                     // m_rescorer scores the shown test set
    // Ends the session without the person asking: keep = show the edited network with its
    // interventions folded (a training run, a Backprop step start from it); else the caller
    // shows another network.
    void endSurgery(const std::string& reason, bool keep);
    void startSurgeryJob(bool ablation);      // in the background: ablation and/or activity
    void tickSurgery();                       // takes the job's result; re-scores if pending
    std::shared_ptr<const Network> foldedNetwork() const; // model.net with interventions folded
    // app_model_compare.cpp: the Compare tab's second network and its figures.
    struct CompareStats { // a network's figures on the test set (CompareState)
        std::shared_ptr<const Evaluation> test;
        std::shared_ptr<const LayerActivity> activity; // ReLU only
    };
    struct CompareJob { // a background job computing them
        std::shared_ptr<const Network> net;
        bool second = false; // for the second network (else the shown one)
        std::future<CompareStats> result;
    };
    void applyCompare(const UiRequests& req);
    void chooseCompare(const CompareChoice& choice);
    bool setCompared(std::shared_ptr<const Network> net, std::string name,
                     const CompareChoice& choice); // false (and why) when it does not fit
    std::string compareMisfit(const Network& net, const std::string& what) const;
    void swapCompare();
    void recomputeCompare(); // after every recompute(): the same pixels through the second network
    void emitCompare();
    void pollCompare(); // takes the background figures, starts the next job
    void startNextCompareJob();
    void startCompareJob(std::shared_ptr<const Network> net, bool second,
                         std::shared_ptr<const Dataset> set);
    bool updateDisagreements();
    std::shared_ptr<const Evaluation> shownScore() const;
    // The bundled slot the activation toggle swaps net to (the other function, same dataset).
    static int partnerSlot(const Network& net)
    {
        return slotOf(net.hidden == Activation::Relu ? Activation::Sigmoid : Activation::Relu,
                      net.dataset);
    }
    // app_model_explain.cpp: the Explain tab's dreams, saliency, noise and noise survey.
    // The interventions every explanation runs through: the Surgery tab's on the shown network.
    const Interventions& interventions() const { return m_snap.surgery.interventions; }
    void applyExplain(const UiRequests& req);
    void followSelection(); // explain.layer: the selected neuron's, one the network has
    void recomputeSaliency(); // after every recompute() while the tab shows or the overlay is on
    void placeOnPad(); // explain.onPad for the pad and the input now
    void emitSaliency();
    void putNoise();          // a noise image onto the pad; no recompute
    void pollExplain();       // takes finished dreams and surveys, starts what the tab needs
    bool galleryWanted(const DreamGallery& g) const; // g is for the shown net, layer and start
    std::shared_ptr<const DreamGallery> cachedGallery() const;
    void showGallery(std::shared_ptr<const DreamGallery> g, bool cached);
    void startDreams();
    void takeDreams();
    void startSurvey();
    void takeSurvey();
    bool explainBusy() const { return m_dreamJob.has_value() || m_surveyJob.has_value(); }

    std::vector<ModelEvent> m_events;            // not yet taken, oldest first
    std::filesystem::path m_modelsDir;           // the bundled models
    std::shared_ptr<const Network> m_bundled[kSlots]; // by slotOf (random if missing)
    std::string m_bundledName[kSlots];
    bool m_bundledUntrained[kSlots] = {true, true, true, true};
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
    // Per set, by DataStore::slotOf (not the shown model's test set: that is m_snap.score).
    std::array<SetAnswers, DataStore::kSlots> m_setAnswers;
    std::optional<Scoring> m_scoring;       // at most one at a time; its destructor waits

    // The timeline (app_model_timeline.cpp).
    uint64_t m_seenTimeline = 0;                     // the session's last timeline version taken
    int m_timelineSlot = 0;                          // the bundled slot its run trained
    std::string m_timelineName;                      // "sigmoid run", for the shown model's name
    std::shared_ptr<const Network> m_scrubNet;       // the entry's network on screen, if any
    long long m_scrubBatch = 0;                      // and its batch
    std::map<long long, float> m_entryAccuracy;      // test accuracy by entry batch
    std::vector<size_t> m_scoreOrder;                // entries left to score, coarse to fine
    double m_playPosition = 0;                       // fractional entry index while playing

    // Backprop steps Undo can take back, oldest first: the network before each step (restored
    // as it was, the same object) and its name, and the network the step made.
    struct UndoEntry {
        std::shared_ptr<const Network> before;
        std::string name;
        std::shared_ptr<const Network> after;
    };
    std::vector<UndoEntry> m_undo;
    bool m_backSweepPending = false; // the backward sweep starts once the forward one is done

    // Surgery (app_model_surgery.cpp): the session's network and history, the test set's
    // re-scorer (UI thread only) and at most one background job (ablation, activity).
    std::optional<EditableNetwork> m_surgery; // open session, else none
    std::string m_surgeryName;                // the model's name when the session started
    bool m_surgeryGroup = false;              // an undo group is open (a drag, a stroke)
    uint64_t m_surgeryScored = ~0ull;         // model.weightsVersion last re-scored
    std::unique_ptr<Rescorer> m_rescorer;
    struct SurgeryResult {
        std::shared_ptr<const Ablation> ablation; // null: activity only
        std::shared_ptr<const LayerActivity> activity;
        double ms = 0;
        uint64_t weightsVersion = 0;
    };
    struct SurgeryJob {
        std::shared_ptr<std::atomic<bool>> cancel;
        std::future<SurgeryResult> result; // its destructor waits (cancel first)
    };
    std::optional<SurgeryJob> m_surgeryJob;
    // The Compare tab (app_model_compare.cpp).
    std::optional<CompareJob> m_compareJob;          // at most one at a time; its destructor waits
    std::shared_ptr<const Network> m_statsShown;  // the network shownActivity is (being) made for
    std::shared_ptr<const Network> m_statsSecond; // the network test, activity are (being) made for
    std::shared_ptr<const Evaluation> m_disagreeFrom[2]; // the scores disagreements came from
    // The Explain tab (app_model_explain.cpp).
    // A layer's dreams on a background thread, on its own reference to the (immutable) network;
    // destroying the job cancels it first, then waits for the thread (a few µs: one step).
    struct DreamJob {
        std::shared_ptr<const Network> net;
        Interventions iv;
        int layer = 1;
        bool fromNoise = false;
        std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
        std::future<std::shared_ptr<const DreamGallery>> result;
        ~DreamJob() { *cancel = true; }
    };
    std::optional<DreamJob> m_dreamJob;
    std::vector<std::shared_ptr<const DreamGallery>> m_galleries; // the cache, newest last
    struct SurveyJob {
        std::shared_ptr<const Network> net;
        Interventions iv;
        std::future<std::pair<NoiseSurvey, double>> result; // the survey and its milliseconds
    };
    std::optional<SurveyJob> m_surveyJob;
    std::shared_ptr<const Network> m_surveyNet; // the network m_snap.explain.survey answers for
    Interventions m_surveyIv;                   // and its interventions
    uint64_t m_nextNoiseSeed = 1;               // the pad's next noise image
};

} // namespace nnviz::gui
