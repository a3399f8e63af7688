// NetworkView: see network_view.hpp. The hover tooltip lives in network_tooltip.cpp.
//
// [SECTION] Toolbar
// [SECTION] Column labels
// [SECTION] Instance data (edges, neurons)
// [SECTION] Drawing into the window (edge picture, hover, neurons)
// [SECTION] Drawing the view, text overlay
#include "app/gui/panels/network_view.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace nnviz::gui {
namespace {

constexpr Rgba kRing{0.42f, 0.44f, 0.50f, 1.0f};
constexpr Rgba kSelected{0.30f, 0.75f, 1.00f, 1.0f};
constexpr Rgba kHover{1.00f, 0.80f, 0.25f, 1.0f};

ImU32 toU32(const Rgba& c, float alpha = 1.0f)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

// The column titles and subtitles as drawOverlay() writes them.
std::string columnTitle(const Network& net, int layer)
{
    return layer + 1 == int(net.sizes.size()) ? "output" : "hidden " + std::to_string(layer);
}

std::string columnSubtitle(const Network& net, int layer)
{
    const ActivationText t = activationText(net.activationOf(layer - 1));
    const std::string name = t.name, symbol = t.symbol;
    return std::to_string(net.sizes[size_t(layer)]) + " · " +
           (name == symbol ? name : name + " " + symbol); // "sigmoid σ", "ReLU", "softmax"
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

NetworkView::~NetworkView()
{
    glDeleteVertexArrays(1, &m_copyVao);
}

// [SECTION] Toolbar

// Continues the toolbar on this line when `width` more fits, else starts the next line.
static void sameLineIfFits(float width)
{
    const float spacing = ImGui::GetFontSize() * 1.2f;
    ImGui::SameLine(0, spacing);
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

void NetworkView::drawToolbar(const Snapshot& snap, UiRequests& req)
{
    const float fs = ImGui::GetFontSize();
    const bool relu = snap.model.net->hidden == Activation::Relu;
    ImGui::TextUnformatted("Hidden:");
    ImGui::SameLine();
    if (ImGui::RadioButton("sigmoid", !relu) && relu) req.toggleActivation = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("ReLU", relu) && !relu) req.toggleActivation = true;
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

    if (m_gradient)
        drawGradientLegend(snap);
    else
        drawEdgeModes();

    sameLineIfFits(fs * 16);
    bool sweep = snap.sweep.enabled;
    if (ImGui::Checkbox("Sweep", &sweep)) req.sweepEnabled = sweep;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(m_gradient ? "When the input changes, activations light up layer by "
                                       "layer;\nthen the gradient flows back from the output."
                                     : "When the input changes, activations light up layer by "
                                       "layer.");
    ImGui::SameLine();
    float speed = snap.sweep.speed;
    ImGui::SetNextItemWidth(fs * 7);
    ImGui::BeginDisabled(!snap.sweep.enabled);
    if (ImGui::SliderFloat("##speed", &speed, 0.5f, 30.0f, "%.1f layers/s",
                           ImGuiSliderFlags_Logarithmic))
        req.sweepSpeed = speed;
    ImGui::SameLine();
    if (ImGui::SmallButton("Replay")) req.replaySweep = true;
    ImGui::EndDisabled();
}

// What the edges show: the weights, or their contributions w·a for this input.
void NetworkView::drawEdgeModes()
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float radio = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
    sameLineIfFits(ImGui::CalcTextSize("Edges:  weight w  contribution w·a").x + 2 * radio +
                   2 * style.ItemSpacing.x);
    ImGui::TextUnformatted("Edges:");
    ImGui::SameLine();
    if (ImGui::RadioButton("weight w", !m_contributions)) m_contributions = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("contribution w·a", m_contributions)) m_contributions = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each edge shows its weight times the activation feeding it:\n"
                          "what it actually adds to the next neuron's weighted sum.");
}

// [SECTION] Column labels

