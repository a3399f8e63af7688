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

ImVec4 toVec4(const Rgba& c)
{
    return ImVec4(c.r, c.g, c.b, c.a);
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

float textW(const char* text)
{
    return ImGui::CalcTextSize(text).x;
}

// The layer switch: selects the same neuron index (clamped) in the chosen layer.
void drawLayerSwitch(const Snapshot& snap, int layer, UiRequests& req)
{
    const Network& net = *snap.model.net;
    const int L = net.layerCount();
    ImGui::TextUnformatted("Layer:");
    for (int l = 1; l <= L; ++l) {
        const int in = net.sizes[size_t(l - 1)], out = net.sizes[size_t(l)];
        char label[48];
        std::snprintf(label, sizeof label, "%d → %d##layer%d", in, out, l);
        const ImGuiStyle& style = ImGui::GetStyle();
        sameLineIfFits(label, style.ItemSpacing.x,
                       ImGui::GetFrameHeight() + style.ItemInnerSpacing.x);
        if (ImGui::RadioButton(label, layer == l) && layer != l)
            req.select = NeuronRef{l, std::min(snap.view.selected.neuron, out - 1)};
        if (!ImGui::IsItemHovered()) continue;
        if (l == L)
            ImGui::SetTooltip("The output layer: %d neurons fed by %d", out, in);
        else
            ImGui::SetTooltip("Hidden layer %d: %d neurons fed by %d", l, out, in);
    }
}

// σ( W a + b ) = a' for layer `layer` (out × in) in avail.x × blockH below a line for the names,
// at origin. Rows are at most cellMax tall; W is at most as wide as its cells are tall.
MatrixEquation layoutEquation(const Network& net, int layer, ImVec2 origin, float width,
                              float blockH)
{
    const Layer& Ly = net.layers[size_t(layer - 1)];
    const int out = int(Ly.W.rows()), in = int(Ly.W.cols());
    MatrixEquation eq;
    std::snprintf(eq.sizeW, sizeof eq.sizeW, "%d×%d", out, in);
    std::snprintf(eq.sizeA, sizeof eq.sizeA, "%d×1", in);
    std::snprintf(eq.sizeB, sizeof eq.sizeB, "%d×1", out);
    std::snprintf(eq.open, sizeof eq.open, "%s(",
                  activationText(net.activationOf(layer - 1)).symbol);
    const float cellMax = ImGui::GetFontSize() * 1.75f;
    eq.cellH = std::min(blockH / float(out), cellMax);
    const float colW = std::clamp(eq.cellH * 1.2f, 12.0f, cellMax - 2);
    const float matH = eq.cellH * float(out);
    const float colAH = std::min(blockH, std::max(matH, eq.cellH * float(in)));
    auto slot = [&](const char* label) { return std::max(colW, textW(label)) + 10.0f; };
    const float slotA = slot(eq.sizeA), slotB = slot(eq.sizeB);
    const float tokens = textW(eq.open) + textW("+") + textW(") =") + 4 * 8.0f;
    const float matW = std::clamp(width - tokens - slotA - 2 * slotB, 20.0f,
                                  std::max(eq.cellH * float(in), 20.0f));
    eq.midY = origin.y + ImGui::GetTextLineHeightWithSpacing() + blockH * 0.5f;
    // Centred when the matrix does not need the full width.
    float x = origin.x + std::max(0.0f, (width - tokens - matW - slotA - 2 * slotB) * 0.5f);
    eq.openX = x;
    x += textW(eq.open) + 8;
    eq.w0 = ImVec2(x, eq.midY - matH * 0.5f);
    eq.w1 = ImVec2(x + matW, eq.midY + matH * 0.5f);
    x = eq.w1.x + (slotA - colW) * 0.5f;
    eq.a0 = ImVec2(x, eq.midY - colAH * 0.5f);
    eq.a1 = ImVec2(x + colW, eq.midY + colAH * 0.5f);
    eq.plusX = eq.w1.x + slotA;
    x = eq.plusX + textW("+") + 8 + (slotB - colW) * 0.5f;
    eq.b0 = ImVec2(x, eq.w0.y);
    eq.b1 = ImVec2(x + colW, eq.w1.y);
    eq.closeX = eq.b1.x + (slotB - colW) * 0.5f;
    x = eq.closeX + textW(") =") + 8 + (slotB - colW) * 0.5f;
    eq.r0 = ImVec2(x, eq.w0.y);
    eq.r1 = ImVec2(x + colW, eq.w1.y);
    return eq;
}

} // namespace

