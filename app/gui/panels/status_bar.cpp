// StatusBar: see status_bar.hpp.
#include "app/gui/panels/status_bar.hpp"

#include "app/gui/widgets/format.hpp"

#include <imgui.h>

#include <string>

namespace nnviz::gui {
namespace {

// 13002 → "13,002"
std::string grouped(long long n)
{
    const std::string digits = std::to_string(n);
    std::string s;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
        s.push_back(digits[i]);
    }
    return s;
}

} // namespace

void StatusBar::draw(const Snapshot& snap)
{
    if (!snap.model.net) return;
    const Network& net = *snap.model.net;
    std::string arch;
    for (size_t i = 0; i < net.sizes.size(); ++i) {
        if (i > 0) arch.push_back('-');
        arch.append(std::to_string(net.sizes[i]));
    }
    ImGui::Text("model: %s", snap.model.name.c_str());
    if (!snap.model.message.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", snap.model.message.c_str());
    if (snap.model.untrained) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "(untrained)");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", snap.model.message.c_str());
    }
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("%s", arch.c_str());
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("hidden: %s", activationText(net.hidden).name);
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("parameters: %s", grouped(net.parameterCount()).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("784·16 + 16 + 16·16 + 16 + 16·10 + 10 weights and biases");
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextDisabled(
        "A: toggle activation   C: clear   T: train / stop   hover a neuron for its formula");
    const float fpsW = ImGui::CalcTextSize("000.0 fps").x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - fpsW));
    ImGui::Text("%.1f fps", double(ImGui::GetIO().Framerate));
}

} // namespace nnviz::gui
