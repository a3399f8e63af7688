// What a frame shows: an immutable view of the model state, built by AppModel after every change
// and read by every panel. Panels never hold or mutate the live network; they ask for changes by
// filling UiRequests, which AppModel applies between frames.
#pragma once

#include "core/dataset.hpp"
#include "core/evaluate.hpp"
#include "core/image.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"
#include "core/training_session.hpp"

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

// The drawing pad and what the network sees of it.
struct InputState {
    std::shared_ptr<const GrayImage> canvas; // the drawing pad, 0 = background, 1 = ink
    uint64_t canvasVersion = 0;   // bumps whenever canvas changes (re-upload its texture)
    Eigen::VectorXf preprocessed; // (inputs) preprocessDigit(canvas)
    Eigen::VectorXf raw;          // (inputs) downsample(canvas): no centring
    bool useRaw = false;          // pixels is raw instead of preprocessed
    Eigen::VectorXf pixels;       // (inputs) what the network sees, 0..1
    uint64_t version = 0;         // bumps whenever pixels changes
    bool ink = false;             // the input has any ink; without it no answer is shown
    std::string imageMessage;     // the last image dropped on the window: opened, or why not
    bool imageFailed = false;     // imageMessage is an error
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

// The MNIST test set, read on a background thread.
struct DataState {
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

// Model files: the last Open/Save and the files to choose from.
struct FilesState {
    std::string message;                       // the last Open/Save: "saved to …" or the error
    bool failed = false;                       // message is an error
    std::vector<std::filesystem::path> models; // *.nnvz in the bundled models dir and "."
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

    // Layer l's activations as the window shows them during the sweep.
    const Eigen::VectorXf& shownActivation(int l) const { return sweep.shown.a[size_t(l)]; }
    // Layer l's (1..L) weighted sums as shown during the sweep.
    const Eigen::VectorXf& shownWeightedSum(int l) const { return sweep.shown.z[size_t(l - 1)]; }
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
    Activation output = Activation::Softmax;
    bool fromCurrent = false;       // start from the shown weights (else fresh random ones)
    double maxBatchesPerSecond = 0; // > 0: slow motion
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
    std::optional<size_t> testImage;           // test-set image i onto the pad
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
    bool refreshModelFiles = false;                 // list the *.nnvz files again
};

} // namespace nnviz::gui
