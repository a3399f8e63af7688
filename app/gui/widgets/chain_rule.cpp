// Chain-rule lines: see chain_rule.hpp. Pure (no ImGui): part of nnviz_widget_maths, tested in
// tests/app_units; chain_rule_view.cpp prints them.
#include "app/gui/widgets/chain_rule.hpp"

#include "app/gui/widgets/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace nnviz::gui {
namespace {

using Kind = ChainRuleLine::Kind;

std::string inputName(int i, int side)
{
    if (side <= 0) return "input " + std::to_string(i);
    return "pixel (row " + std::to_string(i / side) + ", col " + std::to_string(i % side) + ")";
}

// The received nudge Σ_k w_kj δ_k with its largest terms written out.
std::string receivedSum(const Network& net, const ExampleGradient& g, int l, int j)
{
    const Eigen::VectorXf w = net.layers[size_t(l) + 1].W.col(j); // (sizes[l+2])
    const Eigen::VectorXf& d = g.delta[size_t(l) + 1];
    std::vector<int> order(size_t(w.size()));
    std::iota(order.begin(), order.end(), 0);
    const int shown = std::min<int>(3, int(order.size()));
    std::partial_sort(order.begin(), order.begin() + shown, order.end(), [&](int p, int q) {
        return std::fabs(w[p] * d[p]) > std::fabs(w[q] * d[q]);
    });
    std::string s;
    for (int k = 0; k < shown; ++k) {
        const int i = order[size_t(k)];
        if (k > 0) s += " + ";
        const std::string wi = gradientNumber(w[i]), di = gradientNumber(d[i]);
        s += (k > 0 && w[i] < 0 ? "(" + wi + ")" : wi) + "·" + (d[i] < 0 ? "(" + di + ")" : di);
    }
    if (int(w.size()) > shown) s += " + … (" + std::to_string(int(w.size()) - shown) + " more)";
    return s;
}

// ∂C/∂a at the output, by the cost.
std::string outputDerivative(const Network& net, const ExampleGradient& g, int j)
{
    const float a = g.trace.output()[j], y = g.y[j];
    if (g.cost == Cost::Mse)
        return "∂C/∂a = a − y = " + gradientNumber(a) + " − " + gradientNumber(y) + " = " +
               gradientNumber(g.dCda[j]);
    if (net.output == Activation::Softmax) return "∂C/∂a = −y/a = " + gradientNumber(g.dCda[j]);
    return "∂C/∂a = −y/a + (1−y)/(1−a) = " + gradientNumber(g.dCda[j]);
}

// δ = ∂C/∂z at the output.
std::string outputDelta(const Network& net, const ExampleGradient& g, int l, int j)
{
    const float a = g.trace.output()[j], y = g.y[j], d = g.delta[size_t(l)][j];
    if (g.cost == Cost::CrossEntropy)
        return "δ = ∂C/∂z = a − y = " + gradientNumber(a) + " − " + gradientNumber(y) + " = " +
               gradientNumber(d) + "  (the log cancels f′)";
    if (net.output == Activation::Softmax)
        return "δ = a (∂C/∂a − Σᵢ aᵢ ∂C/∂aᵢ) = " + gradientNumber(d) +
               "  (softmax ties the outputs together)";
    return "δ = ∂C/∂a × f′(z) = " + gradientNumber(g.dCda[j]) + " × " +
           gradientNumber(g.fprime[size_t(l)][j]) + " = " + gradientNumber(d);
}

std::string slopeText(Activation f, float z, float a, float fprime)
{
    if (f == Activation::Relu)
        return std::string("f′(z) = ReLU′(") + gradientNumber(z) +
               ") = " + (fprime > 0 ? "1  (z > 0)" : "0  (z ≤ 0)");
    return "f′(z) = σ′(z) = a(1 − a) = " + gradientNumber(a) + " × " + gradientNumber(1 - a) +
           " = " + gradientNumber(fprime);
}

} // namespace

std::string gradientNumber(float v)
{
    char buf[32];
    const double m = std::fabs(double(v));
    if (m == 0) return "0";
    if (m >= 100)
        std::snprintf(buf, sizeof buf, "%.0f", m);
    else if (m >= 0.001)
        std::snprintf(buf, sizeof buf, "%.3g", m);
    else
        std::snprintf(buf, sizeof buf, "%.2g", m); // "1.9e-05"
    std::string s(buf);
    if (const size_t e = s.find("e-0"); e != std::string::npos) s.erase(e + 2, 1); // "1.9e-5"
    return (v < 0 ? "\u2212" : "") + s;
}

