// What a frame shows: an immutable view of the model state, built by AppModel after every change
// and read by every panel. Panels never hold or mutate the live network; they ask for changes by
// filling UiRequests, which AppModel applies between frames.
#pragma once

#include "core/dataset.hpp"
#include "core/image.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"
#include "core/training_session.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
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
enum class Focus { None, Canvas, InputImage, NetworkView, Layer1, Layer2, Outputs, WeightMaps,
                   MatrixView, ActivationPlot };

struct Snapshot {
    std::shared_ptr<const Network> net; // the network the frame shows (never null once loaded)
    uint64_t weightsVersion = 0;        // bumps whenever net's weights change (re-upload textures)
    std::string modelName;              // e.g. "sigmoid-16-16.nnvz"

    Eigen::VectorXf input;              // (784) what the network sees, 0..1
    uint64_t inputVersion = 0;          // bumps whenever input changes
    ForwardTrace trace;                 // forward(*net, input)
    int answer = -1;                    // argmax of the output
    float confidence = 0;               // output[answer] (softmax: probability)

    SwapMode swapMode = SwapMode::SwapModel;
    NeuronRef selected{1, 0};           // drives the weight and formula panels
    std::optional<NeuronRef> hovered;   // set by the network view this frame

    // Sweep animation: 0..L layers revealed so far (fractional while animating); L = all shown.
    float sweep = 0;

    Focus focus = Focus::None;          // what the Learn panel currently points at

    // --- added with the window (app_model.cpp fills these) ---
    bool untrained = false;             // net is a random fallback (no model file found)
    std::string modelMessage;           // why the fallback / swap happened, empty when fine
    std::shared_ptr<const GrayImage> canvas; // the drawing pad, 0 = background, 1 = ink
    uint64_t canvasVersion = 0;         // bumps whenever canvas changes (re-upload its texture)
    Eigen::VectorXf inputPreprocessed;  // (784) preprocessDigit(canvas)
    Eigen::VectorXf inputRaw;           // (784) downsample(canvas): no centring
    bool rawInput = false;              // input is inputRaw instead of inputPreprocessed
    // The sweep: layer l (1..L) shows sweepFrom[l] blended towards trace.a[l] by
    // clamp(sweep − (l − 1), 0, 1) (and z likewise from sweepFromZ). sweepFrom has L + 1 entries
    // (entry 0 unused), sweepFromZ L.
    std::vector<Eigen::VectorXf> sweepFrom;
    std::vector<Eigen::VectorXf> sweepFromZ;
    bool sweepEnabled = true;
    float sweepSpeed = 6.0f;            // layers per second
    // The trace as the window shows it during the sweep (= trace once it is done): every panel
    // reads activations and weighted sums from here, so they all agree mid-sweep.
    ForwardTrace shown;
    uint64_t shownVersion = 0;          // bumps whenever shown changes (input or sweep step)
    bool ink = false;                   // the input has any ink; without it no answer is shown

    // --- datasets, training and model files (app_model_training.cpp fills these) ---
    std::shared_ptr<const Dataset> testSet; // the MNIST test set once loaded, else null
    bool testSetLoading = true;         // still being read (on a background thread)
    std::string testSetError;           // why it is missing, with how to fetch it
    bool training = false;              // a training session is loading data or running
    std::optional<SessionProgress> trainProgress; // the latest session's (none before the first)
    std::string modelFileMessage;       // the last Open/Save: "saved to …" or the error
    bool modelFileFailed = false;       // modelFileMessage is an error
    std::string imageMessage;           // the last image dropped on the window: opened, or why not
    bool imageFailed = false;           // imageMessage is an error
    std::vector<std::filesystem::path> modelFiles; // *.nnvz in the bundled models dir and "."

    // Layer l's activations as the window shows them during the sweep.
    const Eigen::VectorXf& shownActivation(int l) const { return shown.a[size_t(l)]; }
    // Layer l's (1..L) weighted sums as shown during the sweep.
    const Eigen::VectorXf& shownWeightedSum(int l) const { return shown.z[size_t(l - 1)]; }
    // The answer to show: none on an empty pad (the outputs still have values) or before the
    // sweep reaches the output layer.
    bool answerShown() const
    {
        return ink && answer >= 0 && sweep >= float(trace.a.size()) - 1.0f;
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
    Activation hidden = Activation::Sigmoid;
    bool fromCurrent = false;        // start from the shown weights (else fresh random ones)
    double maxBatchesPerSecond = 0;  // > 0: slow motion
};

// A widget's rectangle in window pixels, for the "layout" event (tests click them).
struct WidgetRect {
    int x = 0, y = 0, w = 0, h = 0;
    bool operator==(const WidgetRect&) const = default;
};

// Changes panels ask for during a frame; AppModel applies them after the frame's panels ran.
struct UiRequests {
    std::optional<NeuronRef> select;
    std::optional<NeuronRef> hover;
    bool toggleActivation = false;
    std::optional<SwapMode> swapMode;
    std::optional<Focus> focus;

    // --- added with the window ---
    std::vector<CanvasStroke> strokes;         // paint these onto the canvas, in order
    bool clearCanvas = false;
    std::shared_ptr<const GrayImage> replaceCanvas; // e.g. a test-set digit, any size
    std::optional<bool> rawInput;
    std::optional<bool> sweepEnabled;
    std::optional<float> sweepSpeed;
    bool replaySweep = false;                  // run the sweep again on the current input

    // --- training and model files ---
    bool trainKey = false;                     // T was pressed: the Train panel starts or stops
    bool selectTrainTab = false;               // show the Train tab (after T)
    bool showWeightMaps = false;               // show the Weight maps tab (next frame)
    std::optional<TrainRequest> startTraining;
    bool stopTraining = false;
    std::optional<std::filesystem::path> openModel;
    std::optional<std::filesystem::path> saveModel;
    std::optional<std::filesystem::path> openImage; // a PNG/PGM dropped on the window → the pad
    bool refreshModelFiles = false;            // list the *.nnvz files again
    std::map<std::string, WidgetRect> widgets; // drawn this frame, by name ("train_start"...)
};

} // namespace nnviz::gui