float NetworkView::columnLabelWidth(const Network& net, float scale) const
{
    const float fs = ImGui::GetFontSize();
    ImFont* font = ImGui::GetFont();
    float widest = 0;
    for (int l = 1; l < int(net.sizes.size()); ++l) {
        widest = std::max(widest, font->CalcTextSizeA(fs, 1e9f, 0, columnTitle(net, l).c_str()).x);
        widest = std::max(
            widest, font->CalcTextSizeA(fs * 0.9f, 1e9f, 0, columnSubtitle(net, l).c_str()).x);
    }
    return widest * scale;
}

// The outputs' labels are their class names at up to kOutputLabel × the font (framebuffer pixels).
float NetworkView::outputLabelWidth(const Snapshot& snap, float scale) const
{
    const float size = ImGui::GetFontSize() * kOutputLabel;
    float widest = 0;
    for (int k = 0; k < snap.model.net->outputSize(); ++k)
        widest = std::max(
            widest, ImGui::GetFont()->CalcTextSizeA(size, 1e9f, 0, snap.className(k).c_str()).x);
    return widest * scale;
}

// [SECTION] Instance data (edges, neurons)

void NetworkView::buildEdges(const Snapshot& snap, std::vector<EdgeInstance>& out) const
{
    if (gradientMode(snap)) return buildGradientEdges(snap, out);
    const Network& net = *snap.model.net;
    const NetworkLayout& L = m_layout;
    out.reserve(size_t(net.parameterCount()));
    for (int l = 0; l < net.layerCount(); ++l) {
        const Eigen::MatrixXf& W = net.layers[size_t(l)].W; // (out, in)
        const bool useA = m_contributions && snap.output.trace.a.size() > size_t(l);
        Eigen::MatrixXf values =
            useA ? Eigen::MatrixXf(W * snap.output.trace.a[size_t(l)].asDiagonal()) : W;
        const float largest = std::max(maxAbs(values), 1e-12f);
        const int in = int(W.cols()), outs = int(W.rows());
        for (int i = 0; i < in; ++i)
            for (int j = 0; j < outs; ++j) {
                const float v = values(j, i) / largest;
                if (useA && std::fabs(v) < kFaintestContribution)
                    continue; // (next to) no contribution: nothing visible to draw
                float x0, y0, x1, y1;
                L.edgeEnds(l, i, j, x0, y0, x1, y1);
                out.push_back({x0, y0, x1, y1, v, float(l), float(i), float(j)});
            }
    }
}

void NetworkView::buildNeurons(const Snapshot& snap)
{
    const Network& net = *snap.model.net;
    const NetworkLayout& L = m_layout;
    const float s = L.scale;
    m_neuronData.clear();
    // The input picture and the compressed column are textures (see draw()); only a hovered
    // input cell is a quad, highlighted on the column.
    if (m_hover && m_hover->layer == 0) {
        const float cellHalf = std::max(0.5f, 0.5f * (L.bottom - L.top) / float(L.inputs));
        m_neuronData.push_back({.x = L.inputX,
                                .y = L.inputY(m_hover->neuron),
                                .radius = 0.5f * L.inputW,
                                .square = 1,
                                .fill = kHover,
                                .ring = {},
                                .ringWidth = 0,
                                .halfHeight = std::max(cellHalf, 2.0f * s)});
    }
    for (int l = 1; l < int(net.sizes.size()); ++l) {
        const Eigen::VectorXf& a = snap.shownActivation(l);
        const float full = fullBrightness(net, l, a);
        // The sweep front: the layer being filled in gets a fading highlight ring.
        const float front = snap.sweep.position - float(l - 1);
        const float glow = front > 0.0f && front < 1.0f ? 1.0f - front : 0.0f;
        const bool gradient = gradientMode(snap);
        const float r = L.radius[size_t(l)];
        const int n = net.sizes[size_t(l)];
        for (int j = 0; j < n && j < a.size(); ++j) {
            const Rgba fill = activationColor(a[j] / full);
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
            Rgba shown{fill.r, fill.g, fill.b, 1};
            if (gradient) shadeGradient(snap, ref, s, shown, ring, ringW);
            if (snap.view.selected == ref) {
                ring = kSelected;
                ringW = 3.5f * s;
            }
            if (m_hover && *m_hover == ref) {
                ring = kHover;
                ringW = 3.5f * s;
            }
            m_neuronData.push_back({.x = L.neuronX(l, j),
                                    .y = L.neuronY(l, j),
                                    .radius = r,
                                    .square = 0,
                                    .fill = shown,
                                    .ring = ring,
                                    .ringWidth = std::min(ringW, 0.4f * r), // small discs
                                    .halfHeight = 0});
        }
    }
}

