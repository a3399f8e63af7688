// Look: see look.hpp.
#include "app/gui/window/look.hpp"

#include <glad/gl.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

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

} // namespace

Look::Look(float scale)
    : m_scale(scale), m_styles{makeStyle(scale), makeStyle(scale * 23.0f / 16.0f)}
{
    ImGuiIO& io = ImGui::GetIO();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddRanges(kExtraGlyphs);
    builder.BuildRanges(&m_ranges);
    loadFonts();
    io.Fonts->Build();
    ImGui::GetStyle() = m_styles[0];
}

// Two sizes of DejaVu Sans, else of the built-in font.
void Look::loadFonts()
{
    ImGuiIO& io = ImGui::GetIO();
    const float sizes[2] = {16.0f * m_scale, 23.0f * m_scale};
    for (const char* path : kFontFiles) {
        if (FILE* f = std::fopen(path, "rb")) {
            std::fclose(f);
            for (int i = 0; i < 2; ++i) {
                // Glyphs rasterised at their on-screen size and placed on whole pixels, so the
                // atlas can be sampled NEAREST (see sharpenFontAtlas): same look, and every
                // ImGui primitive (they all sample the atlas) is cheaper for software GL.
                ImFontConfig config;
                config.OversampleH = 1;
                config.OversampleV = 1;
                config.PixelSnapH = true;
                m_fonts[i] = io.Fonts->AddFontFromFileTTF(path, sizes[i], &config, m_ranges.Data);
            }
            if (m_fonts[0] && m_fonts[1]) return;
        }
    }
    for (int i = 0; i < 2; ++i) {
        ImFontConfig config;
        config.SizePixels = std::round(13.0f * m_scale * (i ? 1.6f : 1.15f));
        m_fonts[i] = io.Fonts->AddFontDefault(&config);
    }
}

void Look::fitTo(int windowHeight)
{
    const int tier = float(windowHeight) >= 1300 * m_scale ? 1 : 0;
    if (tier != m_tier) {
        m_tier = tier;
        ImGui::GetStyle() = m_styles[tier];
    }
}

void sharpenFontAtlas()
{
    const auto tex = GLuint(reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
    if (!tex) return;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    // The same sampler state as every other texture here: one llvmpipe shader variant for all.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

} // namespace nnviz::gui
