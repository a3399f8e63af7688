// An RGBA8 OpenGL texture owned RAII-style, for heatmaps shown with ImGui::Image / AddImage.
// Uploads happen only when a panel calls upload() (i.e. when its data changed), never per frame.
#pragma once

#include <imgui.h>

#include <cstdint>

namespace nnviz::gui {

class Texture {
public:
    enum class Filter {
        Nearest, // crisp pixels: 28×28 weight maps stay blocky when magnified
        Linear,  // averaged: for images squashed below their size (a 16×784 matrix in 300 px)
    };

    Texture() = default;
    ~Texture();
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;
    Texture(Texture&& other) noexcept;
    Texture& operator=(Texture&& other) noexcept;

    // Copies w×h pixels (row-major, top row first, RGBA8 packed as by packRgba8) to the GPU.
    // Creates the GL texture on first use (needs a current GL context) and reallocates only
    // when the size changes. Restores the caller's texture binding.
    void upload(int w, int h, const uint32_t* rgba8, Filter filter = Filter::Nearest);

    bool valid() const { return m_name != 0; }
    ImTextureID id() const { return (ImTextureID)(intptr_t)m_name; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    void release();

    unsigned m_name = 0; // GL texture name; 0 = none yet
    int m_width = 0;
    int m_height = 0;
    Filter m_filter = Filter::Nearest;
};

} // namespace nnviz::gui