void MatrixPanel::refresh(const Snapshot& snap, int layer, int wCols, int wRows, int aRows)
{
    const Network& net = *snap.model.net;
    const Layer& L = net.layers[size_t(layer - 1)];
    const int in = int(L.W.cols()), out = int(L.W.rows());
    wCols = std::clamp(wCols, 1, in);
    wRows = std::clamp(wRows, 1, out);
    const Key wKey{snap.model.net.get(), snap.model.weightsVersion, 0, layer, wCols, wRows};
    if (m_weightsKey != wKey) {
        m_weightsKey = wKey;
        m_wScale = maxAbs(L.W);
        const std::vector<uint32_t> px =
            boxShrink(signedMatrixPixels(L.W, m_wScale), in, out, wCols, wRows);
        m_W.upload(wCols, wRows, px.data());
    }
    aRows = std::clamp(aRows, 1, in);
    const Key aKey{
        snap.model.net.get(), snap.model.weightsVersion, snap.sweep.shownVersion, layer, 1, aRows};
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
    const int layer = std::clamp(snap.view.selected.layer, 1, net.layerCount());
    drawLayerSwitch(snap, layer, req);
    if (size_t(layer) >= snap.sweep.shown.a.size()) {
        ImGui::TextDisabled("Draw %s to see the numbers flow.", snap.drawingNoun());
        return;
    }
    // The blocks, their names above and sizes below; then the selected row, the legend and the
    // parameter count.
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float areaH = avail.y - 3 * lineH;
    const float blockH = areaH - 2 * lineH; // the tallest block
    if (avail.x < 160 || blockH < 30) {
        ImGui::TextDisabled("(too small)");
        return;
    }
    const MatrixEquation eq =
        layoutEquation(net, layer, ImGui::GetCursorScreenPos(), avail.x, blockH);
    const float fb = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
    refresh(snap, layer, int(std::ceil((eq.w1.x - eq.w0.x) * fb)),
            int(std::ceil((eq.w1.y - eq.w0.y) * fb)), int(std::ceil((eq.a1.y - eq.a0.y) * fb)));
    ImGui::InvisibleButton("##matrix", ImVec2(avail.x, areaH));
    drawEquation(snap, layer, eq);
    if (ImGui::IsItemHovered()) hoverEquation(snap, layer, eq, req);
    drawFooter(snap, layer);
}

void MatrixPanel::drawEquation(const Snapshot& snap, int layer, const MatrixEquation& eq) const
{
    const Network& net = *snap.model.net;
    const Layer& Ly = net.layers[size_t(layer - 1)];
    const Eigen::VectorXf& aOut = snap.shownActivation(layer); // as shown, mid-sweep too
    const float outMax = fullBrightness(net, layer, aOut);
    const float bScale = maxAbs(std::span<const float>(Ly.b.data(), size_t(Ly.b.size())));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    // A block: its frame, its name centred above and its size centred below.
    auto block = [&](ImVec2 p, ImVec2 q, const char* name, const char* dims) {
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(q.x + 1, q.y + 1), kFrameColor);
        const float cx = (p.x + q.x) * 0.5f;
        dl->AddText(ImVec2(cx - textW(name) * 0.5f, p.y - lineH), IM_COL32(230, 230, 235, 255),
                    name);
        dl->AddText(ImVec2(cx - textW(dims) * 0.5f, q.y + 3), IM_COL32(170, 170, 180, 255), dims);
    };
    tokenAt(dl, eq.openX, eq.midY, eq.open);
    dl->AddImage(m_W.id(), eq.w0, eq.w1);
    block(eq.w0, eq.w1, "W", eq.sizeW);
    dl->AddImage(m_a.id(), eq.a0, eq.a1);
    block(eq.a0, eq.a1, "a", eq.sizeA);
    tokenAt(dl, eq.plusX, eq.midY, "+");
    tokenAt(dl, eq.closeX, eq.midY, ") =");
    for (int j = 0; j < int(Ly.b.size()); ++j) {
        const float y0 = eq.b0.y + eq.cellH * float(j), y1 = y0 + eq.cellH;
        dl->AddRectFilled(ImVec2(eq.b0.x, y0), ImVec2(eq.b1.x, y1),
                          ImGui::ColorConvertFloat4ToU32(toVec4(signedColor(Ly.b[j], bScale))));
        dl->AddRectFilled(
            ImVec2(eq.r0.x, y0), ImVec2(eq.r1.x, y1),
            ImGui::ColorConvertFloat4ToU32(toVec4(activationColor(aOut[j] / outMax))));
    }
    block(eq.b0, eq.b1, "b", eq.sizeB);
    block(eq.r0, eq.r1, "a'", eq.sizeB);
    // The selected neuron's row across W, b and a': outlined when rows are a few pixels tall,
    // else (64 or 128 rows in a short panel) marked by arrows beside W and a'.
    if (snap.view.selected.layer != layer || snap.view.selected.neuron >= Ly.W.rows()) return;
    const float y0 = eq.w0.y + eq.cellH * float(snap.view.selected.neuron), y1 = y0 + eq.cellH;
    if (eq.cellH >= 4) {
        for (auto [p, q] : {std::pair{eq.w0.x, eq.w1.x}, std::pair{eq.b0.x, eq.b1.x},
                            std::pair{eq.r0.x, eq.r1.x}})
            dl->AddRect(ImVec2(p - 2, y0 - 1), ImVec2(q + 2, y1 + 1), kSelectColor, 0, 0, 2.0f);
        return;
    }
    const float yc = (y0 + y1) * 0.5f, h = 5;
    dl->AddTriangleFilled(ImVec2(eq.w0.x - 3, yc), ImVec2(eq.w0.x - 3 - 2 * h, yc - h),
                          ImVec2(eq.w0.x - 3 - 2 * h, yc + h), kSelectColor);
    dl->AddTriangleFilled(ImVec2(eq.r1.x + 3, yc), ImVec2(eq.r1.x + 3 + 2 * h, yc - h),
                          ImVec2(eq.r1.x + 3 + 2 * h, yc + h), kSelectColor);
}

