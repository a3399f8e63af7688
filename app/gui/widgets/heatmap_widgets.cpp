// Heatmap widgets shared by the panels: see heatmap_widgets.hpp.
#include "app/gui/widgets/heatmap_widgets.hpp"

#include "app/gui/widgets/colors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {

namespace {

ImU32 toU32(const Rgba& c)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

} // namespace

HeatmapItem heatmapImage(const char* id, ImTextureID tex, ImVec2 size, ImVec2 uv0, ImVec2 uv1,
                         int pixW, int pixH, bool selected)
{
    HeatmapItem item;
    size.x = std::max(size.x, 1.0f);
    size.y = std::max(size.y, 1.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    item.clicked = ImGui::InvisibleButton(id, size);
    item.hovered = ImGui::IsItemHovered();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    // A grid of maps may split the draw list in two (ChannelsSplit(2), drawing on channel 1):
    // the images then go to channel 0 and batch into one draw call instead of alternating with
    // the frames and labels (a software renderer pays per call).
    const int channel = dl->_Splitter._Current;
    if (dl->_Splitter._Count >= 2) dl->ChannelsSetCurrent(0);
    dl->AddImage(tex, p0, p1, uv0, uv1);
    if (dl->_Splitter._Count >= 2) dl->ChannelsSetCurrent(channel);
    dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1),
                selected ? kSelectColor : kFrameColor, 0.0f, 0, selected ? 2.5f : 1.0f);

    if (item.hovered && pixW > 0 && pixH > 0) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        item.px = std::clamp(int((m.x - p0.x) / size.x * float(pixW)), 0, pixW - 1);
        item.py = std::clamp(int((m.y - p0.y) / size.y * float(pixH)), 0, pixH - 1);
        const float cw = size.x / float(pixW), ch = size.y / float(pixH);
        if (cw >= 3 && ch >= 3) {
            const ImVec2 c0(p0.x + float(item.px) * cw, p0.y + float(item.py) * ch);
            dl->AddRect(c0, ImVec2(c0.x + cw, c0.y + ch), kHoverColor);
        }
    }
    return item;
}

int signedCellStrip(const char* id, std::span<const float> values, float scale, ImVec2 size,
                    int selectedCell)
{
    const int n = int(values.size());
    if (n == 0) return -1;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cw = size.x / float(n);
    int hoveredCell = -1;
    if (hovered) hoveredCell = std::clamp(int((ImGui::GetIO().MousePos.x - p0.x) / cw), 0, n - 1);
    for (int i = 0; i < n; ++i) {
        const ImVec2 c0(p0.x + float(i) * cw, p0.y);
        const ImVec2 c1(c0.x + cw, p0.y + size.y);
        dl->AddRectFilled(c0, c1, toU32(signedColor(values[size_t(i)], scale)));
        dl->AddRect(c0, c1, IM_COL32(0, 0, 0, 255));
    }
    auto outline = [&](int i, ImU32 col, float t) {
        const ImVec2 c0(p0.x + float(i) * cw, p0.y);
        dl->AddRect(c0, ImVec2(c0.x + cw, p0.y + size.y), col, 0.0f, 0, t);
    };
    if (selectedCell >= 0 && selectedCell < n) outline(selectedCell, kSelectColor, 2.0f);
    if (hoveredCell >= 0) outline(hoveredCell, kHoverColor, 1.0f);
    return hoveredCell;
}

void signedLegend(float scale, float width, const char* what, const char* scaleText)
{
    char lo[32], hi[32];
    if (scaleText) {
        std::snprintf(lo, sizeof lo, "-%s", scaleText);
        std::snprintf(hi, sizeof hi, "+%s", scaleText);
    } else { // 0.64, 42.9, 192: short enough for the legend under a small map
        char number[24];
        shortNumber(scale, number, sizeof number);
        std::snprintf(lo, sizeof lo, "-%s", number);
        std::snprintf(hi, sizeof hi, "+%s", number);
    }
    // Both ends' widths: "+" is wider than "-", and the legend must not outgrow `width`.
    const float textW = ImGui::CalcTextSize(lo).x + ImGui::CalcTextSize(hi).x;
    const float barW = std::max(width - textW - 2 * ImGui::GetStyle().ItemSpacing.x, 30.0f);
    const float barH = ImGui::GetTextLineHeight();

    ImGui::TextUnformatted(lo);
    ImGui::SameLine();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(barW, barH));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int steps = 32;
    for (int i = 0; i < steps; ++i) {
        const float v = (float(i) + 0.5f) / float(steps) * 2.0f - 1.0f;
        const float x0 = p0.x + barW * float(i) / float(steps);
        const float x1 = p0.x + barW * float(i + 1) / float(steps);
        dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1 + 0.5f, p0.y + barH),
                          toU32(signedColor(v, 1.0f)));
    }
    dl->AddLine(ImVec2(p0.x + barW * 0.5f, p0.y), ImVec2(p0.x + barW * 0.5f, p0.y + barH),
                IM_COL32(200, 200, 200, 160));
    ImGui::SameLine();
    ImGui::TextUnformatted(hi);
    if (hovered) {
        ImGui::BeginTooltip();
        ImGui::Text("Colour of a %s on a symmetric scale [%s, %s]:", what, lo, hi);
        ImGui::TextColored(ImVec4(kPositive.r, kPositive.g, kPositive.b, 1), "  green = positive");
        ImGui::TextColored(ImVec4(kNegative.r, kNegative.g, kNegative.b, 1), "  red = negative");
        ImGui::TextUnformatted("  dark = near zero; the brighter, the larger |value|.");
        ImGui::TextUnformatted("Values beyond the scale are drawn at full colour.");
        ImGui::EndTooltip();
    }
}

bool sameLineIfFits(const char* text, float spacing, float extra)
{
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float width = ImGui::CalcTextSize(text, nullptr, true).x + extra;
    if (ImGui::GetItemRectMax().x + spacing + width > right) return false;
    ImGui::SameLine(0, spacing);
    return true;
}

const char* shortNumber(float v, char* buf, int bufSize)
{
    const float a = std::fabs(v);
    std::snprintf(buf, size_t(bufSize), a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", double(v));
    return buf;
}

} // namespace nnviz::gui
