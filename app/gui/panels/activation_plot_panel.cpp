// Activation plot panel: see activation_plot_panel.hpp.
#include "app/gui/panels/activation_plot_panel.hpp"

#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {

namespace {

constexpr ImU32 kCurve = IM_COL32(235, 235, 240, 255);
constexpr ImU32 kCurveFaint = IM_COL32(140, 140, 150, 110);
constexpr ImU32 kAxis = IM_COL32(150, 150, 160, 200);
constexpr ImU32 kGrid = IM_COL32(80, 80, 90, 90);
constexpr ImU32 kDot = IM_COL32(170, 170, 180, 150);

const char* formulaOf(Activation f)
{
    return f == Activation::Relu ? "ReLU(z) = max(0, z)" : "σ(z) = 1 / (1 + e^-z)";
}
const char* nameOf(Activation f)
{
    return f == Activation::Relu ? "ReLU" : "sigmoid";
}

// A grid step giving roughly 4–8 lines over [0, range].
float niceStep(float range)
{
    for (float s : {0.25f, 0.5f, 1.0f, 2.0f, 5.0f, 10.0f, 20.0f, 50.0f})
        if (range / s <= 5.0f) return s;
    return 100.0f;
}

} // namespace

void ActivationPlotPanel::draw(const Snapshot& snap, UiRequests& req)
{
    (void)req;
    if (!snap.model.net || snap.model.net->layerCount() < 1) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    const Network& net = *snap.model.net;
    const NeuronRef sel = snap.view.selected;
    // The function to draw: the selected neuron's own, unless it is softmax (not element-wise).
    Activation f = net.hidden;
    bool softmaxNote = false;
    if (sel.layer >= 1 && sel.layer <= net.layerCount()) {
        const Activation own = net.activationOf(sel.layer - 1);
        if (own == Activation::Softmax)
            softmaxNote = true;
        else
            f = own;
    }
    const Activation other = f == Activation::Relu ? Activation::Sigmoid : Activation::Relu;

    // The selected layer's weighted sums as shown (mid-sweep too), if the trace reaches it.
    const Eigen::VectorXf* zs = nullptr;
    if (sel.layer >= 1 && size_t(sel.layer - 1) < snap.sweep.shown.z.size() && !softmaxNote)
        zs = &snap.sweep.shown.z[size_t(sel.layer - 1)];
    const bool haveZ = zs && sel.neuron >= 0 && sel.neuron < zs->size();
    const float z = haveZ ? (*zs)[sel.neuron] : NAN;

    ImGui::TextUnformatted(formulaOf(f));
    char note[48];
    std::snprintf(note, sizeof note, "(faint: %s)", nameOf(other));
    // The note only where it fits beside the formula: a line of its own would squash the plot.
    const bool noteFits = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - 16 >
                          ImGui::CalcTextSize(note).x;
    if (noteFits) {
        ImGui::SameLine(0, 16);
        ImGui::TextDisabled("%s", note);
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The network's hidden neurons squash their weighted sum z with this function.\n"
            "Press A (or the activation switch) to swap sigmoid and ReLU.");

    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y -= lineH;
    if (size.x < 60 || size.y < 40) return;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##plot", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);

    // Ranges: z over [−8, 8], widened to keep the selected neuron's z in view.
    const float X = std::max(8.0f, haveZ ? std::fabs(z) * 1.15f : 0.0f);
    const float yLo = f == Activation::Relu ? -0.08f * X : -0.15f;
    const float yHi = f == Activation::Relu ? X : 1.15f;
    const float pad = 6.0f;
    auto toScreen = [&](float zx, float y) {
        return ImVec2(p0.x + pad + (zx + X) / (2 * X) * (size.x - 2 * pad),
                      p1.y - pad - (y - yLo) / (yHi - yLo) * (size.y - 2 * pad));
    };

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(18, 18, 22, 255));
    dl->PushClipRect(p0, p1, true);
    char buf[32];
    const float sx = niceStep(X);
    for (float g = sx; g <= X; g += sx)
        for (float gx : {-g, g}) {
            dl->AddLine(toScreen(gx, yLo), toScreen(gx, yHi), kGrid);
            std::snprintf(buf, sizeof buf, "%g", double(gx));
            const ImVec2 t = toScreen(gx, 0);
            dl->AddText(ImVec2(t.x + 2, t.y + 1), kAxis, buf);
        }
    const float sy = f == Activation::Relu ? niceStep(yHi) : 0.5f;
    for (float g = sy; g <= yHi; g += sy) {
        dl->AddLine(toScreen(-X, g), toScreen(X, g), kGrid);
        std::snprintf(buf, sizeof buf, "%g", double(g));
        const ImVec2 t = toScreen(0, g);
        dl->AddText(ImVec2(t.x + 3, t.y - ImGui::GetTextLineHeight()), kAxis, buf);
    }
    dl->AddLine(toScreen(-X, 0), toScreen(X, 0), kAxis);
    dl->AddLine(toScreen(0, yLo), toScreen(0, yHi), kAxis);
    dl->AddText(ImVec2(p1.x - pad - ImGui::CalcTextSize("z").x, toScreen(0, 0).y - lineH), kAxis,
                "z");

    // Curves: the comparison one faint, the active one bright.
    constexpr int kSamples = 240;
    ImVec2 pts[kSamples + 1];
    for (Activation g : {other, f}) {
        for (int i = 0; i <= kSamples; ++i) {
            const float zx = -X + 2 * X * float(i) / float(kSamples);
            pts[i] = toScreen(zx, activate(g, zx));
        }
        dl->AddPolyline(pts, kSamples + 1, g == f ? kCurve : kCurveFaint, 0, g == f ? 2.5f : 1.5f);
    }

    // Every neuron of the selected layer on the curve; the selected one marked with its z and a.
    if (zs)
        for (Eigen::Index j = 0; j < zs->size(); ++j)
            if (j != sel.neuron)
                dl->AddCircleFilled(toScreen((*zs)[j], activate(f, (*zs)[j])), 3.5f, kDot);
    if (haveZ) {
        const float a = activate(f, z);
        const ImVec2 pz = toScreen(z, a);
        const ImVec2 base = toScreen(z, 0), axis = toScreen(0, a);
        dl->AddLine(base, pz, kSelectColor, 1.5f);
        dl->AddLine(axis, pz, kSelectColor, 1.0f);
        dl->AddCircleFilled(pz, 6.0f, kSelectColor);
        dl->AddCircle(pz, 6.0f, IM_COL32(0, 0, 0, 255));
        // One label, boxed, beside the point on the side with room.
        std::snprintf(buf, sizeof buf, "z = %.2f, a = %.3f", double(z), double(a));
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        float tx = z > 0 ? pz.x - ts.x - 12 : pz.x + 12;
        tx = std::clamp(tx, p0.x + pad, p1.x - pad - ts.x);
        float ty = pz.y - ts.y - 10;
        if (ty < p0.y + pad) ty = pz.y + 10;
        dl->AddRectFilled(ImVec2(tx - 3, ty - 1), ImVec2(tx + ts.x + 3, ty + ts.y + 1),
                          IM_COL32(18, 18, 22, 230));
        dl->AddText(ImVec2(tx, ty), kSelectColor, buf);
    }
    dl->PopClipRect();
    dl->AddRect(p0, p1, kFrameColor);

    if (hovered) {
        const float mz = -X + (ImGui::GetIO().MousePos.x - p0.x - pad) / (size.x - 2 * pad) * 2 * X;
        ImGui::SetTooltip(
            "z = %.2f\n%s(z) = %.3f\n%s(z) = %.3f\n(dots: every neuron of the selected layer)",
            double(mz), nameOf(f), double(activate(f, mz)), nameOf(other),
            double(activate(other, mz)));
    }

    if (softmaxNote)
        ImGui::TextDisabled("Outputs: softmax, no single curve.");
    else if (haveZ) {
        // Shorter forms for narrow columns, so the line is never cut.
        char line[64];
        const float width = ImGui::GetContentRegionAvail().x;
        std::snprintf(line, sizeof line, "selected: z = %.3f → a = %.3f", double(z),
                      double(activate(f, z)));
        if (ImGui::CalcTextSize(line).x > width)
            std::snprintf(line, sizeof line, "z = %.2f → a = %.3f", double(z),
                          double(activate(f, z)));
        ImGui::TextUnformatted(line);
    } else
        ImGui::TextDisabled("Select a neuron to mark its z.");
}

} // namespace nnviz::gui
