// Small ImGui widgets shared by the weight, matrix and plot panels: a clickable heatmap image
// with a hovered-pixel readout, a cell strip for short weight vectors, and the colour legend.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <span>

namespace nnviz::gui {

// Selection outline and hover marks, shared by the panels so "selected" looks the same everywhere.
inline constexpr ImU32 kSelectColor = IM_COL32(255, 205, 60, 255);
inline constexpr ImU32 kHoverColor = IM_COL32(255, 255, 255, 200);
inline constexpr ImU32 kFrameColor = IM_COL32(90, 90, 100, 255);

struct HeatmapItem {
    bool clicked = false;
    bool hovered = false;
    int px = -1, py = -1; // hovered pixel of the (pixW × pixH) image, −1 when not hovered
};

// An image (uv0..uv1 of tex, pixW × pixH pixels) as a button of the given size at the cursor:
// framed, outlined when selected, the hovered pixel marked.
HeatmapItem heatmapImage(const char* id, ImTextureID tex, ImVec2 size, ImVec2 uv0, ImVec2 uv1,
                         int pixW, int pixH, bool selected);

// A row of cells, one per value, coloured with signedColor on ±scale. Returns the hovered cell
// (−1 if none); the caller adds its tooltip.
int signedCellStrip(const char* id, std::span<const float> values, float scale, ImVec2 size,
                    int selectedCell = -1);

// The red — dark — green bar with its end values, and a tooltip explaining the colours.
// `what` names the quantity ("weight", "w·a"); `scaleText` replaces the printed scale (e.g.
// "max|w|" when every map has its own).
void signedLegend(float scale, float width, const char* what, const char* scaleText = nullptr);

// SameLine(0, spacing) when `text` (its visible part, before any "##"), plus `extra` pixels of
// the widget around it (a radio button's circle), fits after the last item on its line, else
// nothing: it then starts a line of its own. Returns whether it stays on the line.
bool sameLineIfFits(const char* text, float spacing, float extra = 0);

// "0.12" / "42.9" / "192": 3 significant-ish digits, for legends and labels under small maps.
const char* shortNumber(float v, char* buf, int bufSize);

} // namespace nnviz::gui
