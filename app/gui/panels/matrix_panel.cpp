// Matrix view panel: see matrix_panel.hpp.
#include "app/gui/panels/matrix_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

namespace nnviz::gui {

namespace {

ImU32 toU32(const Rgba& c)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

// Box-averages a w×h RGBA8 image down to newW×newH (each no larger than the original): every
// output pixel is the coverage-weighted mean of the source pixels under it, per channel.
std::vector<uint32_t> boxShrink(const std::vector<uint32_t>& px, int w, int h, int newW, int newH)
{
    if (newW >= w && newH >= h) return px;
    // Weights of source index i in output index o along one axis: overlap of [i, i+1) with
    // [o·k, (o+1)·k), k = n / m.
    auto axis = [](int n, int m, int o, auto&& use) {
        const double k = double(n) / double(m), lo = o * k, hi = lo + k;
        for (int i = int(lo); i < n && i < hi; ++i) {
            const double wgt = std::min(hi, double(i + 1)) - std::max(lo, double(i));
            if (wgt > 0) use(i, wgt / k);
        }
    };
    std::vector<uint32_t> out(size_t(newW) * size_t(newH));
    for (int oy = 0; oy < newH; ++oy)
        for (int ox = 0; ox < newW; ++ox) {
            double acc[4] = {0, 0, 0, 0};
            axis(h, newH, oy, [&](int y, double wy) {
                axis(w, newW, ox, [&](int x, double wx) {
                    const uint32_t p = px[size_t(y) * size_t(w) + size_t(x)];
                    for (int c = 0; c < 4; ++c)
                        acc[c] += wx * wy * double((p >> (8 * c)) & 0xFFu);
                });
            });
            uint32_t p = 0;
            for (int c = 0; c < 4; ++c)
                p |= uint32_t(std::clamp(acc[c] + 0.5, 0.0, 255.0)) << (8 * c);
            out[size_t(oy) * size_t(newW) + size_t(ox)] = p;
        }
    return out;
}

bool inside(ImVec2 p, ImVec2 a, ImVec2 b)
{
    return p.x >= a.x && p.x < b.x && p.y >= a.y && p.y < b.y;
}

// Text centred vertically on y at x; returns its width.
float tokenAt(ImDrawList* dl, float x, float y, const char* text,
              ImU32 col = IM_COL32(230, 230, 235, 255))
{
    const ImVec2 s = ImGui::CalcTextSize(text);
    dl->AddText(ImVec2(x, y - s.y * 0.5f), col, text);
    return s.x;
}

} // namespace

void MatrixPanel::refresh(const Snapshot& snap, int layer, int wCols, int aRows)
{
    const Network& net = *snap.model.net;
    const Layer& L = net.layers[size_t(layer - 1)];
    const int in = int(L.W.cols()), out = int(L.W.rows());
    wCols = std::clamp(wCols, 1, in);
    const Key wKey{snap.model.net.get(), snap.model.weightsVersion, 0, layer, wCols};
    if (m_weightsKey != wKey) {
        m_weightsKey = wKey;
        m_wScale = maxAbs(L.W);
        const std::vector<uint32_t> px =
            boxShrink(signedMatrixPixels(L.W, m_wScale), in, out, wCols, out);
        m_W.upload(wCols, out, px.data());
    }
    aRows = std::clamp(aRows, 1, in);
    const Key aKey{snap.model.net.get(), snap.model.weightsVersion, snap.sweep.shownVersion, layer,
                   aRows};
    if (m_inputKey != aKey && size_t(layer - 1) < snap.sweep.shown.a.size()) {
        m_inputKey = aKey;
        const Eigen::VectorXf& a = snap.sweep.shown.a[size_t(layer - 1)];
        m_aMax = fullBrightness(net, layer - 1, a);
        const std::vector<uint32_t> px = boxShrink(activationPixels(a, m_aMax), 1, int(a.size()), 1,
                                                   std::min(aRows, int(a.size())));
        m_a.upload(1, int(px.size()), px.data());
    }
}

void MatrixPanel::draw(const Snapshot& snap, UiRequests& req)
{
    if (!snap.model.net || snap.model.net->layerCount() < 1) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    const Network& net = *snap.model.net;
    const int L = net.layerCount();
    const int layer = std::clamp(snap.view.selected.layer, 1, L);

    // Layer switch: selects the same neuron index (clamped) in the chosen layer.
    ImGui::TextUnformatted("Layer:");
    for (int l = 1; l <= L; ++l) {
        ImGui::SameLine();
        char label[48];
        std::snprintf(label, sizeof label, "%d -> %d##layer%d", net.sizes[size_t(l - 1)],
                      net.sizes[size_t(l)], l);
        if (ImGui::RadioButton(label, layer == l) && layer != l)
            req.select =
                NeuronRef{l, std::min(snap.view.selected.neuron, net.sizes[size_t(l)] - 1)};
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(l == L ? "The output layer: %d neurons fed by %d" : "Hidden layer %d",
                              l == L ? net.sizes[size_t(l)] : l, net.sizes[size_t(l - 1)]);
    }
    if (size_t(layer - 1) >= snap.sweep.shown.a.size() ||
        size_t(layer) >= snap.sweep.shown.a.size()) {
        ImGui::TextDisabled("Draw a digit to see the numbers flow.");
        return;
    }
    const Layer& Ly = net.layers[size_t(layer - 1)];
    const int out = int(Ly.W.rows()), in = int(Ly.W.cols());
    // As the network view shows them, mid-sweep too.
    const Eigen::VectorXf& aIn = snap.sweep.shown.a[size_t(layer - 1)];
    const Eigen::VectorXf& aOut = snap.sweep.shown.a[size_t(layer)];
    const Eigen::VectorXf& z = snap.sweep.shown.z[size_t(layer - 1)];
    const Activation f = net.activationOf(layer - 1);
    const char* fName = activationText(f).symbol;
    const float outMax = fullBrightness(net, layer, aOut);
    const float bScale = maxAbs(std::span<const float>(Ly.b.data(), size_t(Ly.b.size())));
    const int sel = snap.view.selected.layer == layer ? snap.view.selected.neuron : -1;

    // Geometry: everything centred on one horizontal line, as in the video; names above the
    // blocks, sizes below.
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float areaH = avail.y - 3 * lineH; // + the selected row, the legend, the parameter count
    const float blockH = areaH - 2 * lineH;  // the tallest block
    if (avail.x < 160 || blockH < 30) {
        ImGui::TextDisabled("(too small)");
        return;
    }
    char sizeW[32], sizeA[32], sizeB[32];
    std::snprintf(sizeW, sizeof sizeW, "%d×%d", out, in);
    std::snprintf(sizeA, sizeof sizeA, "%d×1", in);
    std::snprintf(sizeB, sizeof sizeB, "%d×1", out);
    char open[16];
    std::snprintf(open, sizeof open, "%s(", fName);
    const float cellH = std::min(blockH / float(out), 28.0f); // one matrix row
    const float colW = std::clamp(cellH * 1.2f, 12.0f, 26.0f);
    const float matH = cellH * float(out);
    const float colAH = std::min(blockH, std::max(matH, cellH * float(in)));
    auto slot = [&](const char* label) {
        return std::max(colW, ImGui::CalcTextSize(label).x) + 10.0f;
    };
    const float slotA = slot(sizeA), slotB = slot(sizeB), slotR = slot(sizeB);
    const float tokens = ImGui::CalcTextSize(open).x + ImGui::CalcTextSize("+").x +
                         ImGui::CalcTextSize(") =").x + 4 * 8.0f;
    const float matW = std::clamp(avail.x - tokens - slotA - slotB - slotR, 20.0f,
                                  std::max(cellH * float(in), 20.0f));
    const float fbScale = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
    refresh(snap, layer, int(std::ceil(matW * fbScale)), int(std::ceil(colAH * fbScale)));

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float midY = origin.y + lineH + blockH * 0.5f;
    ImGui::InvisibleButton("##matrix", ImVec2(avail.x, areaH));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 labelCol = IM_COL32(170, 170, 180, 255);
    // A block's name centred above it and its size centred below it.
    auto labels = [&](ImVec2 p, ImVec2 q, const char* name, const char* dims) {
        const float cx = (p.x + q.x) * 0.5f;
        dl->AddText(ImVec2(cx - ImGui::CalcTextSize(name).x * 0.5f, p.y - lineH),
                    IM_COL32(230, 230, 235, 255), name);
        dl->AddText(ImVec2(cx - ImGui::CalcTextSize(dims).x * 0.5f, q.y + 3), labelCol, dims);
    };
    auto frame = [&](ImVec2 p, ImVec2 q) {
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(q.x + 1, q.y + 1), kFrameColor);
    };