std::string neuronName(const Network& net, int layer, int neuron)
{
    if (layer + 1 == net.layerCount()) return "output " + std::to_string(neuron);
    return "hidden " + std::to_string(layer + 1) + ", neuron " + std::to_string(neuron);
}

ChainRule neuronChainRule(const Network& net, const ExampleGradient& g, NeuronRef n, float rate)
{
    ChainRule out;
    const int l = n.layer - 1, j = n.neuron;
    if (l < 0 || l >= g.layerCount() || j < 0 || j >= g.delta[size_t(l)].size()) return out;
    const bool output = l + 1 == g.layerCount();
    const float z = g.trace.z[size_t(l)][j], a = g.trace.a[size_t(l) + 1][j];
    const float d = g.delta[size_t(l)][j];
    out.push_back({Kind::Title, "Backprop at " + neuronName(net, l, j) +
                                    (output && j == g.target ? "  (the target)" : "")});
    out.push_back({Kind::Value, "z = " + gradientNumber(z) + ",  a = " + gradientNumber(a) +
                                    (output ? ",  y = " + gradientNumber(g.y[j]) : "")});
    if (output) {
        out.push_back({Kind::Formula, outputDerivative(net, g, j)});
        out.push_back({Kind::Formula, outputDelta(net, g, l, j)});
    } else {
        out.push_back(
            {Kind::Formula, "∂C/∂a = Σ w·δ of the layer above = " + receivedSum(net, g, l, j) +
                                " = " + gradientNumber(g.nudge[size_t(l)][j])});
        out.push_back(
            {Kind::Formula, slopeText(net.activationOf(l), z, a, g.fprime[size_t(l)][j])});
        out.push_back({Kind::Formula,
                       "δ = ∂C/∂a × f′(z) = " + gradientNumber(g.nudge[size_t(l)][j]) + " × " +
                           gradientNumber(g.fprime[size_t(l)][j]) + " = " + gradientNumber(d)});
    }
    out.push_back({Kind::Formula, "∂C/∂b = δ = " + gradientNumber(d) +
                                      ";  ∂C/∂w = δ · a of the neuron it comes from"});
    out.push_back({Kind::Note, "A Step (η = " + gradientNumber(rate) +
                                   ") moves b by −ηδ = " + gradientNumber(-rate * d) +
                                   (d > 0   ? ": z goes down"
                                    : d < 0 ? ": z goes up"
                                            : "")});
    const GradientFlow flow = g.flow[size_t(l)][size_t(j)];
    if (flow == GradientFlow::Saturated)
        out.push_back({Kind::Warning,
                       "Saturated: σ′(z) < " + gradientNumber(kSaturatedSlope) +
                           ", so almost nothing passes back through it (vanishing gradient)."});
    if (flow == GradientFlow::Dead)
        out.push_back({Kind::Warning, "Inactive ReLU: z ≤ 0, f′ = 0: nothing passes back, its "
                                      "incoming weights do not learn from this drawing."});
    return out;
}

ChainRule edgeChainRule(const Network& net, const ExampleGradient& g, EdgeRef e, int imageSide,
                        float rate)
{
    ChainRule out;
    if (e.layer < 0 || e.layer >= g.layerCount() || e.to < 0 ||
        e.to >= g.delta[size_t(e.layer)].size() || e.from < 0 ||
        e.from >= g.trace.a[size_t(e.layer)].size())
        return out;
    const float w = net.layers[size_t(e.layer)].W(e.to, e.from);
    const float a = g.trace.a[size_t(e.layer)][e.from], d = g.delta[size_t(e.layer)][e.to];
    const float dw = g.dW[size_t(e.layer)](e.to, e.from);
    const std::string from =
        e.layer == 0 ? inputName(e.from, imageSide) : neuronName(net, e.layer - 1, e.from);
    out.push_back(
        {Kind::Title, "Backprop at the edge " + from + " → " + neuronName(net, e.layer, e.to)});
    out.push_back({Kind::Value, "w = " + gradientNumber(w) +
                                    ",  a of its source = " + gradientNumber(a) +
                                    ",  δ of its target = " + gradientNumber(d)});
    out.push_back({Kind::Formula, "∂C/∂w = δ · a = " + gradientNumber(d) + " × " +
                                      gradientNumber(a) + " = " + gradientNumber(dw)});
    out.push_back({Kind::Note, "Desired change −∂C/∂w = " + gradientNumber(-dw) +
                                   ": a Step (η = " + gradientNumber(rate) +
                                   ") moves w by −η ∂C/∂w = " + gradientNumber(-rate * dw)});
    if (a == 0)
        out.push_back({Kind::Note, "Its source is 0 (no ink, or an inactive neuron): this weight "
                                   "does not learn from this drawing."});
    return out;
}

} // namespace nnviz::gui
