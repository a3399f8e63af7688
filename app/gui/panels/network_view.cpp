// NetworkView: see network_view.hpp. The hover tooltip lives in network_tooltip.cpp.
//
// [SECTION] Toolbar
// [SECTION] Layout
// [SECTION] Instance data (edges, neurons)
// [SECTION] Rendering into the framebuffers
// [SECTION] Drawing the view, hit testing, text overlay
#include "app/gui/panels/network_view.hpp"

#include "app/gui/widgets/colors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <utility>

namespace nnviz::gui {
namespace {

constexpr Rgba kBackground{0.075f, 0.078f, 0.095f, 1.0f};
constexpr Rgba kRing{0.42f, 0.44f, 0.50f, 1.0f};
constexpr Rgba kSelected{0.30f, 0.75f, 1.00f, 1.0f};
constexpr Rgba kHover{1.00f, 0.80f, 0.25f, 1.0f};

ImU32 toU32(const Rgba& c, float alpha = 1.0f)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

void push(std::vector<float>& out, std::initializer_list<float> values)
{
    out.insert(out.end(), values.begin(), values.end());
}

// Largest element / magnitude, as plain loops (Eigen's vectorised reductions trip GCC 12's
// -Wmaybe-uninitialized with AVX-512).
float largest(const Eigen::VectorXf& v)
{
    float m = v.size() ? v[0] : 0.0f;
    for (Eigen::Index i = 1; i < v.size(); ++i)
        m = std::max(m, v[i]);
    return m;
}

float largestMagnitude(const Eigen::MatrixXf& m)
{
    float r = 0;
    for (Eigen::Index i = 0; i < m.size(); ++i)
        r = std::max(r, std::fabs(m.data()[i]));
    return r;
}

// Shown activation → brightness 0..1: sigmoid/softmax as is, ReLU relative to the layer's max.
float brightness(float a, Activation f, float layerMax)
{
    if (f == Activation::Relu)
        return layerMax > 1e-6f ? a / layerMax : 0.0f;
    return a;
}

// In w·a mode, edges adding less than this fraction of their layer's largest |w·a| are left out:
// drawn, they would add under 6/255 of colour (input edges) or 12/255 (hidden), and they are
// about 60 % of the edges of a drawn digit. The edges are re-rendered while a digit is drawn,
// and the software renderer pays ~10 µs per long thin edge (28 → 7 ms per re-render).
constexpr float kFaintestContribution = 0.03f;

} // namespace

NetworkView::NetworkView(std::filesystem::path shaderDir, bool contributions)
    : m_shaderDir(std::move(shaderDir)), m_contributions(contributions)
{
    glGenVertexArrays(1, &m_copyVao);
}

NetworkView::~NetworkView() { glDeleteVertexArrays(1, &m_copyVao); }

// [SECTION] Toolbar

// Continues the toolbar on this line when `width` more fits, else starts the next line.
static void sameLineIfFits(float width)
{
    const float spacing = ImGui::GetFontSize() * 1.2f;
    ImGui::SameLine(0, spacing);
    if (ImGui::GetContentRegionAvail().x < width)
        ImGui::NewLine();
}

void NetworkView::drawToolbar(const Snapshot& snap, UiRequests& req)
{
    const float fs = ImGui::GetFontSize();
    const bool relu = snap.model.net->hidden == Activation::Relu;
    ImGui::TextUnformatted("Hidden:");
    ImGui::SameLine();
    if (ImGui::RadioButton("sigmoid", !relu) && relu)
        req.toggleActivation = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("ReLU", relu) && !relu)
        req.toggleActivation = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Key A toggles. ReLU(z) = max(0, z); σ(z) = 1 / (1 + e^−z)");
    ImGui::SameLine();
    int mode = snap.model.swapMode == SwapMode::SwapModel ? 0 : 1;
    ImGui::SetNextItemWidth(fs * 13);
    if (ImGui::Combo("##swap", &mode, "swap to its trained model\0keep these weights\0"))
        req.swapMode = mode == 0 ? SwapMode::SwapModel : SwapMode::KeepWeights;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What toggling does: swap to the bundled model trained with that\n"
                          "activation, or keep the current weights and change only the function\n"
                          "(shows why weights are trained for one activation).");

    const ImGuiStyle& style = ImGui::GetStyle();
    const float radio = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
    sameLineIfFits(ImGui::CalcTextSize("Edges:  weight w  contribution w·a").x + 2 * radio +
                   2 * style.ItemSpacing.x);
    ImGui::TextUnformatted("Edges:");
    ImGui::SameLine();
    if (ImGui::RadioButton("weight w", !m_contributions))
        m_contributions = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("contribution w·a", m_contributions))
        m_contributions = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each edge shows its weight times the activation feeding it:\n"
                          "what it actually adds to the next neuron's weighted sum.");

    sameLineIfFits(fs * 16);
    bool sweep = snap.sweep.enabled;
    if (ImGui::Checkbox("Sweep", &sweep))
        req.sweepEnabled = sweep;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("When the input changes, activations light up layer by layer.");
    ImGui::SameLine();
    float speed = snap.sweep.speed;
    ImGui::SetNextItemWidth(fs * 7);
    ImGui::BeginDisabled(!snap.sweep.enabled);
    if (ImGui::SliderFloat("##speed", &speed, 0.5f, 30.0f, "%.1f layers/s",
                           ImGuiSliderFlags_Logarithmic))
        req.sweepSpeed = speed;
    ImGui::SameLine();
    if (ImGui::SmallButton("Replay"))
        req.replaySweep = true;
    ImGui::EndDisabled();
}