    // Centre the equation when the matrix does not need the full width.
    const float total = tokens + matW + slotA + slotB + slotR;
    float x = origin.x + std::max(0.0f, (avail.x - total) * 0.5f);
    x += tokenAt(dl, x, midY, open) + 8;
    const ImVec2 w0(x, midY - matH * 0.5f), w1(x + matW, midY + matH * 0.5f);
    dl->AddImage(m_W.id(), w0, w1);
    frame(w0, w1);
    labels(w0, w1, "W", sizeW);
    x = w1.x + (slotA - colW) * 0.5f;
    const ImVec2 a0(x, midY - colAH * 0.5f), a1(x + colW, midY + colAH * 0.5f);
    dl->AddImage(m_a.id(), a0, a1);
    frame(a0, a1);
    labels(a0, a1, "a", sizeA);
    x = w1.x + slotA;
    x += tokenAt(dl, x, midY, "+") + 8;
    x += (slotB - colW) * 0.5f;
    const ImVec2 b0(x, midY - matH * 0.5f), b1(x + colW, midY + matH * 0.5f);
    labels(b0, b1, "b", sizeB);
    x = b1.x + (slotB - colW) * 0.5f;
    x += tokenAt(dl, x, midY, ") =") + 8;
    x += (slotR - colW) * 0.5f;
    const ImVec2 r0(x, midY - matH * 0.5f), r1(x + colW, midY + matH * 0.5f);
    labels(r0, r1, "a'", sizeB);
    for (int j = 0; j < out; ++j) {
        const float y0 = b0.y + cellH * float(j), y1 = y0 + cellH;
        dl->AddRectFilled(ImVec2(b0.x, y0), ImVec2(b1.x, y1), toU32(signedColor(Ly.b[j], bScale)));
        dl->AddRectFilled(ImVec2(r0.x, y0), ImVec2(r1.x, y1),
                          toU32(activationColor(aOut[j] / outMax)));
    }
    frame(b0, b1);
    frame(r0, r1);
    if (sel >= 0) { // the selected neuron's row, across W, b and the result
        const float y0 = w0.y + cellH * float(sel);
        for (auto [p, q] : {std::pair{w0.x, w1.x}, std::pair{b0.x, b1.x}, std::pair{r0.x, r1.x}})
            dl->AddRect(ImVec2(p - 2, y0 - 1), ImVec2(q + 2, y0 + cellH + 1), kSelectColor, 0, 0,
                        2.0f);
    }

