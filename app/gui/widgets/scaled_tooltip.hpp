// A tooltip in the type size of the window it belongs to. ImGui draws a tooltip in the font's own
// size whatever the hovered window's SetWindowFontScale; presentation mode rasterises the font
// large (the caption's size) and draws the network view's labels smaller, where a neuron's
// tooltip at the caption's size covered half the screen.
#pragma once

#include <imgui.h>

namespace nnviz::gui {

// BeginTooltip() with the calling window's type size; ends with ImGui::EndTooltip() as usual.
inline void beginScaledTooltip()
{
    const float size = ImGui::GetFontSize(); // the hovered window's, with its scale
    ImGui::BeginTooltip();
    ImGui::SetWindowFontScale(size / ImGui::GetFont()->FontSize);
}

} // namespace nnviz::gui