// [SECTION] Layout

float NetworkView::Layout::neuronY(int layer, int j, int n) const
{
    const float mid = 0.5f * (top + bottom);
    return mid + (float(j) - 0.5f * float(n - 1)) * pitch[size_t(layer)];
}

void NetworkView::computeLayout(const Snapshot& snap, int width, int height, float scale)
{
    Layout& L = m_layout;
    const Network& net = *snap.model.net;
    const int layers = int(net.sizes.size());
    const float font = ImGui::GetFontSize() * scale;
    L.width = width;
    L.height = height;
    L.scale = scale;
    L.top = font * 2.6f;
    L.bottom = float(height) - font * 0.8f;
    const float colH = std::max(1.0f, L.bottom - L.top);
    const float pad = font * 0.6f;
    L.imageSize = std::min(colH * 0.45f, float(width) * 0.15f);
    L.imageX = pad;
    L.imageY = L.top + (colH - L.imageSize) * 0.5f;
    L.inputW = std::max(5.0f * scale, float(width) * 0.007f);
    L.inputX = L.imageX + L.imageSize + float(width) * 0.05f;

    int widest = 1;
    for (int l = 1; l < layers; ++l)
        widest = std::max(widest, net.sizes[size_t(l)]);
    const float pitch = colH / float(widest);
    const float r = std::max(2.0f, std::min(pitch * 0.40f, float(width) * 0.022f));
    const float labelRoom = font * 5.5f;
    const float span = std::max(1.0f, float(width) - labelRoom - r - L.inputX);
    L.columnX.assign(size_t(layers), L.inputX);
    L.radius.assign(size_t(layers), 0.0f);
    L.pitch.assign(size_t(layers), pitch);
    for (int l = 1; l < layers; ++l) {
        const float t = layers > 2 ? float(l - 1) / float(layers - 2) : 1.0f;
        L.columnX[size_t(l)] = L.inputX + span * (0.42f + 0.58f * t);
        L.radius[size_t(l)] = r;
    }
}

// [SECTION] Instance data (edges, neurons)

void NetworkView::buildEdges(const Snapshot& snap)
{
    const Network& net = *snap.model.net;
    const Layout& L = m_layout;
    m_edgeData.clear();
    m_edgeData.reserve(size_t(net.parameterCount()) * 8);
    for (int l = 0; l < net.layerCount(); ++l) {
        const Eigen::MatrixXf& W = net.layers[size_t(l)].W; // (out, in)
        const bool useA = m_contributions && snap.output.trace.a.size() > size_t(l);
        Eigen::MatrixXf values = useA ? Eigen::MatrixXf(W * snap.output.trace.a[size_t(l)].asDiagonal()) : W;
        const float maxAbs = std::max(largestMagnitude(values), 1e-12f);
        const int in = int(W.cols()), out = int(W.rows());
        const float x1 = L.columnX[size_t(l + 1)] - L.radius[size_t(l + 1)];
        const float x0 = l == 0 ? L.inputX + 0.5f * L.inputW : L.columnX[size_t(l)] + L.radius[size_t(l)];
        for (int i = 0; i < in; ++i) {
            const float y0 = l == 0 ? L.inputY(i) : L.neuronY(l, i, in);
            for (int j = 0; j < out; ++j) {
                const float v = values(j, i) / maxAbs;
                if (useA && std::fabs(v) < kFaintestContribution)
                    continue; // (next to) no contribution: nothing visible to draw
                push(m_edgeData, {x0, y0, x1, L.neuronY(l + 1, j, out), v, float(l), float(i),
                                  float(j)});
            }
        }
    }
    // kEdgeParts parts of about equal size, split between instances (8 floats each).
    const size_t instances = m_edgeData.size() / 8;
    const std::span<const float> all(m_edgeData);
    for (int p = 0; p < kEdgeParts; ++p) {
        const size_t from = instances * size_t(p) / kEdgeParts;
        const size_t to = instances * size_t(p + 1) / kEdgeParts;
        m_edges[p].upload(all.subspan(8 * from, 8 * (to - from)));
    }
}