// [SECTION] Drawing into the window (edge picture, hover, neurons)

EdgeShading NetworkView::edgeShading() const
{
    // The input edges (12,544 from 784 pixels to 16 neurons in the bundled models) overlap heavily:
    // keep each faint so the fan stays readable.
    return {float(m_layout.width), float(m_layout.height), m_layout.scale,
            m_contributions || m_gradient ? 0.9f : 0.3f};
}

// The hovered neuron's incoming and outgoing edges, cut from the full edge list, and the quad
// that dims everything else.
void NetworkView::buildHover()
{
    std::vector<EdgeInstance> lit;
    if (m_hover) {
        const float layer = float(m_hover->layer), neuron = float(m_hover->neuron);
        for (const EdgeInstance& e : m_edges.instances())
            if ((e.layer == layer - 1 && e.to == neuron) || (e.layer == layer && e.from == neuron))
                lit.push_back(e);
    }
    m_hoverEdges.upload(asFloats(lit));
    const float w = float(m_layout.width), h = float(m_layout.height);
    const Rgba& bg = kNetworkBackground;
    const NeuronInstance dim{.x = 0.5f * w,
                             .y = 0.5f * h,
                             .radius = 0.5f * w,
                             .square = 1,
                             .fill = {bg.r, bg.g, bg.b, 0.78f},
                             .ring = {},
                             .ringWidth = 0,
                             .halfHeight = 0.5f * h};
    m_dim.upload(asFloats(std::span(&dim, 1)));
}

// The edge picture as it shows while a neuron is hovered: copied, dimmed, the hovered neuron's
// edges drawn again on top. Once per hover or edge picture; the callback then copies it instead.
void NetworkView::renderHoverPicture()
{
    gl::StateGuard guard;
    m_hoverPicture.resize(m_layout.width, m_layout.height);
    m_hoverPicture.bind();
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    m_copyShader.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_edges.texture());
    glUniform1i(m_copyShader.uniform("uTexture"), 0);
    glBindVertexArray(m_copyVao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    m_neuronShader.use();
    glUniform2f(m_neuronShader.uniform("uViewport"), float(m_layout.width),
                float(m_layout.height));
    m_dim.draw();
    useEdgeShader(m_edgeShader, edgeShading(), m_hover);
    m_hoverEdges.draw();
    m_hoverPictured = true;
    m_hoverPictureSource = m_edges.texture();
}

// Neurons change every frame while drawing or sweeping, but cover few pixels: they are drawn
// straight into the window's framebuffer from a draw-list callback, on top of the edge texture,
// instead of re-compositing a second full-size framebuffer.
void NetworkView::neuronCallback(const ImDrawList*, const ImDrawCmd* cmd)
{
    const auto* self = static_cast<const NetworkView*>(cmd->UserCallbackData);
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!self || !dd) return;
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
    const NetworkLayout& L = self->m_layout;
    float maxR = 0;
    for (float r : L.radius)
        maxR = std::max(maxR, r);
    const int ex0 = vx + int(std::floor(L.inputX)) - 1;
    const float right = L.layers() > 0 ? L.columnX.back() + L.stagger.back() : float(L.width);
    const int ex1 = vx + int(std::ceil(right)) + 1;
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
    // While a neuron is hovered, the picture with its edges lit (renderHoverPicture).
    const bool lit = self->m_hover && self->m_hoverPictured;
    glBindTexture(GL_TEXTURE_2D, lit ? self->m_hoverPicture.texture() : self->m_edges.texture());
    glUniform1i(self->m_copyShader.uniform("uTexture"), 0);
    glBindVertexArray(self->m_copyVao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glScissor(cx0, cy0, std::max(0, cx1 - cx0), std::max(0, cy1 - cy0));
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    self->m_neuronShader.use();
    glUniform2f(self->m_neuronShader.uniform("uViewport"), float(self->m_layout.width),
                float(self->m_layout.height));
    self->m_neurons.draw();
}

