// What a frame shows: an immutable view of the model state, built by AppModel after every change
// and read by every panel. Panels never hold or mutate the live network; they ask for changes by
// filling UiRequests, which AppModel applies between frames.
#pragma once

#include "app/gui/model/browse_filter.hpp"
#include "core/dataset.hpp"
#include "core/dream.hpp"
#include "core/evaluate.hpp"
#include "core/example_gradient.hpp"
#include "core/explain.hpp"
#include "core/image.hpp"
#include "core/network.hpp"
#include "core/rescore.hpp"
#include "core/surgery.hpp"
#include "core/trainer.hpp"
#include "core/training_session.hpp"
#include "core/weight_timeline.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nnviz::gui {

// A neuron: layer index into Network::sizes (0 = input, 1 = first hidden, ... L = output) and the
// neuron's index within that layer.
struct NeuronRef {
    int layer = 1;
    int neuron = 0;
    bool operator==(const NeuronRef&) const = default;
};

// A connection of the network view: network layer `layer` (0..L−1) joins neuron `from` of
// NeuronRef layer `layer` (0 = an input pixel) to neuron `to` of NeuronRef layer `layer` + 1.
struct EdgeRef {
    int layer = 0;
    int from = 0;
    int to = 0;
    bool operator==(const EdgeRef&) const = default;
};

enum class SwapMode {
    SwapModel,   // toggling the activation loads the bundled model trained with it
    KeepWeights, // toggling changes only the function; the weights stay
};

// A part of the window the Learn panel can point at (drawn with a highlight outline).
enum class Focus {
    None,
    Canvas,
    InputImage,
    NetworkView,
    Layer1,
    Layer2,
    Outputs,
    WeightMaps,
    MatrixView,
    ActivationPlot
};

// The snapshot's parts, each filled by one side of AppModel and read by the panels that need it.

// The open network: which one, and how toggling the activation treats it.
struct ModelState {
    std::shared_ptr<const Network> net; // the network the frame shows (never null once loaded)
    uint64_t weightsVersion = 0;        // bumps whenever net's weights change (re-upload textures)
    std::string name;                   // e.g. "sigmoid.nnvz", "trained relu (unsaved)"
    bool untrained = false;             // net is a random fallback (no model file found)
    std::string message;                // why the fallback / swap happened, empty when fine
    SwapMode swapMode = SwapMode::SwapModel;
};

// One image of one set (MNIST or Fashion-MNIST, training or test).
struct ImageRef {
    DatasetKind kind = DatasetKind::Mnist;
    Split split = Split::Test;
    size_t index = 0;
    bool operator==(const ImageRef&) const = default;
};

// The drawing pad and what the network sees of it.
struct InputState {
    std::shared_ptr<const GrayImage> canvas; // the drawing pad, 0 = background, 1 = ink
    uint64_t canvasVersion = 0;   // bumps whenever canvas changes (re-upload its texture)
    Eigen::VectorXf preprocessed; // (inputs) preprocessFor(the model's dataset, canvas)
    Eigen::VectorXf raw;          // (inputs) downsample(canvas): no centring
    bool useRaw = false;          // pixels is raw instead of preprocessed
    Eigen::VectorXf pixels;       // (inputs) what the network sees, 0..1
    uint64_t version = 0;         // bumps whenever pixels changes
    bool ink = false;             // the input has any ink; without it no answer is shown
    std::string imageMessage;     // the last image dropped on the window: opened, or why not
    bool imageFailed = false;     // imageMessage is an error
    std::optional<ImageRef> fromSet; // the set image last put on the pad (the brush may have
                                     // edited it since); none after Clear or a dropped file
    std::optional<uint64_t> noise;   // the seed of the noise image last put on the pad (the
                                     // Explain tab's Noise): read raw, as the network's own
                                     // pixels, until Clear or another image
};

// What the network computes for the input.
struct OutputState {
    ForwardTrace trace;   // forward(*model.net, input.pixels)
    int answer = -1;      // argmax of the output
    float confidence = 0; // output[answer] (softmax: probability)
};

// The sweep animation: layer l (1..L) shows fromA[l] blended towards trace.a[l] by
// clamp(position − (l − 1), 0, 1) (and z likewise from fromZ). fromA has L + 1 entries (entry 0
// unused), fromZ L.
struct SweepState {
    float position = 0; // 0..L layers revealed so far; L = all shown
    std::vector<Eigen::VectorXf> fromA;
    std::vector<Eigen::VectorXf> fromZ;
    bool enabled = true;
    float speed = 6.0f; // layers per second
    // The trace as the window shows it during the sweep (= trace once it is done): every panel
    // reads activations and weighted sums from here, so they all agree mid-sweep.
    ForwardTrace shown;
    uint64_t shownVersion = 0; // bumps whenever shown changes (input or sweep step)
};

