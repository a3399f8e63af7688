// The window's look: a dark theme with rounded corners and a muted accent, and DejaVu Sans
// rasterised at the size the interface's scale asks for (ui_scale.hpp), rebuilt when it changes
// so the type stays crisp at any zoom; the style's sizes follow the type.
#pragma once

#include <imgui.h>

#include <vector>

namespace nnviz::gui {

// The window's background: the panels' windows are transparent and the frame is cleared to this
// (with a software renderer, not blending a full-screen layer of window backgrounds every frame
// is a large saving).
inline const ImVec4 kWindowBackground(0.075f, 0.078f, 0.095f, 1.0f);

class Look {
  public:
    // Reads the font file, adds it to the current ImGui context's atlas at fontPixels and builds
    // it, and sets the style to match. No GL: runs on the start-up thread while the GL context is
    // created.
    explicit Look(int pixels);
    Look(const Look&) = delete; // the atlas keeps pointers to m_ranges and m_ttf
    Look& operator=(const Look&) = delete;

    // Rebuilds the atlas with the type at another size, and the style to match. Between frames
    // only (ImGui locks the atlas from NewFrame() to Render()); then uploadFontAtlas().
    void resize(int pixels);
    int fontPixels() const { return m_pixels; }
    ImFont* font() const { return m_font; }

  private:
    void build();

    int m_pixels;
    ImVector<ImWchar> m_ranges; // the glyphs the panels print
    std::vector<char> m_ttf;    // DejaVu Sans, read once; empty: ImGui's built-in font
    ImFont* m_font = nullptr;
};

// The backend creates the font atlas texture with LINEAR filtering; glyphs are drawn 1:1 on whole
// pixels, where NEAREST looks the same and llvmpipe samples much faster (every ImGui triangle, text
// or not, samples this texture); type below 16 px keeps LINEAR minification (see look.cpp).
// After the first ImGui_ImplOpenGL3_NewFrame().
void sharpenFontAtlas();

// After Look::resize() once the window has drawn a frame: replaces the GL texture of the atlas
// (and sharpens it).
void uploadFontAtlas();

} // namespace nnviz::gui