void NetworkView::buildNeurons(const Snapshot& snap)
{
    const Network& net = *snap.model.net;
    const Layout& L = m_layout;
    const float s = L.scale;
    m_neuronData.clear();
    // The 28×28 picture and the compressed column are textures (see draw()); only a hovered
    // input cell is a quad, highlighted on the column.
    if (m_hover && m_hover->layer == 0) {
        const float cellHalf = std::max(0.5f, 0.5f * (L.bottom - L.top) / 784.0f);
        push(m_neuronData, {L.inputX, L.inputY(m_hover->neuron), 0.5f * L.inputW, 1, kHover.r,
                            kHover.g, kHover.b, 1, 0, 0, 0, 0, 0, std::max(cellHalf, 2.0f * s)});
    }
    for (int l = 1; l < int(net.sizes.size()); ++l) {
        const Eigen::VectorXf& a = snap.shownActivation(l);
        const Activation f = net.activationOf(l - 1);
        const float layerMax = largest(a);
        // The sweep front: the layer being filled in gets a fading highlight ring.
        const float front = snap.sweep.position - float(l - 1);
        const float glow = front > 0.0f && front < 1.0f ? 1.0f - front : 0.0f;
        const float r = L.radius[size_t(l)];
        const int n = net.sizes[size_t(l)];
        for (int j = 0; j < n && j < a.size(); ++j) {
            const Rgba fill = activationColor(brightness(a[j], f, layerMax));
            Rgba ring = kRing;
            float ringW = 1.5f * s;
            const NeuronRef ref{l, j};
            if (l + 1 == int(net.sizes.size()) && j == snap.output.answer && snap.answerShown()) {
                ring = kPositive;
                ringW = 3.5f * s;
            }
            if (glow > 0) {
                ring = {kHover.r, kHover.g, kHover.b, 0.35f + 0.65f * glow};
                ringW = 3.0f * s;
            }
            if (snap.view.selected == ref) {
                ring = kSelected;
                ringW = 3.5f * s;
            }
            if (m_hover && *m_hover == ref) {
                ring = kHover;
                ringW = 3.5f * s;
            }
            push(m_neuronData, {L.columnX[size_t(l)], L.neuronY(l, j, n), r, 0, fill.r, fill.g,
                                fill.b, 1, ring.r, ring.g, ring.b, ring.a, ringW, 0});
        }
    }
}

// [SECTION] Rendering into the framebuffers