// What the person is looking at.
struct ViewState {
    NeuronRef selected{1, 0};         // drives the weight and formula panels
    std::optional<NeuronRef> hovered; // set by the network view this frame
    Focus focus = Focus::None;        // what the Learn panel currently points at
};

// The test set of the shown network's dataset (MNIST or Fashion-MNIST), read on a background
// thread; a model of the other dataset starts it afresh.
struct DataState {
    DatasetKind kind = DatasetKind::Mnist;  // the shown network's dataset
    std::shared_ptr<const Dataset> testSet; // once loaded, else null
    bool testSetLoading = true;             // still being read
    std::string testSetError;               // why it is missing, with how to fetch it
};

// The training session, if any.
struct TrainingState {
    bool running = false;                    // a training session is loading data or running
    std::optional<SessionProgress> progress; // the latest session's (none before the first)
};

// The shown network scored on the whole test set: after the set loads, a model is opened or
// swapped, or a training run ends (not during a run, whose weights change many times a second).
struct ScoreState {
    std::shared_ptr<const Evaluation> test; // null until scored (or without the test set)
    uint64_t weightsVersion = 0;            // model.weightsVersion of the network it scored
    double ms = 0;                          // how long the scoring took
};

// The Data tab: the set it browses, its filter and order, and the shown network's answers on
// it (the test set's are ScoreState's; any other set is scored on a background thread, never
// during a training run, and kept per set until the weights change).
struct BrowserState {
    DatasetKind kind = DatasetKind::Mnist;
    Split split = Split::Test;
    BrowseFilter filter;
    std::shared_ptr<const Dataset> set; // null while loading or when missing
    bool loading = true;                // the set is being read
    std::string error;                  // why the set is missing
    std::shared_ptr<const Evaluation> answers; // the network on set; null until first scored
    uint64_t answersVersion = 0; // the model.weightsVersion answers come from (older: stale)
    bool scoring = false;        // the shown network's answers are being computed
    std::shared_ptr<const std::vector<uint32_t>> shown; // (≤ count) indices passing the filter
    uint64_t version = 0;                               // bumps whenever shown changes
};

// The last training run's weight timeline (core/weight_timeline.hpp) and where the window is in
// it: scrubbing shows an entry's network as the model, so every panel follows it.
struct TimelineState {
    std::vector<TimelineEntry> entries; // oldest first; the networks are shared and immutable
    std::vector<float> accuracy;        // (entries) test accuracy of each, NaN until scored
    size_t bytes = 0, budget = 0;       // what the entries take, and the most they may
    long long interval = 0;             // batches between regular entries
    long long totalBatches = 0;         // the run's epochs × batches per epoch, as asked
    bool enabled = true;                // false: the network is too large for the budget
    bool running = false;               // the run is still adding entries
    std::optional<size_t> shown;        // the entry on screen; none = the latest weights
    bool playing = false;               // stepping through the entries by itself
    uint64_t version = 0;               // bumps whenever anything above changes
};

// Backpropagation on the current drawing (the Backprop tab): the gradient of the cost for a
// target class, recomputed whenever the input, the weights, the target or the cost change; one
// gradient-descent step on it, and Undo.
struct BackpropState {
    bool shown = false;        // the Backprop tab is showing: the network view draws gradients
    int target = 0;            // the class the drawing should be
    bool targetChosen = false; // chosen by the person (a click, a digit key, a Step); else the
                               // network's answer
    Cost cost = Cost::CrossEntropy; // the cost differentiated (default: what the model trains on)
    float rate = 0.03f;             // learning rate of a Step
    std::shared_ptr<const ExampleGradient> gradient; // for model.net, input.pixels, target, cost
    uint64_t version = 0;                            // bumps whenever gradient changes
    // The backward sweep: layers revealed from the output towards the input, 0..L (L = all).
    // NeuronRef layer l (1..L) fills in while sweep goes from L − l to L − l + 1.
    float sweep = 0;
    size_t undoDepth = 0;               // steps Undo can take back (on the shown network)
    std::optional<EdgeRef> selectedEdge; // the edge whose chain rule the tab spells out
    float lastCostBefore = 0, lastCostAfter = 0; // the last Step's cost on the drawing
    bool stepped = false;                        // a Step was made (last* are meaningful)
};

