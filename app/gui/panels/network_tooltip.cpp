// NetworkView's hover tooltip: a neuron's numbers and its formula written out with the actual
// values, σ(Σ wᵢaᵢ + b) = σ(z) = a, as the video explains a single neuron.
#include "app/gui/panels/network_view.hpp"
#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/scaled_tooltip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

namespace nnviz::gui {
namespace {

ImVec4 toVec4(const Rgba& c)
{
    return ImVec4(c.r, c.g, c.b, c.a);
}

// "−0.52" with a real minus sign, as printed in the formula.
std::string num(float v, int decimals = 2)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, double(std::fabs(v)));
    return (v < 0 ? "\u2212" : "") + std::string(buf);
}

// Input i as the tooltip names it: a pixel (row, column) when the input is a square picture.
std::string inputName(int i, int side)
{
    char buf[48];
    if (side > 0)
        std::snprintf(buf, sizeof buf, "pixel (%d, %d)", i / side, i % side);
    else
        std::snprintf(buf, sizeof buf, "input %d", i);
    return buf;
}

// An input pixel's tooltip lines: where it is, its value, what its edges show.
void inputTooltip(const Snapshot& snap, int pixel, int side)
{
    const Network& net = *snap.model.net;
    const float a = pixel < snap.input.pixels.size() ? snap.input.pixels[pixel] : 0.0f;
    if (side > 0)
        ImGui::Text("Input %d: pixel (row %d, column %d)", pixel, pixel / side, pixel % side);
    else
        ImGui::Text("Input %d", pixel);
    ImGui::Text("activation a = %.3f  (0 = black, 1 = white ink)", double(a));
    const int fanOut = net.sizes.size() > 1 ? net.sizes[1] : 0;
    ImGui::TextDisabled("Its %d outgoing edge%s highlighted: how much this pixel pushes "
                        "each first-layer neuron up (green) or down (red).",
                        fanOut, fanOut == 1 ? " is" : "s are");
}

// The weighted sum with numbers: "w·a + (−w)·a + … (n more) + b", the first `shown` terms of
// order (the largest |wᵢaᵢ|) written out.
std::string sumWithNumbers(const Eigen::RowVectorXf& w, const Eigen::VectorXf& prev, float b,
                           const std::vector<int>& order, int shown)
{
    std::string sum;
    for (int k = 0; k < shown; ++k) {
        const int i = order[size_t(k)];
        if (k > 0)
            sum += w[i] < 0 ? " + (" + num(w[i]) + ")" : " + " + num(w[i]);
        else
            sum += num(w[i]);
        sum += "·" + num(prev[i]);
    }
    const int rest = int(w.size()) - shown;
    if (rest > 0) sum += " + … (" + std::to_string(rest) + " more)";
    sum += b < 0 ? " + (" + num(b) + ")" : " + " + num(b);
    return sum;
}

} // namespace

void NetworkView::drawTooltip(const Snapshot& snap, const NeuronRef& n) const
{
    const Network& net = *snap.model.net;
    beginScaledTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    const int side = m_layout.imageSide;
    if (n.layer == 0) {
        inputTooltip(snap, n.neuron, side);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        return;
    }

    const int l = n.layer - 1; // the layer mapping sizes[l] → sizes[l+1]
    const int j = n.neuron;
    const Eigen::VectorXf& prev = snap.sweep.shown.a[size_t(l)]; // as shown, mid-sweep too
    const Eigen::RowVectorXf w = net.layers[size_t(l)].W.row(j);
    const float b = net.layers[size_t(l)].b[j];
    const float z = snap.sweep.shown.z[size_t(l)][j];
    const float a = snap.sweep.shown.a[size_t(n.layer)][j];
    const Activation f = net.activationOf(l);
    const bool output = n.layer + 1 == int(net.sizes.size());

    if (output) {
        const std::string name = snap.className(j); // "an 8", "an Ankle boot", "a Bag"
        const bool vowel = std::string("AEIOUaeiou8").find(name.front()) != std::string::npos;
        ImGui::Text("Output neuron %d: \"this is %s %s\"", j, vowel ? "an" : "a", name.c_str());
    } else {
        ImGui::Text("Hidden layer %d, neuron %d", n.layer, j);
    }
    ImGui::Separator();
    ImGui::Text("activation a = %.4f", double(a));
    ImGui::Text("bias b = %s", num(b, 3).c_str());
    ImGui::Text("weighted sum z = Σ wᵢaᵢ + b = %s", num(z, 3).c_str());

    // The formula with numbers: the biggest terms by |wᵢaᵢ|, then how many more.
    std::vector<int> order(size_t(w.size()));
    std::iota(order.begin(), order.end(), 0);
    const int shown = std::min<int>(4, int(order.size()));
    std::partial_sort(order.begin(), order.begin() + shown, order.end(), [&](int p, int q) {
        return std::fabs(w[p] * prev[p]) > std::fabs(w[q] * prev[q]);
    });
    const std::string sum = sumWithNumbers(w, prev, b, order, shown);
    const char* fn = activationText(f).symbol;
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "a = %s(Σ wᵢaᵢ + b)", fn);
    ImGui::TextWrapped("  = %s(%s)", fn, sum.c_str());
    if (f == Activation::Softmax)
        ImGui::TextWrapped("  = e^z / Σ e^z over the %d outputs = %.4f", net.sizes.back(),
                           double(a));
    else
        ImGui::TextWrapped("  = %s(%s) = %.4f", fn, num(z, 3).c_str(), double(a));

    ImGui::Spacing();
    ImGui::TextDisabled("Strongest inputs (wᵢ·aᵢ):");
    for (int k = 0; k < shown; ++k) {
        const int i = order[size_t(k)];
        const float c = w[i] * prev[i];
        const std::string label =
            l == 0 ? inputName(i, side)
                   : "neuron " + std::to_string(i) + " of layer " + std::to_string(l);
        ImGui::TextColored(toVec4(c >= 0 ? kPositive : kNegative), "  %s: w = %s, a = %.2f → %s",
                           label.c_str(), num(w[i]).c_str(), double(prev[i]), num(c, 3).c_str());
    }
    if (f == Activation::Sigmoid && !output)
        ImGui::TextDisabled("The bias is a threshold: the neuron lights up only when Σ wᵢaᵢ "
                            "passes %s.",
                            num(-b).c_str());
    ImGui::TextDisabled("Click to select it for the weight maps.");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

} // namespace nnviz::gui
