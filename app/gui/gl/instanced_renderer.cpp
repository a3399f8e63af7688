// InstancedRenderer, Framebuffer, StateGuard: see instanced_renderer.hpp.
#include "app/gui/gl/instanced_renderer.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace nnviz::gui::gl {

InstancedRenderer::InstancedRenderer(std::initializer_list<int> attributeSizes)
{
    for (int size : attributeSizes)
        m_stride += size;
    glGenVertexArrays(1, &m_vao);
    glGenBuffers(1, &m_quad);
    glGenBuffers(1, &m_instances);
    glBindVertexArray(m_vao);

    // Unit quad as a triangle strip; the vertex shader stretches it per instance.
    const float corners[8] = {0, 0, 1, 0, 0, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, m_quad);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

    glBindBuffer(GL_ARRAY_BUFFER, m_instances);
    GLuint location = 1;
    size_t offset = 0;
    for (int size : attributeSizes) {
        glEnableVertexAttribArray(location);
        glVertexAttribPointer(location, size, GL_FLOAT, GL_FALSE,
                              GLsizei(m_stride * sizeof(float)),
                              reinterpret_cast<const void*>(offset * sizeof(float)));
        glVertexAttribDivisor(location, 1);
        ++location;
        offset += size_t(size);
    }
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

InstancedRenderer::~InstancedRenderer()
{
    glDeleteBuffers(1, &m_instances);
    glDeleteBuffers(1, &m_quad);
    glDeleteVertexArrays(1, &m_vao);
}

void InstancedRenderer::upload(std::span<const float> data)
{
    m_count = int(data.size() / size_t(m_stride));
    const size_t bytes = size_t(m_count) * size_t(m_stride) * sizeof(float);
    glBindBuffer(GL_ARRAY_BUFFER, m_instances);
    if (bytes > m_capacity) {
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(bytes), data.data(), GL_DYNAMIC_DRAW);
        m_capacity = bytes;
    } else if (bytes > 0) {
        glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(bytes), data.data());
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void InstancedRenderer::draw() const
{
    if (m_count == 0)
        return;
    glBindVertexArray(m_vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, m_count);
    glBindVertexArray(0);
}

Framebuffer::~Framebuffer()
{
    if (m_texture)
        glDeleteTextures(1, &m_texture);
    if (m_fbo)
        glDeleteFramebuffers(1, &m_fbo);
}

bool Framebuffer::resize(int width, int height)
{
    if (width == m_width && height == m_height && m_fbo)
        return false;
    m_width = width;
    m_height = height;
    if (!m_fbo) {
        glGenFramebuffers(1, &m_fbo);
        glGenTextures(1, &m_texture);
    }
    GLint previousTexture = 0, previousFbo = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previousTexture);
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousFbo);
    glBindTexture(GL_TEXTURE_2D, m_texture);
    // BGRA as the upload format makes Mesa store it as B8G8R8A8, the window framebuffer's own
    // layout: llvmpipe can then copy it into the window as a plain blit.
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
    // Shown 1:1 on screen: nearest sampling looks the same and is cheaper for software GL.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_fbo);
    glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_texture, 0);
    const GLenum status = glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(previousFbo));
    glBindTexture(GL_TEXTURE_2D, GLuint(previousTexture));
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("network view framebuffer incomplete (status 0x" +
                                 std::to_string(status) + ")");
    return true;
}

void Framebuffer::bind() const
{
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glViewport(0, 0, m_width, m_height);
}

StateGuard::StateGuard()
{
    glGetIntegerv(GL_CURRENT_PROGRAM, &m_program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &m_vao);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &m_arrayBuffer);
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_framebuffer);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &m_readFramebuffer);
    glGetIntegerv(GL_VIEWPORT, m_viewport);
    glGetIntegerv(GL_BLEND_SRC_RGB, &m_blendSrcRgb);
    glGetIntegerv(GL_BLEND_DST_RGB, &m_blendDstRgb);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &m_blendSrcAlpha);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &m_blendDstAlpha);
    m_blend = glIsEnabled(GL_BLEND);
    m_scissor = glIsEnabled(GL_SCISSOR_TEST);
    m_depth = glIsEnabled(GL_DEPTH_TEST);
    m_cull = glIsEnabled(GL_CULL_FACE);
}

StateGuard::~StateGuard()
{
    glUseProgram(GLuint(m_program));
    glBindVertexArray(GLuint(m_vao));
    glBindBuffer(GL_ARRAY_BUFFER, GLuint(m_arrayBuffer));
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(m_framebuffer));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(m_readFramebuffer));
    glViewport(m_viewport[0], m_viewport[1], m_viewport[2], m_viewport[3]);
    glBlendFuncSeparate(GLenum(m_blendSrcRgb), GLenum(m_blendDstRgb), GLenum(m_blendSrcAlpha),
                        GLenum(m_blendDstAlpha));
    auto set = [](GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); };
    set(GL_BLEND, m_blend);
    set(GL_SCISSOR_TEST, m_scissor);
    set(GL_DEPTH_TEST, m_depth);
    set(GL_CULL_FACE, m_cull);
}

} // namespace nnviz::gui::gl