// The dreams of every neuron of one layer ("what a neuron wants"), for one network.
struct DreamGallery {
    std::shared_ptr<const Network> net; // the network dreamt of (immutable)
    Interventions interventions;        // and what was done to it (the Surgery tab's)
    int layer = 1;                      // NeuronRef layer, 1..L
    DreamConfig config;                 // every neuron's dream was dream(*net, layer, j, config)
    std::vector<DreamResult> dreams;    // (sizes[layer]) in neuron order
    double ms = 0;                      // the whole layer's time on its background thread
};

// Saliency for the drawing: which pixels the chosen output depends on.
enum class SaliencyMode {
    Gradient,  // ∂a_k/∂x: how much the output moves per unit of each pixel
    Occlusion, // the output's drop when each patch is blanked
};

// The Explain tab: what neurons want (a layer's dreams, computed in the background and cached
// per network and layer), saliency or occlusion for the drawing (recomputed with every new
// input or weights while the tab shows or the overlay is on), noise on the pad and a survey of
// how the network answers 1,000 noise images (in the background).
struct ExplainState {
    bool shown = false; // the Explain tab shows this frame
    // What neurons want.
    int layer = 1;          // the gallery's NeuronRef layer (follows the selection)
    bool fromNoise = false; // dreams start from noise instead of a blank image
    // The gallery shown: for model.net, layer and fromNoise once dreamt (until then, and while a
    // run trains, the last one shown, maybe of other weights); null before the first.
    std::shared_ptr<const DreamGallery> gallery;
    bool dreaming = false;                       // a gallery is being computed
    // Saliency for the drawing.
    SaliencyMode mode = SaliencyMode::Gradient;
    std::optional<int> chosenOutput; // the output explained; none = the answer
    int output = 0;                  // the output saliency is for
    Eigen::VectorXf saliency;        // (inputs): ∂a_output/∂x, or each pixel's patch's drop
    float scale = 0;                 // max |saliency|
    float base = 0;                  // the output's value on the drawing
    bool overlay = false;            // draw it over the pad and the input image
    // Where the input's frame lies on the pad, in pad pixels (preprocessing only scales and
    // shifts the drawing: its ink box on the pad matches the input's): where the overlay goes.
    struct { float x = 0, y = 0, w = 0, h = 0; } onPad;
    uint64_t version = 0;            // bumps whenever saliency changes
    // Noise.
    std::optional<NoiseSurvey> survey; // the shown network's answers to noise; null until done
    bool surveying = false;            // a survey is being computed
};

// Model files: the last Open/Save and the files to choose from.
struct FilesState {
    std::string message;                       // the last Open/Save: "saved to …" or the error
    bool failed = false;                       // message is an error
    std::vector<std::filesystem::path> models; // *.nnvz, *.npz in the bundled models dir and "."
};

// Surgery on the shown network (the Surgery tab): a session starts with the first edit and keeps
// the loaded network; model.net then holds the edited weights and `interventions` the killed,
// clamped and scaled neurons, which the drawing's forward pass applies (every panel shows the
// edited network). Each edit re-scores the test set (the Rescorer); a training run, another
// model or a Backprop step ends the session and `message` says so.
struct SurgeryState {
    bool shown = false;                           // the Surgery tab is showing
    bool active = false;                          // a session is open (model.net is edited)
    std::shared_ptr<const Network> original;      // the network the session started from
    Interventions interventions;                  // on model.net's hidden neurons
    std::vector<std::string> edits;               // undoable steps' labels, oldest first
    std::string undoLabel, redoLabel;             // "" when there is nothing to undo / redo
    std::shared_ptr<const Evaluation> base;       // original on the test set
    std::shared_ptr<const Evaluation> edited;     // model.net with interventions on the test set
    double ms = 0;                                // the last re-score's time
    uint64_t version = 0;                         // bumps with every edit, undo, redo, reset
    std::shared_ptr<const Ablation> ablation;     // each hidden neuron killed in turn
    uint64_t ablationWeights = ~0ull; // model.weightsVersion it ran on (older: before an edit)
    bool ablating = false;            // an ablation runs in the background
    double ablationMs = 0;
    std::shared_ptr<const LayerActivity> activity; // per-neuron activity on the test set
    uint64_t activityWeights = ~0ull;              // model.weightsVersion the activity is of
    std::string message; // the last thing the session did not do, or why it ended

    // The neuron's intervention, or null.
    const NeuronIntervention* interventionOn(NeuronRef n) const
    {
        return interventions.find(n.layer, n.neuron);
    }
};

// Which network the Compare tab puts beside the shown one.
enum class CompareSource {
    Partner, // the shown dataset's other bundled model (what A swaps to); follows it
    Pinned,  // the shown network as it was when chosen: before an edit, a Step or a run
    File,    // a model file
};

