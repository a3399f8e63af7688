// What the model side reports as it changes: small typed events, queued by AppModel in the order
// they happen and taken by whoever listens (the window's shell each frame, the unit tests). No
// JSON and no event log here: the shell's event log turns each into one line (window/event_log.cpp,
// README "Window options").
#pragma once

#include "app/gui/model/browse_filter.hpp"
#include "app/gui/model/snapshot.hpp"
#include "core/activation.hpp"
#include "core/cost.hpp"
#include "core/dataset.hpp"
#include "core/trainer.hpp"
#include "core/training_session.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nnviz::gui::event {

// The answer was computed again (new input, new weights or a new activation).
struct Prediction {
    int digit = -1;
    float confidence = 0;       // outputs[digit]
    std::vector<float> outputs; // (10) the output layer
    bool ink = false;           // the input has any ink (no answer is shown without)
    Activation activation = Activation::Sigmoid; // the hidden layers'
    DatasetKind dataset = DatasetKind::Mnist;    // whose class names `digit` indexes
};

// The hidden activation was toggled (sent before the prediction it causes).
struct ActivationToggled {
    Activation value = Activation::Sigmoid;
};

// The drawing pad was cleared.
struct Cleared {};

// An image file was put on the pad.
struct ImageOpened {
    std::filesystem::path path;
};

// A test set (the shown model's dataset's) finished loading.
struct TestSetLoaded {
    size_t images = 0;
    DatasetKind dataset = DatasetKind::Mnist;
};

// A training run changed state, or finished an epoch.
struct Training {
    SessionState state = SessionState::Loading;
    int epoch = 0;                     // the epoch reported, else the run's current one
    int epochs = 0;                    // asked for
    std::optional<EpochReport> report; // the completed epoch's figures, if any yet
    std::string message;               // why it failed; empty otherwise
};

// The shown network was scored on the test set (see ScoreState).
struct Scored {
    double accuracy = 0;                     // 0..1
    double ms = 0;                           // how long it took
    std::vector<std::vector<int>> confusion; // [true][predicted] counts
    DatasetKind dataset = DatasetKind::Mnist; // whose test set
    size_t images = 0;                        // in that test set
};

// The Data tab's list changed: another set, filter or order, or the network's answers came.
struct Browsed {
    DatasetKind kind = DatasetKind::Mnist;
    Split split = Split::Test;
    BrowseFilter filter;
    size_t shown = 0;    // images passing the filter
    size_t total = 0;    // images in the set
    bool scored = false; // the network's answers were there to filter and sort by
    double ms = 0;       // how long scoring the set took (0: not scored)
};

// A set's image was put on the pad.
struct SetImage {
    DatasetKind kind = DatasetKind::Mnist;
    Split split = Split::Test;
    size_t index = 0;
    int label = 0;   // its true class
    int answer = -1; // the network's answer to it as scored on the set (-1: not scored yet)
};

// A training run ended with its weight timeline (see TimelineState).
struct TimelineRecorded {
    size_t snapshots = 0;
    size_t bytes = 0, budget = 0;
    long long interval = 0; // batches between regular snapshots at the end
    long long lastBatch = 0;
};

// The window moved along the timeline: entry `batch` is shown (or, latest, the latest weights).
struct Scrubbed {
    long long batch = 0;
    int epoch = 0;
    bool latest = false;            // back to the latest weights
    std::optional<double> accuracy; // the shown weights' test accuracy (none without a test set)
    double ms = 0;                  // the scrub's own time: showing the weights and scoring them
};

// A model file was opened (it replaced the bundled model of its activation).
struct ModelOpened {
    std::string name; // the file's name
    Activation activation = Activation::Sigmoid;
};

// The shown model was saved.
struct ModelSaved {
    std::filesystem::path path; // absolute when it could be made so
};

// Something the person asked for failed; the model stays as it was.
enum class Failure { OpenImage, Dataset, Training, OpenModel, SaveModel, Surgery, CompareModel };
struct Failed {
    Failure what = Failure::OpenModel;
    std::string message; // a sentence a person can act on
};

// The Backprop tab's example changed: shown, or a new target or cost (not each stroke).
struct Backprop {
    int target = 0;
    bool chosen = false; // the person chose the target (else it is the answer)
    Cost cost = Cost::CrossEntropy;
    float value = 0; // C for the drawing
};

