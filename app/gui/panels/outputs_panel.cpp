// OutputsPanel: see outputs_panel.hpp. Bars are drawn with the draw list (one per output).
#include "app/gui/panels/outputs_panel.hpp"

#include "app/gui/widgets/colors.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {

namespace {

// A row's height in font sizes: smallest still readable (its bar 0.7 of it, a little air
// between bars), and tallest before the bars look swollen. Rows share the room in between.
constexpr float kMinRow = 1.2f, kMaxRow = 2.8f;
constexpr float kHeadline = 3.0f; // the answer's large type, in font sizes

ImU32 green()
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(kPositive.r, kPositive.g, kPositive.b, 1));
}

// The headline: the answer in large type, or what to do to get one.
void drawHeadline(const Snapshot& snap, bool probabilities)
{
    const float fs = ImGui::GetFontSize();
    if (!snap.answerShown()) { // no ink (or the sweep has not arrived): no answer
        ImGui::TextDisabled(snap.input.ink ? "Reading..." : "Draw %s: the network's",
                            snap.drawingNoun());
        ImGui::TextDisabled(snap.input.ink ? "" : "answer appears here.");
        ImGui::Dummy(ImVec2(fs, fs * kHeadline - 2 * ImGui::GetTextLineHeightWithSpacing()));
        return;
    }
    ImFont* font = ImGui::GetFont();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string big = snap.className(snap.output.answer);
    // A digit in large type; a long class name ("Ankle boot") smaller, so the line fits.
    const float room =
        ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("the network says").x - fs * 0.6f;
    const float wide = font->CalcTextSizeA(fs * 3.0f, 1e9f, 0, big.c_str()).x;
    const float size = std::max(fs, fs * 3.0f * std::min(1.0f, room / std::max(wide, 1.0f)));
    dl->AddText(font, size, ImVec2(p.x, p.y + (fs * 3.0f - size) * 0.5f), green(), big.c_str());
    const float textX =
        p.x + std::max(fs * 2.4f, font->CalcTextSizeA(size, 1e9f, 0, big.c_str()).x + fs * 0.6f);
    char line[64];
    std::snprintf(line, sizeof line, probabilities ? "%.0f%% sure" : "output %.2f",
                  double(probabilities ? snap.output.confidence * 100 : snap.output.confidence));
    dl->AddText(font, fs, ImVec2(textX, p.y + fs * 0.3f), ImGui::GetColorU32(ImGuiCol_Text),
                "the network says");
    dl->AddText(font, fs, ImVec2(textX, p.y + fs * 1.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                line);
    ImGui::Dummy(ImVec2(fs * 3.0f, fs * kHeadline));
}

} // namespace

float OutputsPanel::minHeight(int outputs)
{
    // The headline, its spacing and Spacing(), then the rows (no spacing between them).
    const float fs = ImGui::GetFontSize();
    return fs * kHeadline + 2 * ImGui::GetStyle().ItemSpacing.y + float(outputs) * fs * kMinRow;
}

void OutputsPanel::draw(const Snapshot& snap, UiRequests& req)
{
    if (!snap.model.net || snap.output.trace.a.empty()) return;
    const Eigen::VectorXf& out = snap.output.trace.output();
    const int n = int(out.size());
    const bool probabilities = snap.model.net->output == Activation::Softmax;
    const bool empty = !snap.answerShown();
    drawHeadline(snap, probabilities);
    ImGui::Spacing();

    // The rows share the height left, touching (the bars' margins keep them apart).
    const float fs = ImGui::GetFontSize();
    const float rowH = std::floor(std::clamp(
        ImGui::GetContentRegionAvail().y / float(std::max(n, 1)), fs * kMinRow, fs * kMaxRow));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    char buf[32];
    float nameW = 0; // the widest class name
    for (int d = 0; d < n; ++d)
        nameW = std::max(nameW, ImGui::CalcTextSize(snap.className(d).c_str()).x);
    const float width = ImGui::GetContentRegionAvail().x;
    const float labelW = nameW + fs * 0.6f, valueW = fs * 3.0f;
    const float barW = std::max(10.0f, width - labelW - valueW);
    const float maxValue =
        probabilities ? 1.0f
                      : std::max(1.0f, out[snap.output.answer >= 0 ? snap.output.answer : 0]);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int d = 0; d < n; ++d) {
        ImGui::PushID(d);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton("bar", ImVec2(width, rowH));
        const bool answer = d == snap.output.answer && !empty;
        const ImU32 text = answer ? green() : ImGui::GetColorU32(ImGuiCol_Text);
        dl->AddText(ImVec2(p.x, p.y + (rowH - fs) * 0.5f), text, snap.className(d).c_str());
        const ImVec2 b0(p.x + labelW, p.y + rowH * 0.15f);
        const ImVec2 b1(b0.x + barW, p.y + rowH * 0.85f);
        dl->AddRectFilled(b0, b1, ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
        const float t = std::clamp(out[d] / maxValue, 0.0f, 1.0f);
        if (t > 0)
            dl->AddRectFilled(b0, ImVec2(b0.x + barW * t, b1.y),
                              answer ? green() : IM_COL32(150, 155, 170, 255), 3.0f);
        std::snprintf(buf, sizeof buf, "%.3f", double(out[d]));
        dl->AddText(ImVec2(b1.x + fs * 0.3f, p.y + (rowH - fs) * 0.5f),
                    answer ? text : ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Output neuron %d (%s): %s = %.4f\nClick to select it.", d,
                              snap.className(d).c_str(),
                              probabilities ? "probability" : "activation", double(out[d]));
            req.hover = NeuronRef{snap.model.net->layerCount(), d};
        }
        if (ImGui::IsItemClicked()) req.select = NeuronRef{snap.model.net->layerCount(), d};
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
}

} // namespace nnviz::gui
