// Look: see look.hpp.
#include "app/gui/window/look.hpp"

#include "app/gui/window/ui_scale.hpp"

#include <backends/imgui_impl_opengl3.h>

#include <glad/gl.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>

namespace nnviz::gui {
namespace {

ImGuiStyle makeStyle(float scale)
{
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.TabRounding = 3;
    style.WindowBorderSize = 1;
    style.FramePadding = ImVec2(6, 4);
    style.ItemSpacing = ImVec2(8, 6);
    ImVec4* c = style.Colors;
    // Window backgrounds are left to glClear (see kWindowBackground).
    c[ImGuiCol_WindowBg] = ImVec4(kWindowBackground.x, kWindowBackground.y, kWindowBackground.z, 0);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.10f, 0.105f, 0.13f, 0.97f);
    c[ImGuiCol_TitleBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.13f, 0.15f, 0.20f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.22f, 0.24f, 0.30f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.14f, 0.15f, 0.19f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.14f, 0.16f, 0.22f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.22f, 0.32f, 0.50f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.28f, 0.42f, 0.65f, 1.0f);
    style.ScaleAllSizes(scale);
    return style;
}

// Only what the panels print (a font atlas with whole Unicode blocks costs start time).
constexpr ImWchar kExtraGlyphs[] = {
    0x0391, 0x03C9, // Greek: σ Σ
    0x1D62, 0x1D62, // ᵢ
    0x2013, 0x2026, // – … ·
    0x2032, 0x2032, // ′ (f′)
    0x2070, 0x209F, // super/subscripts
    0x2190, 0x2194, // arrows
    0x2202, 0x2202, 0x2211, 0x2212, 0x221A, 0x221A, 0x221E,
    0x221E, 0x2248, 0x2248, 0x2260, 0x2265, 0x2299, 0x2299, // ∂ ∑ − √ ∞ ≈ ≠ ≤ ≥ ⊙
    0x25A0, 0x25A0, 0x25CB, 0x25CB, 0x25CF, 0x25CF,         // ■ ○ ●
    0};

// DejaVu Sans (Debian's fonts-dejavu-core) covers σ, Σ, ᵢ, ·, −, →, ≈ used in the formulas.
constexpr const char* kFontFiles[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                      "/usr/share/fonts/dejavu/DejaVuSans.ttf",
                                      "/usr/local/share/fonts/DejaVuSans.ttf"};

// The first of these that can be read.
std::vector<char> readFontFile()
{
    for (const char* path : kFontFiles) {
        std::ifstream in(path, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
        if (in && !bytes.empty()) return bytes;
    }
    return {};
}

} // namespace

Look::Look(int pixels) : m_pixels(pixels), m_ttf(readFontFile())
{
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    builder.AddRanges(kExtraGlyphs);
    builder.BuildRanges(&m_ranges);
    build();
}

void Look::resize(int pixels)
{
    m_pixels = pixels;
    build();
}

// The atlas with one font at m_pixels (DejaVu Sans, else the built-in font), and the style.
void Look::build()
{
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    ImFontConfig config;
    if (!m_ttf.empty()) {
        // Glyphs rasterised at their on-screen size and placed on whole pixels, so the atlas can
        // be sampled NEAREST (see sharpenFontAtlas): same look, and every ImGui primitive (they
        // all sample the atlas) is cheaper for software GL.
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        config.FontDataOwnedByAtlas = false; // m_ttf, kept for the next rebuild
        m_font = atlas.AddFontFromMemoryTTF(m_ttf.data(), int(m_ttf.size()), float(m_pixels),
                                            &config, m_ranges.Data);
    } else {
        config.SizePixels = float(m_pixels);
        m_font = atlas.AddFontDefault(&config);
    }
    atlas.Build();
    ImGui::GetStyle() = makeStyle(float(m_pixels) / kBaseFontPixels);
}

void sharpenFontAtlas()
{
    const auto tex = GLuint(reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
    if (!tex) return;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, tex);
    // Captions drawn a little smaller than the type (0.9×) lose whole pixel columns under
    // NEAREST once the type itself is small ("p xels" at 12 px): zoomed out, minification is
    // LINEAR (render p50 7.2 → 8.4 ms at 1600×1000 on llvmpipe, so not at the usual sizes).
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const bool smallType = !atlas.Fonts.empty() && atlas.Fonts[0]->FontSize < kBaseFontPixels;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, smallType ? GL_LINEAR : GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    // The same sampler state as every other texture here: one llvmpipe shader variant for all.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

void uploadFontAtlas()
{
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    sharpenFontAtlas();
}

} // namespace nnviz::gui
