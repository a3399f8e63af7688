// What a frame shows: an immutable view of the model state, built by AppModel after every change
// and read by every panel. Panels never hold or mutate the live network; they ask for changes by
// filling UiRequests, which AppModel applies between frames.
#pragma once

#include "core/network.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

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
};

// Changes panels ask for during a frame; AppModel applies them after the frame's panels ran.
struct UiRequests {
    std::optional<NeuronRef> select;
    std::optional<NeuronRef> hover;
    bool toggleActivation = false;
    std::optional<SwapMode> swapMode;
    std::optional<Focus> focus;
};

} // namespace nnviz::gui
