// ZoomBadge: see zoom_badge.hpp.
#include "app/gui/window/zoom_badge.hpp"

#include <imgui.h>

#include <cmath>

namespace nnviz::gui {

void ZoomBadge::draw(double now) const
{
    if (!showing(now)) return;
    const ImGuiViewport* view = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(
        ImVec2(view->WorkPos.x + view->WorkSize.x * 0.5f, view->WorkPos.y + fs * 3),
        ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.92f); // the theme's window background is transparent
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs, fs * 0.5f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoNav |
                                   ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin("##zoom", nullptr, flags)) {
        ImGui::Text("Zoom %d %%", int(std::lround(m_zoom * 100)));
        if (std::lround(m_zoom * 100) != 100) {
            ImGui::SameLine(0, fs);
            ImGui::TextDisabled("Ctrl 0: 100 %%");
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

} // namespace nnviz::gui
