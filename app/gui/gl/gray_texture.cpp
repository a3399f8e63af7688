// GrayTexture: a grey image as an RGBA8 texture (see gray_texture.hpp). RGBA8, not R8 with a
// swizzle: llvmpipe compiles a shader variant per texture format and filter, and every other
// texture in the window (font atlas, heatmaps) is RGBA8 sampled NEAREST; one variant fewer to
// JIT before the first frame, and a cheaper fetch per pixel.
#include "app/gui/gl/gray_texture.hpp"

#include <algorithm>
#include <cmath>

namespace nnviz::gui::gl {

GrayTexture::~GrayTexture()
{
    if (m_texture)
        glDeleteTextures(1, &m_texture);
}

void GrayTexture::set(std::span<const float> pixels, int width, int height)
{
    m_bytes.resize(pixels.size() * 4);
    for (size_t i = 0; i < pixels.size(); ++i) {
        const auto g = static_cast<unsigned char>(std::clamp(pixels[i], 0.0f, 1.0f) * 255.0f + 0.5f);
        m_bytes[4 * i] = m_bytes[4 * i + 1] = m_bytes[4 * i + 2] = g;
        m_bytes[4 * i + 3] = 255;
    }
    GLint previous = 0, alignment = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (!m_texture) {
        glGenTextures(1, &m_texture);
        glBindTexture(GL_TEXTURE_2D, m_texture);
        const GLenum filter = m_smooth ? GL_LINEAR : GL_NEAREST;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(filter));
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(filter));
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, m_texture);
    }
    if (width != m_width || height != m_height) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     m_bytes.data());
        m_width = width;
        m_height = height;
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE,
                        m_bytes.data());
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

} // namespace nnviz::gui::gl