// Hover: which entry, and clicking a row of W, b or a' selects that neuron.
void MatrixPanel::hoverEquation(const Snapshot& snap, int layer, const MatrixEquation& eq,
                                UiRequests& req) const
{
    const Network& net = *snap.model.net;
    const Layer& Ly = net.layers[size_t(layer - 1)];
    const int out = int(Ly.W.rows()), in = int(Ly.W.cols());
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int row = std::clamp(int((m.y - eq.w0.y) / eq.cellH), 0, out - 1);
    if (inside(m, eq.w0, eq.w1)) {
        const int col =
            std::clamp(int((m.x - eq.w0.x) / (eq.w1.x - eq.w0.x) * float(in)), 0, in - 1);
        ImGui::SetTooltip("W[%d, %d] = %+.3f\nrow %d = neuron %d's %d incoming weights\n"
                          "green positive, red negative (scale ±%.2f); click to select",
                          row, col, double(Ly.W(row, col)), row, row, in, double(m_wScale));
    } else if (inside(m, eq.a0, eq.a1)) {
        const int i = std::clamp(int((m.y - eq.a0.y) / (eq.a1.y - eq.a0.y) * float(in)), 0, in - 1);
        ImGui::SetTooltip("a[%d] = %.3f\nthe previous layer's activations (dark 0, bright %.2f)", i,
                          double(snap.shownActivation(layer - 1)[i]), double(m_aMax));
        return;
    } else if (inside(m, eq.b0, eq.b1)) {
        ImGui::SetTooltip("b[%d] = %+.3f: neuron %d's bias", row, double(Ly.b[row]), row);
    } else if (inside(m, eq.r0, eq.r1)) {
        ImGui::SetTooltip("neuron %d: z = %.3f, a = %s = %.3f", row,
                          double(snap.shownWeightedSum(layer)[row]),
                          activationText(net.activationOf(layer - 1)).neuron,
                          double(snap.shownActivation(layer)[row]));
    } else {
        return;
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) req.select = NeuronRef{layer, row};
}

// The selected row written out, what the colours mean, and the parameter count (its sum written
// out when it fits the width, else in the tooltip).
void MatrixPanel::drawFooter(const Snapshot& snap, int layer) const
{
    const Network& net = *snap.model.net;
    const Layer& Ly = net.layers[size_t(layer - 1)];
    const int sel = snap.view.selected.layer == layer ? snap.view.selected.neuron : -1;
    if (sel >= 0 && sel < Ly.W.rows()) {
        const float dot = Ly.W.row(sel).dot(snap.shownActivation(layer - 1));
        const float z = snap.shownWeightedSum(layer)[sel];
        ImGui::Text("Row %d:   w%d·a = %.2f,   + b = %.2f,   z = %.2f,   a' = %s(z) = %.3f", sel,
                    sel, double(dot), double(Ly.b[sel]), double(z),
                    activationText(net.activationOf(layer - 1)).symbol,
                    double(snap.shownActivation(layer)[sel]));
    } else {
        ImGui::TextDisabled("Click a row to select its neuron.");
    }
    const bool reluInput = layer >= 2 && net.activationOf(layer - 2) == Activation::Relu;
    ImGui::TextDisabled("W, b: green +, red -, dark 0.   a: dark 0 .. bright %s.",
                        reluInput ? "= layer max" : "1");
    const std::string count = withThousands(net.parameterCount());
    const std::string line = "Parameters: " + parameterFormula(net) + " = " + count;
    if (ImGui::CalcTextSize(line.c_str()).x <= ImGui::GetContentRegionAvail().x)
        ImGui::TextUnformatted(line.c_str());
    else
        ImGui::Text("Parameters: %s (hover for the sum)", count.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s = %s\nEvery weight and every bias is a knob. Learning means finding\n"
                          "settings of all %s knobs that make the network read %s well.",
                          parameterFormula(net).c_str(), count.c_str(), count.c_str(),
                          net.dataset == DatasetKind::Fashion ? "clothes" : "digits");
}

} // namespace nnviz::gui
