// showChainRule: the chain rule's lines (chain_rule.hpp) in the current ImGui window.
#include "app/gui/widgets/chain_rule.hpp"
#include "app/gui/widgets/colors.hpp"

#include <imgui.h>

namespace nnviz::gui {

void showChainRule(const ChainRule& rule, float wrapWidth)
{
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrapWidth);
    for (const ChainRuleLine& l : rule) {
        switch (l.kind) {
        case ChainRuleLine::Kind::Title:
            ImGui::TextUnformatted(l.text.c_str());
            ImGui::Separator();
            break;
        case ChainRuleLine::Kind::Formula:
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", l.text.c_str());
            break;
        case ChainRuleLine::Kind::Warning:
            ImGui::TextColored(ImVec4(kSaturatedRing.r, kSaturatedRing.g, kSaturatedRing.b, 1),
                               "%s", l.text.c_str());
            break;
        case ChainRuleLine::Kind::Note:
            ImGui::TextDisabled("%s", l.text.c_str());
            break;
        case ChainRuleLine::Kind::Value:
            ImGui::TextUnformatted(l.text.c_str());
            break;
        }
    }
    ImGui::PopTextWrapPos();
}

} // namespace nnviz::gui