// [SECTION] Drawing the view, text overlay

// The GL-drawn parts, before the callback draws them: the shaders (compiled after the first
// frame, ~30 ms with llvmpipe), the edge picture, the hover highlight and the neuron instances.
void NetworkView::updateGlParts(const Snapshot& snap, int width, int height, bool firstFrame)
{
    if (!firstFrame && !m_copyShader.id()) {
        m_edgeShader = gl::Shader(m_shaderDir, "edge.vert", "edge.frag");
        m_neuronShader = gl::Shader(m_shaderDir, "neuron.vert", "neuron.frag");
        m_copyShader = gl::Shader(m_shaderDir, "copy.vert", "copy.frag");
    }
    EdgeCache::Frame frame;
    const bool contributions = m_contributions && !m_gradient;
    frame.want = {snap.model.weightsVersion, contributions ? snap.input.version : 0, width,
                  height, contributions, gradientKey(snap), revealedEdgeLayers(snap)};
    frame.training = snap.training.running;
    frame.now = ImGui::GetTime();
    frame.canDraw = !firstFrame;
    const bool rendered = m_edges.update(
        frame, [&](std::vector<EdgeInstance>& out) { buildEdges(snap, out); }, m_edgeShader,
        edgeShading());
    if (m_hover != m_hoverBuilt || !(m_hoverKey == m_edges.key()) || rendered) {
        buildHover();
        m_hoverBuilt = m_hover;
        m_hoverKey = m_edges.key();
        m_hoverPictured = false;
    }
    if (m_hover && !firstFrame && (!m_hoverPictured || m_hoverPictureSource != m_edges.texture()))
        renderHoverPicture();
    buildNeurons(snap);
    if (!std::ranges::equal(asFloats(m_neuronData), asFloats(m_lastNeuronData))) {
        m_neurons.upload(asFloats(m_neuronData));
        m_lastNeuronData = m_neuronData;
    }
}

