// Activation plot panel: see activation_plot_panel.hpp.
#include "app/gui/panels/activation_plot_panel.hpp"

#include "app/gui/widgets/format.hpp"
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

// What the plot shows: the selected neuron's function (the hidden one when that is softmax,
// which is not element-wise), the other for comparison, and the selected layer's sums.
struct PlotSubject {
    Activation f = Activation::Sigmoid;
    Activation other = Activation::Relu;
    bool softmax = false;                // the selection is a softmax output
    const Eigen::VectorXf* zs = nullptr; // the selected layer's z as shown (mid-sweep too)
    int selected = -1;                   // index into zs, −1 when the trace does not reach it
    float z = NAN;                       // the selected neuron's z
};

PlotSubject subjectOf(const Snapshot& snap)
{
    const Network& net = *snap.model.net;
    const NeuronRef sel = snap.view.selected;
    PlotSubject s;
    s.f = net.hidden;
    if (sel.layer >= 1 && sel.layer <= net.layerCount()) {
        const Activation own = net.activationOf(sel.layer - 1);
        s.softmax = own == Activation::Softmax;
        if (!s.softmax) s.f = own;
    }
    s.other = s.f == Activation::Relu ? Activation::Sigmoid : Activation::Relu;
    if (sel.layer >= 1 && size_t(sel.layer - 1) < snap.sweep.shown.z.size() && !s.softmax)
        s.zs = &snap.sweep.shown.z[size_t(sel.layer - 1)];
    if (s.zs && sel.neuron >= 0 && sel.neuron < s.zs->size()) {
        s.selected = sel.neuron;
        s.z = (*s.zs)[sel.neuron];
    }
    return s;
}

// A grid step giving roughly 4–8 lines over [0, range].
float niceStep(float range)
{
    for (float s : {0.25f, 0.5f, 1.0f, 2.0f, 5.0f, 10.0f, 20.0f, 50.0f})
        if (range / s <= 5.0f) return s;
    return 100.0f;
}

// The plot's rectangle p0..p1 and its ranges: z over [−X, X], a over [yLo, yHi].
struct Axes {
    ImVec2 p0, p1;
    float X = 8, yLo = 0, yHi = 1;
    static constexpr float kPad = 6.0f;
    ImVec2 toScreen(float z, float a) const
    {
        return ImVec2(p0.x + kPad + (z + X) / (2 * X) * (p1.x - p0.x - 2 * kPad),
                      p1.y - kPad - (a - yLo) / (yHi - yLo) * (p1.y - p0.y - 2 * kPad));
    }
    float zAt(float x) const { return -X + (x - p0.x - kPad) / (p1.x - p0.x - 2 * kPad) * 2 * X; }
};

void drawGrid(ImDrawList* dl, const Axes& ax, Activation f)
{
    char buf[32];
    const float sx = niceStep(ax.X);
    for (float g = sx; g <= ax.X; g += sx)
        for (float gx : {-g, g}) {
            dl->AddLine(ax.toScreen(gx, ax.yLo), ax.toScreen(gx, ax.yHi), kGrid);
            std::snprintf(buf, sizeof buf, "%g", double(gx));
            const ImVec2 t = ax.toScreen(gx, 0);
            dl->AddText(ImVec2(t.x + 2, t.y + 1), kAxis, buf);
        }
    const float sy = f == Activation::Relu ? niceStep(ax.yHi) : 0.5f;
    for (float g = sy; g <= ax.yHi; g += sy) {
        dl->AddLine(ax.toScreen(-ax.X, g), ax.toScreen(ax.X, g), kGrid);
        std::snprintf(buf, sizeof buf, "%g", double(g));
        const ImVec2 t = ax.toScreen(0, g);
        dl->AddText(ImVec2(t.x + 3, t.y - ImGui::GetTextLineHeight()), kAxis, buf);
    }
    dl->AddLine(ax.toScreen(-ax.X, 0), ax.toScreen(ax.X, 0), kAxis);
    dl->AddLine(ax.toScreen(0, ax.yLo), ax.toScreen(0, ax.yHi), kAxis);
    dl->AddText(ImVec2(ax.p1.x - Axes::kPad - ImGui::CalcTextSize("z").x,
                       ax.toScreen(0, 0).y - ImGui::GetTextLineHeightWithSpacing()),
                kAxis, "z");
}

