// Matrix view panel: see matrix_panel.hpp.
#include "app/gui/matrix_panel.hpp"

#include "app/gui/colors.hpp"
#include "app/gui/heatmap.hpp"
#include "app/gui/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

namespace nnviz::gui {

namespace {

ImU32 toU32(const Rgba& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

float maxOf(const Eigen::VectorXf& v, float floor)
{
    float m = floor;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        m = std::max(m, v[i]);
    return m;
}

bool inside(ImVec2 p, ImVec2 a, ImVec2 b) { return p.x >= a.x && p.x < b.x && p.y >= a.y && p.y < b.y; }

// Text centred vertically on y at x; returns its width.
float tokenAt(ImDrawList* dl, float x, float y, const char* text, ImU32 col = IM_COL32(230, 230, 235, 255))
{
    const ImVec2 s = ImGui::CalcTextSize(text);
    dl->AddText(ImVec2(x, y - s.y * 0.5f), col, text);
    return s.x;
}

} // namespace

void MatrixPanel::refresh(const Snapshot& snap, int layer)
{
    const Network& net = *snap.net;
    const Layer& L = net.layers[size_t(layer - 1)];
    const Key wKey{snap.net.get(), snap.weightsVersion, 0, layer};
    if (m_weightsKey != wKey) {
        m_weightsKey = wKey;
        m_wScale = maxAbs(L.W);
        const std::vector<uint32_t> px = signedMatrixPixels(L.W, m_wScale);
        m_W.upload(int(L.W.cols()), int(L.W.rows()), px.data());
    }
    const Key aKey{snap.net.get(), snap.weightsVersion, snap.inputVersion, layer};
    if (m_inputKey != aKey && size_t(layer - 1) < snap.trace.a.size()) {
        m_inputKey = aKey;
        const Eigen::VectorXf& a = snap.trace.a[size_t(layer - 1)];
        const bool relu = layer >= 2 && net.activationOf(layer - 2) == Activation::Relu;
        m_aMax = relu ? maxOf(a, 1e-6f) : 1.0f;
        const std::vector<uint32_t> px = activationPixels(a, m_aMax);
        m_a.upload(1, int(a.size()), px.data());
    }
}

void MatrixPanel::draw(const Snapshot& snap, UiRequests& req)
{
    if (!snap.net || snap.net->layerCount() < 1) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    const Network& net = *snap.net;
    const int L = net.layerCount();
    const int layer = std::clamp(snap.selected.layer, 1, L);

    // Layer switch: selects the same neuron index (clamped) in the chosen layer.
    ImGui::TextUnformatted("Layer:");
    for (int l = 1; l <= L; ++l) {
        ImGui::SameLine();
        char label[48];
        std::snprintf(label, sizeof label, "%d -> %d##layer%d", net.sizes[size_t(l - 1)], net.sizes[size_t(l)], l);
        if (ImGui::RadioButton(label, layer == l) && layer != l)
            req.select = NeuronRef{l, std::min(snap.selected.neuron, net.sizes[size_t(l)] - 1)};
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(l == L ? "The output layer: %d neurons fed by %d" : "Hidden layer %d", l == L ? net.sizes[size_t(l)] : l,
                              net.sizes[size_t(l - 1)]);
    }
    if (size_t(layer - 1) >= snap.trace.a.size() || size_t(layer) >= snap.trace.a.size()) {
        ImGui::TextDisabled("Draw a digit to see the numbers flow.");
        return;
    }
    refresh(snap, layer);

    const Layer& Ly = net.layers[size_t(layer - 1)];
    const int out = int(Ly.W.rows()), in = int(Ly.W.cols());
    const Eigen::VectorXf& aIn = snap.trace.a[size_t(layer - 1)];
    const Eigen::VectorXf& aOut = snap.trace.a[size_t(layer)];
    const Eigen::VectorXf& z = snap.trace.z[size_t(layer - 1)];
    const Activation f = net.activationOf(layer - 1);
    const char* fName = f == Activation::Relu ? "ReLU" : f == Activation::Softmax ? "softmax" : "σ";
    const float outMax = f == Activation::Relu ? maxOf(aOut, 1e-6f) : 1.0f;
    const float bScale = maxAbs(std::span<const float>(Ly.b.data(), size_t(Ly.b.size())));
    const int sel = snap.selected.layer == layer ? snap.selected.neuron : -1;

    // Geometry: everything centred on one horizontal line, as in the video.
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float areaH = avail.y - 3 * lineH; // sizes row + the selected row's sum + parameter count
    if (avail.x < 120 || areaH < 40) {
        ImGui::TextDisabled("(too small)");
        return;
    }
    const float open = ImGui::CalcTextSize(fName).x + ImGui::CalcTextSize("(").x;
    const float tokens = open + ImGui::CalcTextSize(") =").x + ImGui::CalcTextSize("+").x + 6 * 8.0f;
    const float cellH = std::min((areaH - lineH) / float(out), 28.0f); // one matrix row
    const float colW = std::clamp(cellH * 1.2f, 12.0f, 26.0f);
    const float matH = cellH * float(out);
    const float colAH = std::min(areaH - lineH, std::max(matH, cellH * float(in)));
    const float matW = std::max(std::min(avail.x - tokens - 3 * colW, cellH * float(in)), 20.0f);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float midY = origin.y + lineH + (areaH - lineH) * 0.5f;
    ImGui::InvisibleButton("##matrix", ImVec2(avail.x, areaH));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    float x = origin.x;
    x += tokenAt(dl, x, midY, fName) ;
    x += tokenAt(dl, x, midY, "(") + 4;
    const ImVec2 w0(x, midY - matH * 0.5f), w1(x + matW, midY + matH * 0.5f);
    dl->AddImage(m_W.id(), w0, w1);
    dl->AddRect(ImVec2(w0.x - 1, w0.y - 1), ImVec2(w1.x + 1, w1.y + 1), kFrameColor);
    x = w1.x + 6;
    const ImVec2 a0(x, midY - colAH * 0.5f), a1(x + colW, midY + colAH * 0.5f);
    dl->AddImage(m_a.id(), a0, a1);
    dl->AddRect(ImVec2(a0.x - 1, a0.y - 1), ImVec2(a1.x + 1, a1.y + 1), kFrameColor);
    x = a1.x + 8;
    x += tokenAt(dl, x, midY, "+") + 8;
    const ImVec2 b0(x, midY - matH * 0.5f), b1(x + colW, midY + matH * 0.5f);
    x = b1.x + 4;
    x += tokenAt(dl, x, midY, ") =") + 8;
    const ImVec2 r0(x, midY - matH * 0.5f), r1(x + colW, midY + matH * 0.5f);
    for (int j = 0; j < out; ++j) {
        const float y0 = b0.y + cellH * float(j), y1 = y0 + cellH;
        dl->AddRectFilled(ImVec2(b0.x, y0), ImVec2(b1.x, y1), toU32(signedColor(Ly.b[j], bScale)));
        dl->AddRectFilled(ImVec2(r0.x, y0), ImVec2(r1.x, y1), toU32(activationColor(aOut[j] / outMax)));
    }
    for (const ImVec2* c : {&b0, &r0})
        dl->AddRect(ImVec2(c->x - 1, c->y - 1), ImVec2(c->x + colW + 1, c->y + matH + 1), kFrameColor);
    if (sel >= 0) { // the selected neuron's row, across W, b and the result
        const float y0 = w0.y + cellH * float(sel);
        for (auto [p, q] : {std::pair{w0.x, w1.x}, std::pair{b0.x, b1.x}, std::pair{r0.x, r1.x}})
            dl->AddRect(ImVec2(p - 2, y0 - 1), ImVec2(q + 2, y0 + cellH + 1), kSelectColor, 0, 0, 2.0f);
    }

    // Sizes above each block.
    char buf[64];
    auto sizeLabel = [&](float cx, float top, const char* name, int rows, int cols) {
        std::snprintf(buf, sizeof buf, "%s %d×%d", name, rows, cols);
        const float w = ImGui::CalcTextSize(buf).x;
        dl->AddText(ImVec2(std::max(cx - w * 0.5f, origin.x), top - lineH), IM_COL32(170, 170, 180, 255), buf);
    };
    sizeLabel((w0.x + w1.x) * 0.5f, w0.y, "W", out, in);
    sizeLabel((a0.x + a1.x) * 0.5f, std::min(a0.y, w0.y), "a", in, 1);
    sizeLabel((b0.x + b1.x) * 0.5f, b0.y - (colAH > matH + lineH ? 0 : lineH), "b", out, 1);
    sizeLabel((r0.x + r1.x) * 0.5f, r0.y, "a'", out, 1);

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
            ImGui::SetTooltip("a[%d] = %.3f\nthe previous layer's activations (dark 0, bright %.2f)",
                              i, double(aIn[i]), double(m_aMax));
        } else if (inside(mouse, b0, b1)) {
            row = std::clamp(int((mouse.y - b0.y) / cellH), 0, out - 1);
            ImGui::SetTooltip("b[%d] = %+.3f: neuron %d's bias", row, double(Ly.b[row]), row);
        } else if (inside(mouse, r0, r1)) {
            row = std::clamp(int((mouse.y - r0.y) / cellH), 0, out - 1);
            ImGui::SetTooltip("neuron %d: z = %.3f, a = %s(z) = %.3f", row, double(z[row]), fName,
                              double(aOut[row]));
        }
        if (row >= 0 && clicked)
            req.select = NeuronRef{layer, row};
    }

    // The selected row written out, then the parameter count.
    if (sel >= 0 && sel < out) {
        const float dot = Ly.W.row(sel).dot(aIn);
        ImGui::Text("Row %d:  %s( w%d·a %+.2f %+.2f ) = %s(%.2f) = %.3f", sel, fName, sel, double(dot),
                    double(Ly.b[sel]), fName, double(z[sel]), double(aOut[sel]));
    } else {
        ImGui::TextDisabled("Click a row to select its neuron.");
    }
    ImGui::TextDisabled("W, b: green +, red -, dark 0.   a: dark 0 .. bright %s.",
                        m_aMax > 1.0f ? "= layer max" : "1");
    const std::string count = parameterFormula(net) + " = " + withThousands(countParameters(net));
    ImGui::Text("Parameters: %s", count.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every weight and every bias is a knob. Learning means finding\n"
                          "settings of all %s knobs that make the network read digits well.",
                          withThousands(countParameters(net)).c_str());
}

} // namespace nnviz::gui