void NetworkView::draw(const Snapshot& snap, UiRequests& req)
{
    m_gradient = gradientMode(snap);
    drawToolbar(snap, req);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 fbScale = ImGui::GetIO().DisplayFramebufferScale;
    const float scale = std::max(1.0f, fbScale.x);
    const int width = int(avail.x * scale), height = int(avail.y * scale);
    if (width < 32 || height < 32 || !snap.model.net) return; // a sliver: nothing sensible to draw

    m_imageMin = ImGui::GetCursorScreenPos();
    m_imageMax = ImVec2(m_imageMin.x + avail.x, m_imageMin.y + avail.y);

    // The layout (and its labels' widths) only changes with the model's shape or functions (the
    // subtitles), the view's size or the font.
    const Network& net = *snap.model.net;
    const LayoutKey key{net.sizes, net.hidden, net.output, net.dataset,
                        width,     height,     scale,      ImGui::GetFontSize()};
    if (!(key == m_layoutKey)) {
        m_layout =
            NetworkLayout(net.sizes, {width, height, scale, ImGui::GetFontSize() * scale,
                                      columnLabelWidth(net, scale), outputLabelWidth(snap, scale)});
        m_layoutKey = key;
    }

    // Hover from the mouse position this frame, so highlights never lag.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    m_hover.reset();
    if (ImGui::IsWindowHovered() && mouse.x >= m_imageMin.x && mouse.y >= m_imageMin.y &&
        mouse.x < m_imageMax.x && mouse.y < m_imageMax.y)
        m_hover =
            m_layout.hitTest((mouse.x - m_imageMin.x) * scale, (mouse.y - m_imageMin.y) * scale);

    // The very first frame shows the window without edges (cleared texture), the next one
    // with them: a first picture in well under a second even with software GL.
    const bool firstFrame = ImGui::GetFrameCount() <= 1;
    updateGlParts(snap, width, height, firstFrame);

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
    const NetworkLayout& L = m_layout;
    const std::span<const float> pixels(snap.input.pixels.data(), size_t(snap.input.pixels.size()));
    if (snap.input.version != m_inputVersion && int(pixels.size()) == L.inputs) {
        if (L.imageSide > 0) m_inputImage.set(pixels, L.imageSide, L.imageSide);
        m_inputColumn.set(pixels, 1, L.inputs);
        m_inputVersion = snap.input.version;
    }
    if (m_inputVersion == snap.input.version) {
        auto at = [&](float x, float y) {
            return ImVec2(m_imageMin.x + x / scale, m_imageMin.y + y / scale);
        };
        if (L.imageSide > 0)
            dl->AddImage(m_inputImage.imguiId(), at(L.imageX, L.imageY),
                         at(L.imageX + L.imageSize, L.imageY + L.imageSize));
        dl->AddImage(m_inputColumn.imguiId(), at(L.inputX - 0.5f * L.inputW, L.top),
                     at(L.inputX + 0.5f * L.inputW, L.bottom));
    }
    m_hoverEdge.reset();
    if (m_hover) {
        req.hover = m_hover;
        if (m_hover->layer > 0 && ImGui::IsItemClicked(ImGuiMouseButton_Left)) req.select = m_hover;
        if (!m_gradient || m_hover->layer == 0) drawTooltip(snap, *m_hover);
    }
    if (m_gradient) hoverGradient(snap, req, mouse);
    drawOverlay(snap, dl);
    if (m_gradient) drawGradientOverlay(snap, dl);
    drawSurgeryOverlay(snap, dl);
}

bool NetworkView::layerRect(int layer, ImVec2& min, ImVec2& max) const
{
    const NetworkLayout& L = m_layout;
    if (layer < 0 || layer >= int(L.columnX.size()) || L.scale <= 0) return false;
    const float r = layer == 0 ? L.inputX + L.inputW - L.imageX : L.halfWidth(layer) * 1.6f;
    const float cx = layer == 0 ? L.imageX : L.columnX[size_t(layer)] - r;
    min = ImVec2(m_imageMin.x + cx / L.scale, m_imageMin.y + L.top / L.scale - 4);
    max = ImVec2(m_imageMin.x + (cx + 2 * r) / L.scale, m_imageMin.y + L.bottom / L.scale + 4);
    if (layer == 0) max.x = m_imageMin.x + (L.imageX + r) / L.scale;
    return true;
}