// One gradient-descent step on the drawing (the prediction it causes follows).
struct Step {
    int target = 0;
    Cost cost = Cost::CrossEntropy;
    float rate = 0;
    float costBefore = 0, costAfter = 0; // C on the drawing before and after
    size_t depth = 0;                    // steps Undo can now take back
};

// The last step was undone: the weights before it are back, bit for bit.
struct Undo {
    size_t depth = 0; // steps still undoable
    float value = 0;  // C on the drawing now
};

// The edited network was re-scored on the test set after a surgery edit, undo, redo or reset.
struct Rescored {
    double accuracy = 0;           // 0..1, the edited network
    double base = 0;               // 0..1, the network the session started from
    std::vector<double> classChange; // (classes) recall edited − recall base
    double ms = 0;                 // the re-score's time
    bool cached = false;           // the first layer's sums were reused (W_1, b_1 unchanged)
    std::string edit;              // what changed: "kill 1:3", "undo kill 1:3", "reset"
    size_t edits = 0;              // undoable steps now
    size_t interventions = 0;      // neurons killed, clamped or scaled now
};

// An ablation finished: every hidden neuron killed in turn on the edited network.
struct Ablated {
    double base = 0;               // 0..1, the edited network with every neuron
    double ms = 0;                 // the whole ablation
    size_t neurons = 0;            // neurons ablated
    int layer = 0, neuron = 0;     // the one that matters most (largest drop)
    double drop = 0;               // its drop, 0..1
    std::vector<int> dead;         // per hidden layer (1..L−1): neurons never above 0 on the set
};

// The surgery session ended without the person asking (a training run, another model, a step).
struct SurgeryEnded {
    std::string reason;
};

// The Compare tab's two networks (see CompareState), while it shows: when it opens, the input
// or either network changes, or their test-set figures arrive. "a" is the shown network, "b" the
// second one.
struct Compared {
    struct Side {
        std::string name;
        int answer = -1;
        std::vector<float> outputs;     // its output layer on the drawing
        std::optional<double> accuracy; // on the test set (none until scored)
        std::vector<int> dead;          // per hidden layer, ReLU only (empty: none or not yet)
    };
    Side a, b;
    bool differ = false;      // both answered the drawing (it has ink), differently
    CompareSource source = CompareSource::Partner; // where b comes from
    std::optional<size_t> disagreements; // test images they answer differently (once scored)
};

// The Explain tab's gallery shows a layer's dreams (computed, or again from the cache).
struct Dreams {
    int layer = 1;
    int count = 0;                   // neurons dreamt of
    bool fromNoise = false;          // started from noise (else blank)
    std::vector<float> activations;  // (count) each neuron's activation on its dream
    double ms = 0;                   // the layer's time in the background (0: from the cache)
    bool cached = false;
};

// The Explain tab's saliency settings changed, or the tab opened.
struct Saliency {
    bool occlusion = false; // occlusion (else the gradient)
    int output = 0;         // the output explained
    bool chosen = false;    // chosen by the person (else the answer)
    bool overlay = false;   // drawn over the pad and the input image
    float scale = 0;        // max |saliency|
};

// A neuron was selected (a click in the network view, a weight strip or the Explain gallery).
struct Selected {
    int layer = 1; // NeuronRef layer: 0 = input, 1 = first hidden, ... L = outputs
    int neuron = 0;
};

// A noise image was put on the pad (the prediction it causes follows).
struct Noise {
    uint64_t seed = 0;
};

// The shown network answered a survey of noise images (see ExplainState).
struct NoiseSurveyed {
    int count = 0;
    int confident = 0; // answered with ≥ threshold
    float threshold = 0;
    double meanConfidence = 0;
    std::vector<int> answers; // (classes) how often each was the answer
    double ms = 0;
};

} // namespace nnviz::gui::event

namespace nnviz::gui {

using ModelEvent = std::variant<event::Prediction, event::ActivationToggled, event::Cleared,
                                event::ImageOpened, event::TestSetLoaded, event::Training,
                                event::ModelOpened, event::ModelSaved, event::Failed,
                                event::Scored, event::Browsed, event::SetImage,
                                event::TimelineRecorded, event::Scrubbed, event::Backprop,
                                event::Step, event::Undo, event::Rescored,
                                event::Ablated, event::SurgeryEnded, event::Compared,
                                event::Dreams, event::Saliency, event::Noise,
                                event::NoiseSurveyed, event::Selected>;

} // namespace nnviz::gui