struct CompareChoice {
    CompareSource source = CompareSource::Partner;
    std::filesystem::path file; // File: the model file
};

// The Compare tab (app_model_compare.cpp): a second network reading the shown network's input
// (the same pixels: it must read the same dataset, so the same framing), its answer, and both
// networks' figures on the test set, computed in the background once the tab has shown: the
// second one's score (the shown one's is ScoreState's) and, for ReLU networks, each neuron's
// activity there (LayerActivity::dead: never active on the test set).
struct CompareState {
    bool active = false; // the tab has shown: the second network follows every input
    bool shown = false;  // the tab shows this frame
    CompareChoice choice;
    std::shared_ptr<const Network> net; // the second network (null until active)
    std::string name;                   // its name ("relu.nnvz"; a pinned one's as it was)
    ForwardTrace trace;                 // forward(*net, input.pixels)
    int answer = -1;                    // argmax of its output
    float confidence = 0;               // its output at the answer
    std::shared_ptr<const Evaluation> test;        // net on the test set; null until scored
    std::shared_ptr<const LayerActivity> activity; // net's, ReLU only; null until computed
    std::shared_ptr<const LayerActivity> shownActivity; // model.net's likewise
    // The test images the two networks answer differently (once both are scored), by index.
    std::shared_ptr<const std::vector<uint32_t>> disagreements;
    bool working = false;     // a background job is computing the figures above
    std::string message;      // the last choice or swap: refused (why) or replaced (what)
    bool failed = false;      // message is a refusal
    uint64_t version = 0;     // bumps whenever anything above changes

    // Both networks answered the drawing, differently.
    bool differ(const OutputState& shownOutput, bool ink) const
    {
        return ink && net && answer >= 0 && shownOutput.answer >= 0 &&
               answer != shownOutput.answer;
    }
};

struct Snapshot {
    ModelState model;
    InputState input;
    OutputState output;
    SweepState sweep;
    ViewState view;
    DataState data;
    TrainingState training;
    FilesState files;
    ScoreState score;
    BrowserState browser;
    TimelineState timeline;
    BackpropState backprop;
    SurgeryState surgery;
    CompareState compare;
    ExplainState explain;

    // The shown network's dataset, the name of its class k ("7", "Ankle boot") and what a
    // drawing of one is called: every panel names classes through these.
    DatasetKind dataset() const { return model.net ? model.net->dataset : DatasetKind::Mnist; }
    std::string className(int k) const
    {
        const auto& names = classNames(dataset());
        return k >= 0 && size_t(k) < names.size() ? names[size_t(k)] : std::to_string(k);
    }
    const char* drawingNoun() const
    {
        return dataset() == DatasetKind::Fashion ? "something" : "a digit";
    }

    // Layer l's activations as the window shows them during the sweep.
    const Eigen::VectorXf& shownActivation(int l) const { return sweep.shown.a[size_t(l)]; }
    // Layer l's (1..L) weighted sums as shown during the sweep.
    const Eigen::VectorXf& shownWeightedSum(int l) const { return sweep.shown.z[size_t(l - 1)]; }
    // How far the backward sweep has filled in NeuronRef layer l (1..L): 0 hidden, 1 shown.
    float gradientShown(int l) const
    {
        const float L = float(output.trace.z.size());
        return std::clamp(backprop.sweep - (L - float(l)), 0.0f, 1.0f);
    }
    // The answer to show: none on an empty pad (the outputs still have values) or before the
    // sweep reaches the output layer.
    bool answerShown() const
    {
        return input.ink && output.answer >= 0 &&
               sweep.position >= float(output.trace.a.size()) - 1.0f;
    }
};

// A brush segment on the canvas, in canvas pixels.
struct CanvasStroke {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float radius = 10;
    bool erase = false;
};

// A training run the Train panel asks for (its fields already checked).
struct TrainRequest {
    TrainConfig config;
    std::vector<int> hiddenSizes = kVideoHiddenSizes; // between the shown network's input and output
    Activation hidden = Activation::Sigmoid;
    DatasetKind dataset = DatasetKind::Mnist; // trained on, and carried by the trained network
    Activation output = Activation::Softmax;
    bool fromCurrent = false;       // start from the shown weights (else fresh random ones)
    double maxBatchesPerSecond = 0; // > 0: slow motion
};

// The Data tab's choice of set, filter and order.
struct BrowseRequest {
    DatasetKind kind = DatasetKind::Mnist;
    Split split = Split::Test;
    BrowseFilter filter;
};

