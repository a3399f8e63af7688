// The chain rule as the Backprop tab and the network view's tooltips write it
// (app/gui/widgets/chain_rule): the numbers in each line are the gradient's own (δ, the nudge
// received, f′, ∂C/∂w = δ·a), the output's δ is a − y under cross-entropy, saturated and
// inactive neurons are called so, and gradients print short with a real minus sign.
#include "app/gui/widgets/chain_rule.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace nnviz;
using namespace nnviz::gui;

namespace {

// 4 → 3 → 2 with hand-set weights: hidden neuron 0 saturated (sigmoid) or inactive (ReLU).
Network handNet(Activation hidden)
{
    Network net = makeNetwork({4, 3, 2}, hidden, Activation::Softmax, 1);
    net.layers[0].W.setConstant(0.5f);
    net.layers[0].W.row(0).setZero();
    net.layers[0].b << -20.0f, 0.1f, -0.2f;
    net.layers[1].W << 1.0f, -2.0f, 0.5f, -1.0f, 0.25f, 2.0f;
    net.layers[1].b << 0.1f, -0.1f;
    return net;
}

// The example every case differentiates: the network on a fixed input (pixel 2 without ink).
ExampleGradient gradientFor(const Network& net, Cost cost, int target)
{
    Eigen::VectorXf x(4);
    x << 1.0f, 0.5f, 0.0f, 0.25f;
    return exampleGradient(net, cost, x, target);
}

bool has(const ChainRule& rule, const std::string& text)
{
    for (const ChainRuleLine& l : rule)
        if (l.text.find(text) != std::string::npos) return true;
    return false;
}

bool hasKind(const ChainRule& rule, ChainRuleLine::Kind kind)
{
    for (const ChainRuleLine& l : rule)
        if (l.kind == kind) return true;
    return false;
}

} // namespace

TEST_CASE("chain rule: gradient numbers are short, with a real minus sign")
{
    CHECK(gradientNumber(0) == "0");
    CHECK(gradientNumber(0.0123f) == "0.0123");
    CHECK(gradientNumber(-1.5f) == "\u22121.5");
    CHECK(gradientNumber(123.4f) == "123");
    CHECK(gradientNumber(-1.9e-5f) == "\u22121.9e-5");
}

TEST_CASE("chain rule: a hidden neuron's lines carry its δ = Σ w·δ × f′(z)")
{
    const Network net = handNet(Activation::Sigmoid);
    const ExampleGradient g = gradientFor(net, Cost::CrossEntropy, 1);
    const ChainRule rule = neuronChainRule(net, g, NeuronRef{1, 1}, 0.1f);
    REQUIRE_FALSE(rule.empty());
    CHECK(rule[0].kind == ChainRuleLine::Kind::Title);
    CHECK(has(rule, "hidden 1, neuron 1"));
    CHECK(has(rule, "= " + gradientNumber(g.nudge[0][1])));  // the nudge received
    CHECK(has(rule, "= " + gradientNumber(g.fprime[0][1]))); // σ′(z)
    CHECK(has(rule, "δ = ∂C/∂a × f′(z) = " + gradientNumber(g.nudge[0][1]) + " × " +
                        gradientNumber(g.fprime[0][1]) + " = " + gradientNumber(g.delta[0][1])));
    CHECK_FALSE(hasKind(rule, ChainRuleLine::Kind::Warning));
    // Neuron 0 sits at z = −20: saturated.
    const ChainRule saturated = neuronChainRule(net, g, NeuronRef{1, 0}, 0.1f);
    CHECK(hasKind(saturated, ChainRuleLine::Kind::Warning));
    CHECK(has(saturated, "Saturated"));
    // Out of range: nothing to say.
    CHECK(neuronChainRule(net, g, NeuronRef{3, 0}, 0.1f).empty());
    CHECK(neuronChainRule(net, g, NeuronRef{1, 3}, 0.1f).empty());
}

TEST_CASE("chain rule: the output's δ is a − y under cross-entropy; an inactive ReLU is named")
{
    const Network net = handNet(Activation::Relu);
    const ExampleGradient g = gradientFor(net, Cost::CrossEntropy, 0);
    const ChainRule out = neuronChainRule(net, g, NeuronRef{2, 0}, 0.1f);
    CHECK(has(out, "output 0  (the target)"));
    CHECK(has(out, "δ = ∂C/∂z = a − y = " + gradientNumber(g.trace.output()[0]) +
                       " − 1 = " + gradientNumber(g.delta[1][0])));
    const ChainRule dead = neuronChainRule(net, g, NeuronRef{1, 0}, 0.1f);
    CHECK(has(dead, "Inactive ReLU"));
    CHECK(has(dead, "ReLU′(" + gradientNumber(g.trace.z[0][0]) + ") = 0"));
}

TEST_CASE("chain rule: an edge's ∂C/∂w = δ · a of its source, and its step")
{
    const Network net = handNet(Activation::Sigmoid);
    const ExampleGradient g = gradientFor(net, Cost::Mse, 1);
    const ChainRule edge = edgeChainRule(net, g, EdgeRef{1, 2, 1}, 0, 0.5f);
    CHECK(has(edge, "hidden 1, neuron 2 → output 1"));
    CHECK(has(edge, "∂C/∂w = δ · a = " + gradientNumber(g.delta[1][1]) + " × " +
                        gradientNumber(g.trace.a[1][2]) + " = " + gradientNumber(g.dW[1](1, 2))));
    CHECK(has(edge, "moves w by −η ∂C/∂w = " + gradientNumber(-0.5f * g.dW[1](1, 2))));
    // A pixel without ink: its weight does not learn from this drawing.
    const ChainRule pixel = edgeChainRule(net, g, EdgeRef{0, 2, 1}, 2, 0.5f);
    CHECK(has(pixel, "pixel (row 1, col 0) → hidden 1, neuron 1"));
    CHECK(has(pixel, "does not learn"));
    CHECK(edgeChainRule(net, g, EdgeRef{2, 0, 0}, 0, 0.5f).empty());
}
