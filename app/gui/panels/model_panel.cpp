// ModelPanel: see model_panel.hpp.
#include "app/gui/panels/model_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace nnviz::gui {

float ModelPanel::height()
{
    return ImGui::GetTextLineHeightWithSpacing() * 3 + ImGui::GetFrameHeightWithSpacing() +
           ImGui::GetStyle().ItemSpacing.y;
}

void ModelPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::Separator();
    ImGui::TextUnformatted("Model file");
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "An nnviz model (.nnvz) or NumPy weights (.npz, e.g. from PyTorch: see the\n"
            "README). Open replaces the model of its hidden activation\n"
            "(A swaps to the other one); a file that cannot be read changes nothing.\n"
            "Save writes the shown model (atomically: a failed save keeps the old file),\n"
            "as .npz when the name ends in .npz.");

    // [path.............][v][Open][Save]
    const float buttons = ImGui::CalcTextSize("Open").x + ImGui::CalcTextSize("Save").x +
                          style.FramePadding.x * 4 + style.ItemSpacing.x * 3 +
                          ImGui::GetFrameHeight();
    ImGui::SetNextItemWidth(
        std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - buttons));
    ImGui::InputTextWithHint("##model_path", "path/to/model.nnvz", m_path, sizeof m_path,
                             ImGuiInputTextFlags_AutoSelectAll);
    recordItem(widgets, "model_path");
    ImGui::SameLine(0, 0);
    if (ImGui::BeginCombo("##model_files", nullptr,
                          ImGuiComboFlags_NoPreview | ImGuiComboFlags_PopupAlignLeft)) {
        if (ImGui::IsWindowAppearing()) req.refreshModelFiles = true;
        if (snap.files.models.empty())
            ImGui::TextDisabled("no .nnvz or .npz files in the models directory or here");
        for (const std::filesystem::path& f : snap.files.models) {
            const std::string text = f.string();
            if (ImGui::Selectable(text.c_str()))
                std::snprintf(m_path, sizeof m_path, "%s", text.c_str());
        }
        ImGui::EndCombo();
    }
    recordItem(widgets, "model_files");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Model files found in the bundled models directory and here");

    ImGui::SameLine();
    ImGui::BeginDisabled(snap.training.running);
    if (ImGui::Button("Open")) req.openModel = std::filesystem::path(m_path);
    ImGui::EndDisabled();
    recordItem(widgets, "model_open");
    if (snap.training.running && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Stop the training run first");
    ImGui::SameLine();
    if (ImGui::Button("Save")) req.saveModel = std::filesystem::path(m_path);
    recordItem(widgets, "model_save");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Save the shown model (%s) to this path", snap.model.name.c_str());

    if (!snap.files.message.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(snap.files.failed ? kErrorText : kGoodText, "%s",
                           snap.files.message.c_str());
        ImGui::PopTextWrapPos();
    }
}

} // namespace nnviz::gui
