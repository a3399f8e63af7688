// The chain rule of backpropagation written out with the drawing's numbers, for one neuron
// (δ = ∂C/∂a × f′(z), where ∂C/∂a is a − y at the output or Σ w·δ sent back by the layer above)
// or one edge (∂C/∂w = δ · a of the neuron it comes from). The lines are plain text; the network
// view's tooltip and the Backprop tab print them with showChainRule.
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "core/example_gradient.hpp"

#include <string>
#include <vector>

namespace nnviz::gui {

struct ChainRuleLine {
    enum class Kind { Title, Value, Formula, Note, Warning } kind = Kind::Value;
    std::string text;
};
using ChainRule = std::vector<ChainRuleLine>;

// "0.0123", "−4.56e−05": a gradient's value with a real minus sign, 3 significant digits.
std::string gradientNumber(float v);

// Neuron n (layer 1..L) for gradient g of net; imageSide > 0 names inputs as pixels; rate: the
// step's learning rate (what a Step would do to the bias).
ChainRule neuronChainRule(const Network& net, const ExampleGradient& g, NeuronRef n, float rate);
ChainRule edgeChainRule(const Network& net, const ExampleGradient& g, EdgeRef e, int imageSide,
                        float rate);

// The lines in the current ImGui window, wrapped at wrapWidth: formulas in yellow, warnings in
// orange, notes dim (chain_rule_view.cpp, in the window's library: the rest is pure).
void showChainRule(const ChainRule& rule, float wrapWidth);

// What a neuron of network layer l (0..L−1) is called: "hidden 2, neuron 5", "output 3".
std::string neuronName(const Network& net, int layer, int neuron);

} // namespace nnviz::gui
