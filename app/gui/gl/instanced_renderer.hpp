// Draws many copies of one unit quad, each with its own per-instance attributes (floats), in a
// single glDrawArraysInstanced call. The network view uses one for edges and one for neurons.
// The instance buffer is re-uploaded only when upload() is called (data changed), not per draw.
#pragma once

#include <glad/gl.h>

#include <initializer_list>
#include <span>
#include <vector>

namespace nnviz::gui::gl {

class InstancedRenderer {
public:
    // attributeSizes: float components of each per-instance attribute, bound to locations
    // 1, 2, ... (location 0 is the quad corner, vec2 in 0..1). E.g. {4, 4} = two vec4s.
    explicit InstancedRenderer(std::initializer_list<int> attributeSizes);
    ~InstancedRenderer();
    InstancedRenderer(const InstancedRenderer&) = delete;
    InstancedRenderer& operator=(const InstancedRenderer&) = delete;

    int floatsPerInstance() const { return m_stride; }
    int instanceCount() const { return m_count; }

    // data: (instances, floatsPerInstance()) row-major.
    void upload(std::span<const float> data);
    // Draws every uploaded instance with whatever program is bound.
    void draw() const;

private:
    GLuint m_vao = 0, m_quad = 0, m_instances = 0;
    int m_stride = 0;        // floats per instance
    int m_count = 0;         // instances uploaded
    size_t m_capacity = 0;   // bytes allocated in m_instances
};

// A colour render target (RGBA8 texture) of a given pixel size; resized on demand.
class Framebuffer {
public:
    Framebuffer() = default;
    ~Framebuffer();
    Framebuffer(const Framebuffer&) = delete;
    Framebuffer& operator=(const Framebuffer&) = delete;

    // Returns true when the size changed (contents are then undefined).
    bool resize(int width, int height);
    void bind() const;
    GLuint fbo() const { return m_fbo; }
    GLuint texture() const { return m_texture; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    GLuint m_fbo = 0, m_texture = 0;
    int m_width = 0, m_height = 0;
};

// Saves the GL state the network view touches and restores it on destruction, so the renderers
// never disturb ImGui's backend.
class StateGuard {
public:
    StateGuard();
    ~StateGuard();
    StateGuard(const StateGuard&) = delete;
    StateGuard& operator=(const StateGuard&) = delete;

private:
    GLint m_program = 0, m_vao = 0, m_arrayBuffer = 0, m_framebuffer = 0, m_readFramebuffer = 0;
    GLint m_viewport[4] = {};
    GLint m_blendSrcRgb = 0, m_blendDstRgb = 0, m_blendSrcAlpha = 0, m_blendDstAlpha = 0;
    GLboolean m_blend = GL_FALSE, m_scissor = GL_FALSE, m_depth = GL_FALSE, m_cull = GL_FALSE;
};

} // namespace nnviz::gui::gl
