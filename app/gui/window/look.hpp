// The window's look: a dark theme with rounded corners and a muted accent, and DejaVu Sans in two
// sizes, the larger for big windows (≥ 1300 high, e.g. 2560×1440 on a projector); sizes scale
// with the monitor's content scale.
#pragma once

#include <imgui.h>

namespace nnviz::gui {

// The window's background: the panels' windows are transparent and the frame is cleared to this
// (with a software renderer, not blending a full-screen layer of window backgrounds every frame
// is a large saving).
inline const ImVec4 kWindowBackground(0.075f, 0.078f, 0.095f, 1.0f);

class Look {
  public:
    // Adds the fonts to the current ImGui context's atlas and builds it, and sets the style. No
    // GL: runs on the start-up thread while the GL context is created.
    explicit Look(float scale);
    Look(const Look&) = delete; // the atlas keeps pointers to m_ranges
    Look& operator=(const Look&) = delete;

    // Picks the type size for a window this high (screen coordinates); before NewFrame().
    void fitTo(int windowHeight);
    ImFont* font() const { return m_fonts[m_tier]; }

  private:
    void loadFonts();

    float m_scale;
    ImVector<ImWchar> m_ranges; // the glyphs the panels print
    ImFont* m_fonts[2] = {nullptr, nullptr};
    ImGuiStyle m_styles[2];
    int m_tier = 0; // 0 normal, 1 large
};

// The backend creates the font atlas texture with LINEAR filtering; glyphs are drawn 1:1 on whole
// pixels, where NEAREST looks the same and llvmpipe samples much faster (every ImGui triangle, text
// or not, samples this texture). After the first ImGui_ImplOpenGL3_NewFrame().
void sharpenFontAtlas();

} // namespace nnviz::gui