    // Hover: which entry, and clicking a row selects that neuron.
    if (hovered) {
        int row = -1;
        if (inside(mouse, w0, w1)) {
            row = std::clamp(int((mouse.y - w0.y) / cellH), 0, out - 1);
            const int col = std::clamp(int((mouse.x - w0.x) / matW * float(in)), 0, in - 1);
            ImGui::SetTooltip("W[%d, %d] = %+.3f\nrow %d = neuron %d's %d incoming weights\n"
                              "green positive, red negative (scale ±%.2f); click to select",
                              row, col, double(Ly.W(row, col)), row, row, in, double(m_wScale));
        } else if (inside(mouse, a0, a1)) {
            const int i = std::clamp(int((mouse.y - a0.y) / (a1.y - a0.y) * float(in)), 0, in - 1);
            ImGui::SetTooltip(
                "a[%d] = %.3f\nthe previous layer's activations (dark 0, bright %.2f)", i,
                double(aIn[i]), double(m_aMax));
        } else if (inside(mouse, b0, b1)) {
            row = std::clamp(int((mouse.y - b0.y) / cellH), 0, out - 1);
            ImGui::SetTooltip("b[%d] = %+.3f: neuron %d's bias", row, double(Ly.b[row]), row);
        } else if (inside(mouse, r0, r1)) {
            row = std::clamp(int((mouse.y - r0.y) / cellH), 0, out - 1);
            ImGui::SetTooltip("neuron %d: z = %.3f, a = %s = %.3f", row, double(z[row]),
                              activationText(f).neuron, double(aOut[row]));
        }
        if (row >= 0 && clicked) req.select = NeuronRef{layer, row};
    }

    // The selected row written out, then the parameter count.
    if (sel >= 0 && sel < out) {
        const float dot = Ly.W.row(sel).dot(aIn);
        ImGui::Text("Row %d:   w%d·a = %.2f,   + b = %.2f,   z = %.2f,   a' = %s(z) = %.3f", sel,
                    sel, double(dot), double(Ly.b[sel]), double(z[sel]), fName, double(aOut[sel]));
    } else {
        ImGui::TextDisabled("Click a row to select its neuron.");
    }
    ImGui::TextDisabled("W, b: green +, red -, dark 0.   a: dark 0 .. bright %s.",
                        m_aMax > 1.0f ? "= layer max" : "1");
    const std::string count = parameterFormula(net) + " = " + withThousands(net.parameterCount());
    ImGui::Text("Parameters: %s", count.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every weight and every bias is a knob. Learning means finding\n"
                          "settings of all %s knobs that make the network read digits well.",
                          withThousands(net.parameterCount()).c_str());
}

} // namespace nnviz::gui