// A weight W(neuron, input) of NeuronRef layer `layer` (1..L), or its bias when input < 0, set
// to value (the Surgery tab's drags and fields).
struct ParameterEdit {
    int layer = 1, neuron = 0, input = -1;
    float value = 0;
};

// One dab of the Surgery tab's brush on a first-layer neuron's weight map: adds amount·falloff
// to the weights within radius (map pixels) of (x, y) (map pixels, the input's image shape).
struct WeightBrush {
    int neuron = 0;
    float x = 0, y = 0, radius = 2;
    float amount = 0.1f; // negative subtracts
};

// Changes panels ask for during a frame; AppModel applies them after the frame's panels ran.
struct UiRequests {
    std::optional<NeuronRef> select;
    std::optional<NeuronRef> hover;
    bool toggleActivation = false;
    std::optional<SwapMode> swapMode;
    std::optional<Focus> focus;

    // --- added with the window ---
    std::vector<CanvasStroke> strokes; // paint these onto the canvas, in order
    bool clearCanvas = false;
    std::optional<ImageRef> setImage; // a set's image onto the pad (ignored until it is loaded)
    std::optional<bool> rawInput;
    std::optional<bool> sweepEnabled;
    std::optional<float> sweepSpeed;
    bool replaySweep = false; // run the sweep again on the current input

    // --- training and model files ---
    bool trainKey = false;       // T was pressed: the Train panel starts or stops
    bool selectTrainTab = false; // show the Train tab (after T)
    bool showWeightMaps = false; // show the Weight maps tab (next frame)
    std::optional<TrainRequest> startTraining;
    bool stopTraining = false;
    std::optional<std::filesystem::path> openModel;
    std::optional<std::filesystem::path> saveModel;
    std::optional<std::filesystem::path> openImage; // a PNG/PGM dropped on the window → the pad
    bool refreshModelFiles = false;                 // list the *.nnvz and *.npz files again

    // --- the Data tab ---
    std::optional<BrowseRequest> browse; // browse this set with this filter
    bool showDataTab = false;            // show the Data tab (next frame)
    // --- the training timeline ---
    std::optional<size_t> scrubTo;   // show timeline entry i (stops playing)
    bool scrubLatest = false;        // back to the latest weights (following a run)
    std::optional<bool> playTimeline; // start (from the first entry at the end) or stop playing
    // --- backpropagation (the Backprop tab) ---
    std::optional<int> digitKey;        // a digit key 0–9 was pressed (the Backprop tab's target)
    bool backpropShown = false;         // the Backprop tab showed this frame
    std::optional<int> backpropTarget;  // the class the drawing should be
    std::optional<Cost> backpropCost;
    std::optional<float> backpropRate;
    bool backpropStep = false;          // one gradient-descent step on the drawing
    bool backpropUndo = false;          // back to the weights before the last step
    std::optional<EdgeRef> selectEdge;  // an edge clicked in the network view
    // --- surgery (the Surgery tab), applied in this order ---
    bool surgeryShown = false;                     // the Surgery tab showed this frame
    std::optional<int> surgeryKey;                 // K, R, Z or Y pressed (acts while it shows)
    std::optional<std::string> beginEdit;          // open an undo group ("drag bias 1:3")
    std::optional<NeuronIntervention> intervene;   // kill / clamp / scale a hidden neuron
    std::optional<NeuronRef> restoreNeuron;        // remove the neuron's intervention
    std::vector<ParameterEdit> setParameters;      // weights and biases set to values
    std::vector<WeightBrush> brush;                // dabs on a first-layer neuron's weight map
    bool endEdit = false;                          // close the undo group
    bool surgeryUndo = false, surgeryRedo = false, surgeryReset = false;
    bool ablate = false; // kill each hidden neuron in turn (in the background)
    // --- the Compare tab ---
    bool compareShown = false;                 // the Compare tab showed this frame
    std::optional<CompareChoice> compareWith;  // put this network beside the shown one
    bool compareSwap = false; // show the second network; the shown one goes beside it
    // --- the Explain tab ---
    bool explainShown = false;              // the Explain tab showed this frame
    std::optional<int> explainLayer;        // dream this layer (its neuron 0 is selected)
    std::optional<bool> dreamFromNoise;     // dreams start from noise (else blank)
    std::optional<SaliencyMode> saliencyMode;
    std::optional<int> saliencyOutput;      // explain this output; -1 = the answer
    std::optional<bool> saliencyOverlay;    // draw the saliency on the pad and the input image
    bool noiseImage = false;                // put a new noise image on the pad
};

} // namespace nnviz::gui