// The curves (the comparison one faint, the active one bright), every neuron of the selected
// layer as a dot, and the selected one marked with its z and a.
void drawCurves(ImDrawList* dl, const Axes& ax, const PlotSubject& s)
{
    constexpr int kSamples = 240;
    ImVec2 pts[kSamples + 1];
    for (Activation g : {s.other, s.f}) {
        for (int i = 0; i <= kSamples; ++i) {
            const float zx = -ax.X + 2 * ax.X * float(i) / float(kSamples);
            pts[i] = ax.toScreen(zx, activate(g, zx));
        }
        dl->AddPolyline(pts, kSamples + 1, g == s.f ? kCurve : kCurveFaint, 0,
                        g == s.f ? 2.5f : 1.5f);
    }
    if (s.zs)
        for (Eigen::Index j = 0; j < s.zs->size(); ++j)
            if (j != s.selected)
                dl->AddCircleFilled(ax.toScreen((*s.zs)[j], activate(s.f, (*s.zs)[j])), 3.5f, kDot);
    if (s.selected < 0) return;
    const float a = activate(s.f, s.z);
    const ImVec2 pz = ax.toScreen(s.z, a);
    dl->AddLine(ax.toScreen(s.z, 0), pz, kSelectColor, 1.5f);
    dl->AddLine(ax.toScreen(0, a), pz, kSelectColor, 1.0f);
    dl->AddCircleFilled(pz, 6.0f, kSelectColor);
    dl->AddCircle(pz, 6.0f, IM_COL32(0, 0, 0, 255));
    // One label, boxed, beside the point on the side with room.
    char buf[48];
    std::snprintf(buf, sizeof buf, "z = %.2f, a = %.3f", double(s.z), double(a));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    float tx = s.z > 0 ? pz.x - ts.x - 12 : pz.x + 12;
    tx = std::clamp(tx, ax.p0.x + Axes::kPad, ax.p1.x - Axes::kPad - ts.x);
    float ty = pz.y - ts.y - 10;
    if (ty < ax.p0.y + Axes::kPad) ty = pz.y + 10;
    dl->AddRectFilled(ImVec2(tx - 3, ty - 1), ImVec2(tx + ts.x + 3, ty + ts.y + 1),
                      IM_COL32(18, 18, 22, 230));
    dl->AddText(ImVec2(tx, ty), kSelectColor, buf);
}

// The first of the texts that fits the panel's width (the last one if none does), so a line
// is shortened rather than cut in a narrow column.
void fittedText(bool disabled, std::initializer_list<const char*> texts)
{
    const float width = ImGui::GetContentRegionAvail().x;
    const char* pick = nullptr;
    for (const char* t : texts) {
        pick = t;
        if (ImGui::CalcTextSize(t).x <= width) break;
    }
    if (disabled)
        ImGui::TextDisabled("%s", pick);
    else
        ImGui::TextUnformatted(pick);
}

// The line under the plot: the selected neuron's z → a, or why there is no single curve.
void drawCaption(const PlotSubject& s)
{
    char full[96], shorter[96];
    if (s.softmax) {
        const ActivationText t = activationText(Activation::Softmax);
        std::snprintf(full, sizeof full, "selected output: a = %s", t.neuron);
        std::snprintf(shorter, sizeof shorter, "output: a = %s", t.neuron);
        fittedText(true, {full, shorter, "output: softmax, no curve"});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\nEach output depends on every output's z: no single curve.\n"
                              "The plot shows the hidden layers' function.",
                              t.formula);
    } else if (s.selected >= 0) {
        const double z = s.z, a = activate(s.f, s.z);
        std::snprintf(full, sizeof full, "selected: z = %.3f → a = %.3f", z, a);
        std::snprintf(shorter, sizeof shorter, "z = %.2f → a = %.3f", z, a);
        fittedText(false, {full, shorter});
    } else {
        ImGui::TextDisabled("Select a neuron to mark its z.");
    }
}

} // namespace

void ActivationPlotPanel::draw(const Snapshot& snap, UiRequests& req)
{
    (void)req;
    if (!snap.model.net || snap.model.net->layerCount() < 1) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    const PlotSubject s = subjectOf(snap);
    ImGui::TextUnformatted(activationText(s.f).formula);
    char note[48];
    std::snprintf(note, sizeof note, "(faint: %s)", activationText(s.other).name);
    // The note only where it fits beside the formula: a line of its own would squash the plot.
    if (sameLineIfFits(note, 16)) ImGui::TextDisabled("%s", note);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The network's hidden neurons squash their weighted sum z with this function.\n"
            "Press A (or the activation switch) to swap sigmoid and ReLU.");

    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y -= ImGui::GetTextLineHeightWithSpacing();
    if (size.x < 60 || size.y < 40) return;
    Axes ax;
    ax.p0 = ImGui::GetCursorScreenPos();
    ax.p1 = ImVec2(ax.p0.x + size.x, ax.p0.y + size.y);
    ImGui::InvisibleButton("##plot", size);
    // Ranges: z over [−8, 8], widened to keep the selected neuron's z in view.
    ax.X = std::max(8.0f, s.selected >= 0 ? std::fabs(s.z) * 1.15f : 0.0f);
    ax.yLo = s.f == Activation::Relu ? -0.08f * ax.X : -0.15f;
    ax.yHi = s.f == Activation::Relu ? ax.X : 1.15f;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ax.p0, ax.p1, IM_COL32(18, 18, 22, 255));
    dl->PushClipRect(ax.p0, ax.p1, true);
    drawGrid(dl, ax, s.f);
    drawCurves(dl, ax, s);
    dl->PopClipRect();
    dl->AddRect(ax.p0, ax.p1, kFrameColor);
    if (ImGui::IsItemHovered()) {
        const float mz = ax.zAt(ImGui::GetIO().MousePos.x);
        ImGui::SetTooltip(
            "z = %.2f\n%s(z) = %.3f\n%s(z) = %.3f\n(dots: every neuron of the selected layer)",
            double(mz), activationText(s.f).symbol, double(activate(s.f, mz)),
            activationText(s.other).symbol, double(activate(s.other, mz)));
    }
    drawCaption(s);
}

} // namespace nnviz::gui
