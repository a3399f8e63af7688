// RAII OpenGL texture for heatmaps: see texture.hpp.
#include "app/gui/gl/texture.hpp"

#include <glad/gl.h>

#include <utility>

namespace nnviz::gui {

Texture::~Texture() { release(); }

Texture::Texture(Texture&& other) noexcept
    : m_name(std::exchange(other.m_name, 0u)), m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)), m_filter(other.m_filter)
{
}

Texture& Texture::operator=(Texture&& other) noexcept
{
    if (this != &other) {
        release();
        m_name = std::exchange(other.m_name, 0u);
        m_width = std::exchange(other.m_width, 0);
        m_height = std::exchange(other.m_height, 0);
        m_filter = other.m_filter;
    }
    return *this;
}

void Texture::release()
{
    if (m_name != 0) {
        const GLuint name = m_name;
        glDeleteTextures(1, &name);
        m_name = 0;
    }
    m_width = m_height = 0;
}

void Texture::upload(int w, int h, const uint32_t* rgba8, Filter filter)
{
    if (w <= 0 || h <= 0 || rgba8 == nullptr)
        return;

    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    GLint previousAlignment = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &previousAlignment);

    const bool fresh = m_name == 0;
    if (fresh) {
        GLuint name = 0;
        glGenTextures(1, &name);
        m_name = name;
    }
    glBindTexture(GL_TEXTURE_2D, m_name);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (fresh || filter != m_filter) {
        const GLint f = filter == Filter::Nearest ? GL_NEAREST : GL_LINEAR;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        m_filter = filter;
    }
    if (fresh || w != m_width || h != m_height) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba8);
        m_width = w;
        m_height = h;
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba8);
    }

    glPixelStorei(GL_UNPACK_ALIGNMENT, previousAlignment);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

} // namespace nnviz::gui