void NetworkView::renderEdges(const gl::Framebuffer& target, int part, bool clear)
{
    gl::StateGuard guard;
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    target.bind();
    if (clear) {
        glClearColor(kBackground.r, kBackground.g, kBackground.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    setEdgeUniforms(false);
    for (int i = 0; i < kEdgeParts; ++i)
        if (part < 0 || part == i)
            m_edges[i].draw();
}

void NetworkView::setEdgeUniforms(bool hovering) const
{
    m_edgeShader.use();
    glUniform2f(m_edgeShader.uniform("uViewport"), float(m_layout.width), float(m_layout.height));
    glUniform2f(m_edgeShader.uniform("uHover"), hovering ? float(m_hover->layer) : -1.0f,
                hovering ? float(m_hover->neuron) : -1.0f);
    // 12,544 input edges overlap heavily: keep each faint so the fan stays readable.
    glUniform1f(m_edgeShader.uniform("uInputAlpha"), m_contributions ? 0.9f : 0.3f);
    glUniform1f(m_edgeShader.uniform("uScale"), m_layout.scale);
}

// The hovered neuron's incoming and outgoing edges, cut from the full edge list, and the quad
// that dims everything else.
void NetworkView::buildHover()
{
    std::vector<float> lit;
    if (m_hover) {
        const float layer = float(m_hover->layer), neuron = float(m_hover->neuron);
        for (size_t e = 0; e + 8 <= m_edgeData.size(); e += 8) {
            const float* d = &m_edgeData[e];
            if ((d[5] == layer - 1 && d[7] == neuron) || (d[5] == layer && d[6] == neuron))
                lit.insert(lit.end(), d, d + 8);
        }
    }
    m_hoverEdges.upload(lit);
    const float w = float(m_layout.width), h = float(m_layout.height);
    const float dim[14] = {0.5f * w, 0.5f * h, 0.5f * w, 1, kBackground.r, kBackground.g,
                           kBackground.b, 0.78f, 0, 0, 0, 0, 0, 0.5f * h};
    m_dim.upload(dim);
}

// Neurons change every frame while drawing or sweeping, but cover few pixels: they are drawn
// straight into the window's framebuffer from a draw-list callback, on top of the edge texture,
// instead of re-compositing a second full-size framebuffer.
void NetworkView::neuronCallback(const ImDrawList*, const ImDrawCmd* cmd)
{
    const auto* self = static_cast<const NetworkView*>(cmd->UserCallbackData);
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!self || !dd)
        return;
    const ImVec2 fbs = dd->FramebufferScale;
    const float fbHeight = dd->DisplaySize.y * fbs.y;
    gl::StateGuard guard;
    const ImVec2 o(self->m_imageMin.x - dd->DisplayPos.x, self->m_imageMin.y - dd->DisplayPos.y);
    // The view's rectangle and the clip rectangle in framebuffer pixels (origin bottom-left).
    const int vx = int(std::lround(o.x * fbs.x));
    const int vy = int(std::lround(fbHeight - o.y * fbs.y)) - self->m_layout.height;
    const ImVec4 c = cmd->ClipRect;
    const int cx0 = int((c.x - dd->DisplayPos.x) * fbs.x);
    const int cy0 = int(fbHeight - (c.w - dd->DisplayPos.y) * fbs.y);
    const int cx1 = int((c.z - dd->DisplayPos.x) * fbs.x);
    const int cy1 = int(fbHeight - (c.y - dd->DisplayPos.y) * fbs.y);
    glViewport(vx, vy, self->m_layout.width, self->m_layout.height);
    glEnable(GL_SCISSOR_TEST);
    // Only the edges' bounding box is copied: around it the texture is the window's background
    // colour, which glClear already put there (about a third of the view's pixels saved).
    const Layout& L = self->m_layout;
    float maxR = 0;
    for (float r : L.radius)
        maxR = std::max(maxR, r);
    const int ex0 = vx + int(std::floor(L.inputX)) - 1;
    const int ex1 = vx + int(std::ceil(L.columnX.empty() ? float(L.width) : L.columnX.back())) + 1;
    const int ey0 = vy + L.height - int(std::ceil(L.bottom + maxR)) - 2;
    const int ey1 = vy + L.height - int(std::floor(L.top - maxR)) + 2;
    const int sx0 = std::max(cx0, ex0), sy0 = std::max(cy0, ey0);
    const int sx1 = std::min(cx1, ex1), sy1 = std::min(cy1, ey1);
    glScissor(sx0, sy0, std::max(0, sx1 - sx0), std::max(0, sy1 - sy0));

    // The cached edges, 1:1 and opaque: no blending, texture only (llvmpipe's fast blit path;
    // a blended ImGui::Image of this size cost about a third of the frame). glBlitFramebuffer
    // was slower still: llvmpipe's blit into the window's framebuffer stalls.
    glDisable(GL_BLEND);
    self->m_copyShader.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, self->front().texture());
    glUniform1i(self->m_copyShader.uniform("uTexture"), 0);
    glBindVertexArray(self->m_copyVao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glScissor(cx0, cy0, std::max(0, cx1 - cx0), std::max(0, cy1 - cy0));
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    self->m_neuronShader.use();
    glUniform2f(self->m_neuronShader.uniform("uViewport"), float(self->m_layout.width),
                float(self->m_layout.height));
    if (self->m_hover) {
        self->m_dim.draw();
        self->setEdgeUniforms(true);
        self->m_hoverEdges.draw();
        self->m_neuronShader.use();
    }
    self->m_neurons.draw();
}

// [SECTION] Drawing the view, hit testing, text overlay

void NetworkView::draw(const Snapshot& snap, UiRequests& req)
{
    drawToolbar(snap, req);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 fbScale = ImGui::GetIO().DisplayFramebufferScale;
    const float scale = std::max(1.0f, fbScale.x);
    const int width = int(avail.x * scale), height = int(avail.y * scale);
    if (width < 32 || height < 32 || !snap.model.net)
        return; // a sliver: nothing sensible to draw

    m_imageMin = ImGui::GetCursorScreenPos();
    m_imageMax = ImVec2(m_imageMin.x + avail.x, m_imageMin.y + avail.y);

    const bool resized = m_edgeTargets[m_front].resize(width, height);
    if (resized || m_layout.width != width || m_layout.height != height)
        computeLayout(snap, width, height, scale);

    // Hover from the mouse position this frame, so highlights never lag.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    m_hover.reset();
    if (ImGui::IsWindowHovered() && mouse.x >= m_imageMin.x && mouse.y >= m_imageMin.y &&
        mouse.x < m_imageMax.x && mouse.y < m_imageMax.y)
        m_hover = hitTest(snap, ImVec2((mouse.x - m_imageMin.x) * scale,
                                       (mouse.y - m_imageMin.y) * scale));

    const EdgeKey key{snap.model.weightsVersion, m_contributions ? snap.input.version : 0, width, height,
                      m_contributions};
    // Re-rendering all 12,960 edges is the expensive part for a software renderer. Two changes
    // come every frame or so: w·a while a digit is drawn, and the weights while a run trains
    // (a snapshot ~12 times a second). Those re-render at most every kEdgeRenderInterval, into
    // the back target a part per frame, shown when complete. Anything else (a model swapped by
    // A, a resize) is drawn at once, within the frame.
    const double now = ImGui::GetTime();
    const bool sameShape = key.width == m_edgeKey.width && key.height == m_edgeKey.height &&
                           key.contributions == m_edgeKey.contributions &&
                           m_edgeKey.weights != ~0ull;
    const bool progressive =
        sameShape && (key.weights == m_edgeKey.weights || snap.training.running);
    if ((!(key == m_edgeKey) && !(progressive && now - m_lastEdgeRender < kEdgeRenderInterval)) ||
        resized) {
        computeLayout(snap, width, height, scale);
        buildEdges(snap);
        m_edgesInBack = progressive && !resized;
        m_backPart = 0;
        m_edgeKey = key;
        m_edgesDirty = true;
    }
    // The very first frame shows the window without edges (cleared texture), the next one
    // with them: a first picture in well under a second even with software GL.
    const bool firstFrame = ImGui::GetFrameCount() <= 1;
    if (!firstFrame && !m_copyShader.id()) { // ~30 ms with llvmpipe: after the first frame
        m_edgeShader = gl::Shader(m_shaderDir, "edge.vert", "edge.frag");
        m_neuronShader = gl::Shader(m_shaderDir, "neuron.vert", "neuron.frag");
        m_copyShader = gl::Shader(m_shaderDir, "copy.vert", "copy.frag");
    }
    bool rendered = false;
    if (m_edgesDirty && !firstFrame && m_edgesInBack) {
        gl::Framebuffer& back = m_edgeTargets[1 - m_front];
        back.resize(width, height);
        renderEdges(back, m_backPart, m_backPart == 0);
        if (m_backPart == 0)
            m_lastEdgeRender = now; // no new w·a picture is started until this one is shown
        if (++m_backPart == kEdgeParts) { // complete: show it
            m_front = 1 - m_front;
            m_edgesDirty = false;
            rendered = true;
        }
    } else if (m_edgesDirty && !firstFrame) {
        renderEdges(front(), -1, true);
        m_lastEdgeRender = now;
        m_edgesDirty = false;
        rendered = true;
    } else if (m_edgesDirty) {
        gl::StateGuard guard;
        glDisable(GL_SCISSOR_TEST);
        front().bind();
        glClearColor(kBackground.r, kBackground.g, kBackground.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    if (m_hover != m_hoverBuilt || !(m_hoverKey == m_edgeKey) || rendered) {
        buildHover();
        m_hoverBuilt = m_hover;
        m_hoverKey = m_edgeKey;
    }
    buildNeurons(snap);
    if (m_neuronData != m_lastNeuronData) {
        m_neurons.upload(m_neuronData);
        m_lastNeuronData = m_neuronData;
    }

    // The edge picture is copied into the window by the callback (a 1:1 framebuffer blit, no
    // blending: for a software renderer much cheaper than a blended textured quad this size).
    ImGui::InvisibleButton("##network", avail);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The first frame leaves out the GL-drawn part (the edge picture is still blank then, and
    // llvmpipe would JIT two more shader pairs before anything is on screen); it follows a
    // frame later.
    if (!firstFrame) {
        dl->AddCallback(&NetworkView::neuronCallback, this);
        dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    }
    // The input picture and column on top of the edges (same colours as activationColor: grey).
    if (snap.input.version != m_inputVersion && snap.input.pixels.size() == 784) {
        const std::span<const float> x(snap.input.pixels.data(), 784);
        m_inputImage.set(x, 28, 28);
        m_inputColumn.set(x, 1, 784);
        m_inputVersion = snap.input.version;
    }
    {
        const Layout& L = m_layout;
        auto at = [&](float x, float y) { return ImVec2(m_imageMin.x + x / scale, m_imageMin.y + y / scale); };
        dl->AddImage(m_inputImage.imguiId(), at(L.imageX, L.imageY),
                     at(L.imageX + L.imageSize, L.imageY + L.imageSize));
        dl->AddImage(m_inputColumn.imguiId(), at(L.inputX - 0.5f * L.inputW, L.top),
                     at(L.inputX + 0.5f * L.inputW, L.bottom));
    }
    if (m_hover) {
        req.hover = m_hover;
        if (m_hover->layer > 0 && ImGui::IsItemClicked(ImGuiMouseButton_Left))
            req.select = m_hover;
        drawTooltip(snap, *m_hover);
    }
    drawOverlay(snap, dl);
}

std::optional<NeuronRef> NetworkView::hitTest(const Snapshot& snap, ImVec2 p) const
{
    const Layout& L = m_layout;
    const Network& net = *snap.model.net;
    for (int l = 1; l < int(net.sizes.size()); ++l) {
        const float r = L.radius[size_t(l)] + 2.0f * L.scale;
        if (std::fabs(p.x - L.columnX[size_t(l)]) > r)
            continue;
        const int n = net.sizes[size_t(l)];
        for (int j = 0; j < n; ++j) {
            const float dy = p.y - L.neuronY(l, j, n), dx = p.x - L.columnX[size_t(l)];
            if (dx * dx + dy * dy <= r * r)
                return NeuronRef{l, j};
        }
    }
    // An input pixel: in the picture or on the compressed column.
    if (p.x >= L.imageX && p.x < L.imageX + L.imageSize && p.y >= L.imageY &&
        p.y < L.imageY + L.imageSize) {
        const int cx = int((p.x - L.imageX) / L.imageSize * 28.0f);
        const int cy = int((p.y - L.imageY) / L.imageSize * 28.0f);
        return NeuronRef{0, std::clamp(cy, 0, 27) * 28 + std::clamp(cx, 0, 27)};
    }
    if (std::fabs(p.x - L.inputX) <= L.inputW + 2.0f * L.scale && p.y >= L.top && p.y < L.bottom) {
        const int i = int((p.y - L.top) / (L.bottom - L.top) * 784.0f);
        return NeuronRef{0, std::clamp(i, 0, 783)};
    }
    return std::nullopt;
}

bool NetworkView::layerRect(int layer, ImVec2& min, ImVec2& max) const
{
    const Layout& L = m_layout;
    if (layer < 0 || layer >= int(L.columnX.size()) || L.scale <= 0)
        return false;
    const float r = layer == 0 ? L.inputX + L.inputW - L.imageX : L.radius[size_t(layer)] * 1.6f;
    const float cx = layer == 0 ? L.imageX : L.columnX[size_t(layer)] - r;
    min = ImVec2(m_imageMin.x + cx / L.scale, m_imageMin.y + L.top / L.scale - 4);
    max = ImVec2(m_imageMin.x + (cx + 2 * r) / L.scale, m_imageMin.y + L.bottom / L.scale + 4);
    if (layer == 0)
        max.x = m_imageMin.x + (L.imageX + r) / L.scale;
    return true;
}

void NetworkView::drawOverlay(const Snapshot& snap, ImDrawList* dl) const
{
    const Layout& L = m_layout;
    const Network& net = *snap.model.net;
    const float s = L.scale;
    const ImVec2 o = m_imageMin;
    auto at = [&](float x, float y) { return ImVec2(o.x + x / s, o.y + y / s); };
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    char buf[64];

    auto centred = [&](float x, float y, const char* str, ImU32 col, float size) {
        const ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, str);
        const ImVec2 p = at(x, y);
        dl->AddText(font, size, ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f), col, str);
    };

    // Column titles: what each column is and its size.
    const float titleY = fs * 0.75f * s, subY = fs * 1.8f * s;
    centred(L.imageX + L.imageSize * 0.5f, titleY, "input image", text, fs);
    centred(L.imageX + L.imageSize * 0.5f, subY, "28 × 28 pixels", dim, fs * 0.9f);
    centred(L.inputX, titleY, "784 inputs", text, fs);
    centred(L.inputX, subY, "one per pixel", dim, fs * 0.9f);
    dl->AddRect(at(L.imageX - 1, L.imageY - 1),
                at(L.imageX + L.imageSize + 1, L.imageY + L.imageSize + 1), dim);
    const int layers = int(net.sizes.size());
    for (int l = 1; l < layers; ++l) {
        const bool last = l + 1 == layers;
        const Activation f = net.activationOf(l - 1);
        std::snprintf(buf, sizeof buf, "%s", last ? "output" : (l == 1 ? "hidden 1" : "hidden 2"));
        if (!last && l > 2)
            std::snprintf(buf, sizeof buf, "hidden %d", l);
        centred(L.columnX[size_t(l)], titleY, buf, text, fs);
        std::snprintf(buf, sizeof buf, "%d · %s", net.sizes[size_t(l)],
                      f == Activation::Relu      ? "ReLU"
                      : f == Activation::Softmax ? "softmax"
                                                 : "sigmoid σ");
        centred(L.columnX[size_t(l)], subY, buf, dim, fs * 0.9f);
    }

    // Values inside the neurons (ReLU values are not 0..1, so they must be read), digit labels
    // and probabilities beside the outputs.
    for (int l = 1; l < layers; ++l) {
        const Eigen::VectorXf& a = snap.shownActivation(l);
        const Activation f = net.activationOf(l - 1);
        const float layerMax = largest(a);
        const float r = L.radius[size_t(l)];
        const int n = net.sizes[size_t(l)];
        const bool last = l + 1 == layers;
        const float size = std::min(fs * 0.85f, r / s * 0.78f);
        for (int j = 0; j < n && j < a.size(); ++j) {
            const float y = L.neuronY(l, j, n);
            const float b = brightness(a[j], f, layerMax);
            if (size >= 7.0f) {
                if (f == Activation::Relu && a[j] >= 10.0f)
                    std::snprintf(buf, sizeof buf, "%.0f", a[j]);
                else if (f == Activation::Relu && a[j] >= 1.0f)
                    std::snprintf(buf, sizeof buf, "%.1f", a[j]);
                else
                    std::snprintf(buf, sizeof buf, "%.2f", a[j]);
                const char* str = buf[0] == '0' && buf[1] == '.' ? buf + 1 : buf; // ".73"
                centred(L.columnX[size_t(l)], y, str,
                        b > 0.55f ? IM_COL32(10, 10, 14, 255) : IM_COL32(220, 220, 230, 200), size);
            }
            if (last) {
                const bool answer = j == snap.output.answer && snap.answerShown();
                std::snprintf(buf, sizeof buf, "%d", j);
                const ImU32 col = answer ? toU32(kPositive) : text;
                const float lx = L.columnX[size_t(l)] + r + fs * 0.6f * s;
                const ImVec2 p = at(lx, y);
                const float big = std::min(fs * 1.35f, std::max(fs, r / s * 1.2f));
                dl->AddText(font, big, ImVec2(p.x, p.y - big * 0.5f), col, buf);
                std::snprintf(buf, sizeof buf, "%.2f", a[j]);
                dl->AddText(font, fs * 0.85f, ImVec2(p.x + big * 0.9f, p.y - fs * 0.42f),
                            answer ? col : dim, buf);
            }
        }
    }
    if (snap.model.untrained)
        dl->AddText(at(L.inputX + fs * s, L.bottom - fs * 0.4f * s), toU32(kHover),
                    "untrained (random weights): no bundled model was found");
}

} // namespace nnviz::gui
