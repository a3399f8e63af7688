// LegendPanel: see legend_panel.hpp. Swatches are drawn with the same colours as the views.
#include "app/gui/panels/legend_panel.hpp"

#include "app/gui/widgets/colors.hpp"

#include <imgui.h>

namespace nnviz::gui {
namespace {

void swatch(const Rgba& c, bool disc = false)
{
    const float s = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
    if (disc)
        dl->AddCircleFilled(ImVec2(p.x + s * 0.5f, p.y + s * 0.5f), s * 0.42f, col, 20);
    else
        dl->AddRectFilled(ImVec2(p.x, p.y + s * 0.2f), ImVec2(p.x + s, p.y + s * 0.8f), col);
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
}

void ring(ImU32 col)
{
    const float s = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircle(ImVec2(p.x + s * 0.5f, p.y + s * 0.5f), s * 0.38f, col,
                                          20, 2.5f);
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
}

} // namespace

void LegendPanel::draw()
{
    ImGui::PushTextWrapPos(0);
    swatch(kPositive);
    ImGui::TextUnformatted("positive weight (or w·a): pushes the next neuron up");
    swatch(kNegative);
    ImGui::TextUnformatted("negative: pushes it down");
    swatch(kZero);
    ImGui::TextUnformatted("near zero: dim. Brighter and thicker = larger |w|");
    swatch(activationColor(0.0f), true);
    ImGui::SameLine(0, 0);
    swatch(activationColor(0.5f), true);
    ImGui::SameLine(0, 0);
    swatch(activationColor(1.0f), true);
    ImGui::TextUnformatted("activation 0 → 1 (ReLU: relative to the layer's largest)");
    ring(ImGui::ColorConvertFloat4ToU32(ImVec4(kPositive.r, kPositive.g, kPositive.b, 1)));
    ImGui::TextUnformatted("the answer");
    ring(IM_COL32(77, 191, 255, 255));
    ImGui::TextUnformatted("selected neuron (weight maps)");
    ring(IM_COL32(255, 204, 64, 255));
    ImGui::TextUnformatted("hovered / layer being computed");
    ImGui::Spacing();
    ImGui::TextDisabled("Keys: A toggles sigmoid/ReLU, C clears the pad. Hover any neuron for "
                        "its weighted sum and formula; click it to see its weights.");
    ImGui::PopTextWrapPos();
}

} // namespace nnviz::gui