void NetworkView::drawOverlay(const Snapshot& snap, ImDrawList* dl) const
{
    const NetworkLayout& L = m_layout;
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
    const int layers = int(net.sizes.size());
    struct Heading {
        float x; // the column's centre, layout units
        std::string title, subtitle;
    };
    std::vector<Heading> headings;
    if (L.imageSide > 0) {
        std::snprintf(buf, sizeof buf, "%d × %d pixels", L.imageSide, L.imageSide);
        headings.push_back({L.imageX + L.imageSize * 0.5f, "input image", buf});
        dl->AddRect(at(L.imageX - 1, L.imageY - 1),
                    at(L.imageX + L.imageSize + 1, L.imageY + L.imageSize + 1), dim);
    }
    std::snprintf(buf, sizeof buf, "%d inputs", L.inputs);
    headings.push_back({L.inputX, buf, "one per pixel"});
    for (int l = 1; l < layers; ++l)
        headings.push_back({L.columnX[size_t(l)], columnTitle(net, l), columnSubtitle(net, l)});
    // Each heading centred on its column and no wider than the distance to its nearer neighbour
    // (less a gap): half of it each side, so two neighbours never meet. Zoomed type in a narrow
    // view shrinks a heading rather than running it into the next; a subtitle too small to read
    // is left out.
    const float titleY = fs * 0.75f * s, subY = fs * 1.8f * s, gap = fs * 0.5f;
    for (size_t i = 0; i < headings.size(); ++i) {
        float room = 1e9f;
        if (i > 0) room = std::min(room, (headings[i].x - headings[i - 1].x) / s);
        if (i + 1 < headings.size()) room = std::min(room, (headings[i + 1].x - headings[i].x) / s);
        const float most = std::max(0.0f, room - gap);
        auto fitted = [&](const std::string& str, float size) {
            const float w = font->CalcTextSizeA(size, 1e9f, 0, str.c_str()).x;
            return w > most ? size * most / w : size;
        };
        centred(headings[i].x, titleY, headings[i].title.c_str(), text,
                std::max(fs * 0.6f, fitted(headings[i].title, fs)));
        const float sub = fitted(headings[i].subtitle, fs * 0.9f);
        if (sub >= fs * 0.6f) centred(headings[i].x, subY, headings[i].subtitle.c_str(), dim, sub);
    }

    // Values inside the neurons (ReLU values are not 0..1, so they must be read), class names
    // and probabilities beside the outputs.
    for (int l = 1; l < layers; ++l) {
        const Eigen::VectorXf& a = snap.shownActivation(l);
        const Activation f = net.activationOf(l - 1);
        const float full = fullBrightness(net, l, a);
        const float r = L.radius[size_t(l)];
        const int n = net.sizes[size_t(l)];
        const bool last = l + 1 == layers;
        const float size = std::min(fs * 0.85f, r / s * 0.78f);
        // The outputs' class name and value beside each, no taller than the discs' spacing.
        const float room = L.pitch[size_t(l)] / s;
        const float big = std::min({fs * kOutputLabel, std::max(fs, r / s * 1.2f), room});
        const float small = std::min(fs * 0.85f, room * 0.8f);
        for (int j = 0; j < n && j < a.size(); ++j) {
            const float x = L.neuronX(l, j), y = L.neuronY(l, j);
            const float b = a[j] / full;
            if (size >= 7.0f && !m_gradient) { // gradient: the colour is −δ
                if (f == Activation::Relu && a[j] >= 10.0f)
                    std::snprintf(buf, sizeof buf, "%.0f", a[j]);
                else if (f == Activation::Relu && a[j] >= 1.0f)
                    std::snprintf(buf, sizeof buf, "%.1f", a[j]);
                else
                    std::snprintf(buf, sizeof buf, "%.2f", a[j]);
                const char* str = buf[0] == '0' && buf[1] == '.' ? buf + 1 : buf; // ".73"
                centred(x, y, str,
                        b > 0.55f ? IM_COL32(10, 10, 14, 255) : IM_COL32(220, 220, 230, 200), size);
            }
            if (last) {
                const bool answer = j == snap.output.answer && snap.answerShown();
                const std::string name = snap.className(j);
                const ImU32 col = answer ? toU32(kPositive) : text;
                const float lx = L.columnX[size_t(l)] + L.halfWidth(l) + fs * 0.6f * s;
                const ImVec2 p = at(lx, y);
                dl->AddText(font, big, ImVec2(p.x, p.y - big * 0.5f), col, name.c_str());
                const float nameW = font->CalcTextSizeA(big, 1e9f, 0, name.c_str()).x;
                std::snprintf(buf, sizeof buf, "%.2f", a[j]);
                if (small >= 7.0f)
                    dl->AddText(font, small,
                                ImVec2(p.x + std::max(big * 0.9f, nameW + big * 0.3f),
                                       p.y - std::min(fs * 0.42f, small * 0.5f)),
                                answer ? col : dim, buf);
            }
        }
    }
    if (snap.model.untrained)
        dl->AddText(at(L.inputX + fs * s, L.bottom - fs * 0.4f * s), toU32(kHover),
                    "untrained (random weights): no bundled model was found");
}

} // namespace nnviz::gui
