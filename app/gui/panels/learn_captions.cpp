// LearnPanel::drawCaption: the Learn step as presentation mode's caption band (see
// learn_panel.hpp); the step texts are learn_panel.cpp's.
#include "app/gui/panels/learn_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace nnviz::gui {

float LearnPanel::drawCaption(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    if (!snap.model.net || snap.model.net->layerCount() < 1) return 0;
    pointAtStep(req);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    auto buttonW = [&](const char* label) {
        return ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x;
    };
    // The right column: as wide as Back and Next side by side, or the dots, whichever is wider.
    const float dotsW = ImGui::GetTextLineHeight() * 1.2f * kSteps;
    const float columnW =
        std::max(buttonW("< Back") + buttonW("Next >") + style.ItemSpacing.x, dotsW);
    const float gap = fs * 1.5f;
    const float textW = std::max(fs * 8, ImGui::GetContentRegionAvail().x - columnW - gap);

    ImGui::BeginChild("##caption_text", ImVec2(textW, 0), false);
    // The title a third larger than the text, drawn at that size from the same font.
    char title[128];
    std::snprintf(title, sizeof title, "%d. %s", m_step + 1, stepTitle());
    const float titleSize = fs * 1.35f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), titleSize, at, IM_COL32_WHITE, title);
    ImGui::Dummy(ImVec2(textW * 0.5f, titleSize));
    drawStepText(snap, req);
    const float need = ImGui::GetCursorPosY(); // from the child's top, scrolled or not
    ImGui::EndChild();

    // Bottom-aligned: the band's height follows the steps' text, its bottom stays, and so do
    // Back and Next under a presenter's mouse.
    ImGui::SameLine(0, gap);
    const float columnH =
        ImGui::GetTextLineHeight() + 2 * style.ItemSpacing.y + ImGui::GetFrameHeight();
    ImGui::SetCursorPosY(
        std::max(ImGui::GetCursorPosY(), ImGui::GetContentRegionMax().y - columnH));
    ImGui::BeginGroup();
    drawProgress();
    ImGui::Spacing();
    drawBackNext(widgets);
    ImGui::EndGroup();
    return need;
}

} // namespace nnviz::gui
