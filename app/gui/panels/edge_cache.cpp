// EdgeCache: see edge_cache.hpp.
#include "app/gui/panels/edge_cache.hpp"

namespace nnviz::gui {
namespace {

void clearToBackground(const gl::Framebuffer& target)
{
    target.bind();
    glClearColor(kNetworkBackground.r, kNetworkBackground.g, kNetworkBackground.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

} // namespace

void useEdgeShader(const gl::Shader& shader, const EdgeShading& shading,
                   const std::optional<NeuronRef>& hover)
{
    shader.use();
    glUniform2f(shader.uniform("uViewport"), shading.width, shading.height);
    glUniform2f(shader.uniform("uHover"), hover ? float(hover->layer) : -1.0f,
                hover ? float(hover->neuron) : -1.0f);
    glUniform1f(shader.uniform("uInputAlpha"), shading.inputAlpha);
    glUniform1f(shader.uniform("uScale"), shading.scale);
}

bool EdgeCache::inPartsFor(const Frame& frame) const
{
    const Key& want = frame.want;
    const bool sameShape = m_state != State::Empty && want.width == m_key.width &&
                           want.height == m_key.height && want.contributions == m_key.contributions &&
                           (want.gradient == 0) == (m_key.gradient == 0) &&
                           want.revealed == m_key.revealed;
    return sameShape && (want.weights == m_key.weights || frame.training);
}

// Only the weights of a training run changed (not the w·a input): the slower interval.
double EdgeCache::intervalFor(const Frame& frame) const
{
    const bool weightsOnly = frame.training && frame.want.input == m_key.input;
    return weightsOnly ? kTrainingRenderInterval : kRenderInterval;
}

bool EdgeCache::update(const Frame& frame, const Build& build, const gl::Shader& shader,
                       const EdgeShading& shading)
{
    // A new picture: at once, or in parts once the last one is shown and kRenderInterval has
    // passed since it started (until then the front keeps the last picture). Restarting a
    // picture drawn in parts would never show one while frames take over kRenderInterval / 4.
    if (!(frame.want == m_key)) {
        if (!inPartsFor(frame))
            start(frame, build, State::Pending);
        else if (m_state != State::InParts && frame.now - m_lastRender >= intervalFor(frame))
            start(frame, build, State::InParts);
    }

    switch (m_state) {
    case State::Empty:
    case State::Shown:
        return false;
    case State::Pending:
        if (!frame.canDraw) { // the very first frame: the window without edges, at once
            gl::StateGuard guard;
            glDisable(GL_SCISSOR_TEST);
            clearToBackground(front());
            return false;
        }
        render(front(), 0, kParts, true, shader, shading);
        m_lastRender = frame.now;
        m_state = State::Shown;
        return true;
    case State::InParts:
        if (!frame.canDraw) return false;
        back().resize(m_key.width, m_key.height);
        render(back(), m_part, m_part + 1, m_part == 0, shader, shading);
        if (m_part == 0) m_lastRender = frame.now;
        if (++m_part < kParts) return false;
        m_front = 1 - m_front; // complete: show it
        m_state = State::Shown;
        return true;
    }
    return false;
}

void EdgeCache::start(const Frame& frame, const Build& build, State next)
{
    m_instances.clear();
    build(m_instances);
    const size_t count = m_instances.size();
    const std::span<const EdgeInstance> all(m_instances);
    for (int p = 0; p < kParts; ++p) {
        const size_t from = count * size_t(p) / kParts;
        const size_t to = count * size_t(p + 1) / kParts;
        m_parts[p].upload(asFloats(all.subspan(from, to - from)));
    }
    m_key = frame.want;
    m_part = 0;
    m_state = next;
    if (next == State::Pending) front().resize(m_key.width, m_key.height);
}

void EdgeCache::render(const gl::Framebuffer& target, int first, int last, bool clear,
                       const gl::Shader& shader, const EdgeShading& shading) const
{
    gl::StateGuard guard;
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (clear)
        clearToBackground(target);
    else
        target.bind();
    useEdgeShader(shader, shading, std::nullopt);
    for (int p = first; p < last; ++p)
        m_parts[p].draw();
}

} // namespace nnviz::gui
