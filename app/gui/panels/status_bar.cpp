// StatusBar: see status_bar.hpp.
#include "app/gui/panels/status_bar.hpp"

#include "app/gui/widgets/format.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace nnviz::gui {

void StatusBar::draw(const Snapshot& snap)
{
    if (!snap.model.net) return;
    const Network& net = *snap.model.net;
    ImGui::Text("model: %s", snap.model.name.c_str());
    if (!snap.model.message.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", snap.model.message.c_str());
    if (snap.model.untrained) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "(untrained)");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", snap.model.message.c_str());
    }
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("%s", architectureText(net.sizes, "-").c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Neurons per layer: %d inputs, %d hidden layer%s, %d outputs",
                          net.inputSize(), net.layerCount() - 1, net.layerCount() == 2 ? "" : "s",
                          net.outputSize());
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("data: %s", net.dataset == DatasetKind::Fashion ? "Fashion-MNIST" : "MNIST");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Trained on %s: its outputs are %s.",
                          net.dataset == DatasetKind::Fashion ? "Fashion-MNIST" : "MNIST",
                          net.dataset == DatasetKind::Fashion ? "ten kinds of clothing"
                                                              : "the digits 0 to 9");
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("hidden: %s", activationText(net.hidden).name);
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::Text("parameters: %s", withThousands(net.parameterCount()).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s weights and biases", parameterFormula(net).c_str());
    // The keys, as much of them as fits before the frame rate.
    const float fpsW = ImGui::CalcTextSize("000.0 fps").x;
    const float gap = ImGui::GetFontSize() * 2;
    const float room = ImGui::GetWindowContentRegionMax().x - fpsW - gap -
                       (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x) - gap;
    const bool bp = snap.backprop.shown; // 0-9 choose the Backprop tab's target
    // The longest that fits, the zoom keys dropped before the others are shortened.
    const char* const surgeryKeys[] = {
        "A: toggle activation   C: clear   K: kill   R: restore   Z: undo   Y: redo   click a "
        "neuron to select it   Ctrl +/−: zoom",
        "A: toggle activation   C: clear   K: kill   R: restore   Z: undo   Y: redo   click a "
        "neuron to select it",
        "A: toggle activation   C: clear   K: kill   R: restore   Z: undo   Y: redo",
        "A  C  K  R  Z  Y"};
    const char* const backpropKeys[] = {
        "A: toggle activation   C: clear   T: train / stop   0-9: target   hover a neuron for its "
        "chain rule   Ctrl +/−: zoom",
        "A: toggle activation   C: clear   T: train / stop   0-9: target   hover a neuron for its "
        "chain rule",
        "A: toggle activation   C: clear   T: train / stop   0-9: target", "A  C  T  0-9"};
    const char* const plainKeys[] = {
        "A: toggle activation   C: clear   T: train / stop   hover a neuron for its formula   "
        "Ctrl +/−: zoom",
        "A: toggle activation   C: clear   T: train / stop   hover a neuron for its formula",
        "A: toggle activation   C: clear   T: train / stop", "A  C  T"};
    // K R Z Y act on the Surgery tab's selected neuron and edits while it shows.
    const char* const* choices = snap.surgery.shown ? surgeryKeys : bp ? backpropKeys : plainKeys;
    for (int i = 0; i < 4; ++i)
        if (const char* keys = choices[i]; ImGui::CalcTextSize(keys).x <= room) {
            ImGui::SameLine(0, gap);
            ImGui::TextDisabled("%s", keys);
            break;
        }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - fpsW));
    ImGui::Text("%.1f fps", double(ImGui::GetIO().Framerate));
}

} // namespace nnviz::gui
