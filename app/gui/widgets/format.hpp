// Texts the panels print about the open network, each written once: so far an activation's name
// and formula. Pure (no ImGui, no GL); tested in tests/app_units.
#pragma once

#include "core/activation.hpp"

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

} // namespace nnviz::gui
