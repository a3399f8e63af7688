// Texts the panels print about the open network, each written once: an activation's name and
// formula, the architecture ("784-16-16-10"), the input's image size ("28×28 = 784"), the
// parameter count's formula and numbers with thousands separators. Pure (no ImGui, no GL); tested
// in tests/app_units.
#pragma once

#include "app/gui/widgets/heatmap.hpp"
#include "core/activation.hpp"
#include "core/network.hpp"
#include "core/text.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnviz::gui {

// How the window writes an activation function.
struct ActivationText {
    const char* name;   // in sentences: "sigmoid", "ReLU", "softmax"
    const char* symbol; // in formulas, a = symbol(z): "σ", "ReLU", "softmax"
    const char* neuron; // one neuron's a in terms of its z: "σ(z)", "max(0, z)", "e^zᵢ / Σₖ e^zₖ"
    const char* formula; // the definition: "σ(z) = 1 / (1 + e^-z)"
};

inline ActivationText activationText(Activation f)
{
    switch (f) {
    case Activation::Relu:
        return {"ReLU", "ReLU", "max(0, z)", "ReLU(z) = max(0, z)"};
    case Activation::Softmax:
        // Not element-wise: an output's a depends on every output's z.
        return {"softmax", "softmax", "e^zᵢ / Σₖ e^zₖ", "softmax(z)ᵢ = e^zᵢ / Σₖ e^zₖ"};
    case Activation::Sigmoid:
        break;
    }
    return {"sigmoid", "σ", "σ(z)", "σ(z) = 1 / (1 + e^-z)"};
}

// The layer sizes joined: {784, 16, 16, 10} and "-" give "784-16-16-10".
inline std::string architectureText(const std::vector<int>& sizes, std::string_view separator)
{
    return joined(sizes, separator);
}

// "28×28": the image n input values are shown as (imageShapeFor: a square, else n×1).
inline std::string shapeText(int n)
{
    const ImageShape s = imageShapeFor(n);
    return std::to_string(s.w) + "×" + std::to_string(s.h);
}

// "28×28 = 784".
inline std::string imageSizeText(int n)
{
    return shapeText(n) + " = " + std::to_string(n);
}

// "784·16 + 16 + 16·16 + 16 + 16·10 + 10" for 784-16-16-10, the way the video writes the
// parameter count: per layer inputs·neurons weights, then the neurons' biases.
inline std::string parameterFormula(const Network& net)
{
    std::string s;
    for (const Layer& layer : net.layers) {
        if (!s.empty()) s += " + ";
        s += std::to_string(layer.W.cols()) + "\xC2\xB7" + std::to_string(layer.W.rows()) + " + " +
             std::to_string(layer.b.size());
    }
    return s;
}

} // namespace nnviz::gui
