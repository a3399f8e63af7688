// A grey-scale image (floats 0..1) as an OpenGL texture for ImGui::Image: the drawing pad and the
// 28×28 input preview. Uploaded by set() when the image changes, never per frame.
#pragma once

#include <glad/gl.h>

#include <span>
#include <vector>

namespace nnviz::gui::gl {

class GrayTexture {
public:
    explicit GrayTexture(bool smooth) : m_smooth(smooth) {}
    ~GrayTexture();
    GrayTexture(const GrayTexture&) = delete;
    GrayTexture& operator=(const GrayTexture&) = delete;

    // pixels: (height, width) row-major, 0 = black, 1 = white.
    void set(std::span<const float> pixels, int width, int height);
    GLuint id() const { return m_texture; }
    // For ImGui::Image: ImTextureID is a void* in ImGui 1.86.
    void* imguiId() const { return reinterpret_cast<void*>(static_cast<uintptr_t>(m_texture)); }

private:
    GLuint m_texture = 0;
    int m_width = 0, m_height = 0;
    bool m_smooth;
    std::vector<unsigned char> m_bytes; // staging, reused
};

} // namespace nnviz::gui::gl
