// PresentationLayout: see presentation_layout.hpp. Every size derives from the viewport and the
// type's size, which the font atlas is rasterised at while presenting (presentationTypePixels:
// about 1/30 of the screen's height, 36 px on a 1080p projector).
#include "app/gui/window/presentation_layout.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace nnviz::gui {
namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus |
                                    ImGuiWindowFlags_NoTitleBar;
constexpr ImGuiWindowFlags kStill =
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

// Places the next window at a rectangle of the viewport.
void place(ImVec2 at, ImVec2 size)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + at.x, vp->WorkPos.y + at.y));
    ImGui::SetNextWindowSize(ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
}

// place(), and the rectangle in screen coordinates (for the Learn step's outline).
void place(ImVec2 at, ImVec2 size, ImVec2& min, ImVec2& max)
{
    place(at, size);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    min = ImVec2(vp->WorkPos.x + at.x, vp->WorkPos.y + at.y);
    max = ImVec2(min.x + size.x, min.y + size.y);
}

// The current window's rectangle, in window pixels, for the "layout" event.
void recordWindow(WidgetRects& widgets, const char* name)
{
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    widgets[name] = {int(std::lround(p.x * fb.x)), int(std::lround(p.y * fb.y)),
                     int(std::lround(s.x * fb.x)), int(std::lround(s.y * fb.y))};
}

// The largest font of the atlas (it holds one, at the presentation's size, unless another is
// added): scaled, it stays the sharpest.
ImFont* largestFont()
{
    ImFont* best = ImGui::GetFont();
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
        if (f->FontSize > best->FontSize) best = f;
    return best;
}

// Samples the font atlas's texture LINEAR (smooth when scaled) or NEAREST; returns it (null when
// there is none yet).
ImTextureID smoothFontAtlas(bool smooth)
{
    const ImTextureID id = ImGui::GetIO().Fonts->TexID;
    const auto tex = GLuint(reinterpret_cast<uintptr_t>(id));
    if (!tex) return nullptr;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, tex);
    const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
    return id;
}

bool foldable(Focus f)
{
    return f == Focus::WeightMaps || f == Focus::MatrixView || f == Focus::ActivationPlot;
}

} // namespace

int presentationTypePixels(int normalPixels, int windowHeight)
{
    return std::max(int(std::lround(normalPixels * 1.25)), int(std::lround(windowHeight / 30.0)));
}

void PresentationLayout::setActive(bool on)
{
    // Only the texture made smooth here (a rebuilt atlas has its own filter already).
    if (!on && m_smoothed && m_smoothed == ImGui::GetIO().Fonts->TexID) smoothFontAtlas(false);
    m_smoothed = nullptr;
    m_captionH = 0; // measured again for this presentation
}

void PresentationLayout::draw(const Snapshot& snap, UiRequests& req,
                              const std::vector<ImVec2>& trail, WidgetRects& widgets, float pulse)
{
    if (m_smoothed != ImGui::GetIO().Fonts->TexID) m_smoothed = smoothFontAtlas(true);
    m_settling = false;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    // The type: the atlas's size, rasterised for presenting (presentationTypePixels); scaled up
    // should it be smaller (its rebuild waiting).
    ImFont* font = largestFont();
    ImGui::PushFont(font);
    const float pf = std::max(ImGui::GetFontSize(), std::round(H / 30.0f));
    const float small = pf * 0.5f; // small print: the hint, the network's labels
    m_scale = pf / ImGui::GetFontSize();
    // The style is sized for the atlas's type (look.hpp): scaled with it, like the type.
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 padding = style.FramePadding, spacing = style.ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(padding.x * m_scale, padding.y * m_scale));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(spacing.x * m_scale, spacing.y * m_scale));

    // Rows from the bottom: the hint, the caption band; above them the three columns.
    const float hintH = small * 1.6f;
    // The caption band: as high as the steps' text has needed at its size (last frame's;
    // settling() asks for the frame that corrects it), from a quarter to two fifths of the screen.
    const float bandPad = pf * 0.5f;
    const float captionH =
        std::clamp(m_captionH > 0 ? m_captionH + 2 * bandPad + 2 : H * 0.28f, H * 0.25f, H * 0.4f);
    const float topH = std::max(1.0f, H - captionH - hintH);
    float nameW = 0; // the answer's widest class name, at the presentation's size
    if (snap.model.net)
        for (int k = 0; k < snap.model.net->outputSize(); ++k)
            nameW = std::max(nameW, ImGui::CalcTextSize(snap.className(k).c_str()).x * m_scale);
    // The answer: its headline ("2  the network says") or its widest class name with a bar.
    const float answerW = std::clamp(std::max(nameW + pf * 9.0f, pf * 12.5f), W * 0.18f, W * 0.32f);
    const float padW = std::min(topH - pf * 2.4f, W * 0.30f);
    const float centreW = std::max(1.0f, W - padW - answerW);
    // The network's labels smaller than the caption's type (its column headings shrink further
    // where their columns stand close: NetworkView fits each between its neighbours).
    m_netScale = std::min(pf * 0.6f, centreW / 36) / ImGui::GetFontSize();
    // The weight maps and the matrix view are dense: their text near the window's size.
    m_foldScale = pf * 0.6f / ImGui::GetFontSize();
    // ...and their spacing with their type.
    m_basePadding = ImVec2(padding.x * m_foldScale, padding.y * m_foldScale);
    m_baseSpacing = ImVec2(spacing.x * m_foldScale, spacing.y * m_foldScale);

    drawPad(snap, req, trail, widgets, ImVec2(0, 0), ImVec2(padW, topH));
    drawCentre(snap, req, widgets, ImVec2(padW, 0), ImVec2(centreW, topH));
    drawAnswer(snap, req, widgets, ImVec2(padW + centreW, 0), ImVec2(answerW, topH));
    drawCaption(snap, req, widgets, ImVec2(0, topH), ImVec2(W, captionH));

    ImGui::PopStyleVar(2);

    // A quiet way out, in the bottom right corner.
    const char* hint = "Esc: leave presentation   F11: toggle";
    const float hintSize = small;
    const ImVec2 hintExtent = font->CalcTextSizeA(hintSize, 1e9f, 0, hint);
    ImGui::GetBackgroundDrawList()->AddText(font, hintSize,
                                            ImVec2(vp->WorkPos.x + W - hintExtent.x - hintSize,
                                                   vp->WorkPos.y + H - (hintH + hintSize) * 0.5f),
                                            ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    ImGui::PopFont();
    drawFocus(snap.view.focus, pulse);
}

// Left: "Draw a digit" over the pad, which fills the column, and its Clear and brush row. The
// canvas panel's other controls (preview, test set, save) are pushed past the bottom of a
// clipping child: drawn and clickable nowhere, and the pad keeps the room.
void PresentationLayout::drawPad(const Snapshot& snap, UiRequests& req,
                                 const std::vector<ImVec2>& trail, WidgetRects& widgets, ImVec2 at,
                                 ImVec2 size)
{
    place(at, size);
    if (ImGui::Begin("##present_pad", nullptr, kFixed | kStill)) {
        ImGui::SetWindowFontScale(m_scale);
        recordWindow(widgets, "present_pad");
        ImGui::Text("Draw %s", snap.drawingNoun());
        const float row = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y; // Clear
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float side = std::max(16.0f, std::min(avail.x, avail.y - row));
        m_p.canvas.setRoomBelow(0);
        ImGui::BeginChild("##pad_clip", ImVec2(side, side + row), false, kStill);
        ImGui::SetWindowFontScale(m_scale); // a child's child scales with its parent only
        // Tall enough that the panel's pad takes the whole width (CanvasPanel::draw keeps room
        // below the pad for its controls).
        ImGui::BeginChild("##pad_panel", ImVec2(side, side + ImGui::GetMainViewport()->Size.y),
                          false, kStill);
        m_p.canvas.draw(snap, req, trail);
        ImGui::EndChild();
        ImGui::EndChild();
    }
    ImGui::End();
}

// Centre: the network; under it, while the Learn step talks about one, the weight maps, the
// matrix view or the activation plot.
void PresentationLayout::drawCentre(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                    ImVec2 at, ImVec2 size)
{
    const float fs = ImGui::GetFontSize();
    // The network view and the folded panels: dense, their spacing at the folded panels' type.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, m_basePadding);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, m_baseSpacing);
    m_fold = foldable(m_p.learn.stepFocus()) ? m_p.learn.stepFocus() : Focus::None;
    // The maps and the matrix get the larger part: the network still reads when small.
    const float netShare = m_fold == Focus::ActivationPlot ? 0.55f : 0.42f;
    const float netH = m_fold == Focus::None ? size.y : std::round(size.y * netShare);
    place(at, ImVec2(size.x, netH));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.4f, fs * 0.3f));
    if (ImGui::Begin("##present_network", nullptr, kFixed | kStill)) {
        ImGui::SetWindowFontScale(m_netScale);
        recordWindow(widgets, "present_network");
        // The view's toolbar (edge modes, sweep, swap) is left above the top of a clipping
        // child: the network takes the whole window. Its height is last frame's (it changes
        // only with the width and the type size); settling() asks for the frame that corrects it.
        ImGui::BeginChild("##network_clip", ImVec2(0, 0), false, kStill);
        const float top = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - m_toolbarH);
        m_p.network.draw(snap, req);
        const float toolbarH = std::max(0.0f, m_p.network.imageMin().y - (top - m_toolbarH));
        m_settling = m_settling || std::abs(toolbarH - m_toolbarH) > 0.5f;
        m_toolbarH = toolbarH;
        ImGui::EndChild();
    }
    ImGui::End();
    ImGui::PopStyleVar();
    if (m_fold != Focus::None)
        drawFold(snap, req, widgets, ImVec2(at.x, at.y + netH), ImVec2(size.x, size.y - netH));
    ImGui::PopStyleVar(2);
}

// Under the network: the part of the window the Learn step talks about.
void PresentationLayout::drawFold(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                  ImVec2 at, ImVec2 size)
{
    place(at, size, m_foldMin, m_foldMax);
    const bool plot = m_fold == Focus::ActivationPlot;
    if (ImGui::Begin("##present_fold", nullptr, kFixed | (plot ? kStill : 0))) {
        // The maps and the matrix need their room more than large labels.
        ImGui::SetWindowFontScale(plot ? m_scale : m_foldScale);
        recordWindow(widgets, "present_fold");
        if (m_fold == Focus::WeightMaps) m_p.weights.draw(snap, req);
        if (m_fold == Focus::MatrixView) m_p.matrix.draw(snap, req);
        if (plot) m_p.plot.draw(snap, req);
    }
    ImGui::End();
}

// Right: the answer, its class and bars at the presentation's size.
void PresentationLayout::drawAnswer(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                    ImVec2 at, ImVec2 size)
{
    place(at, size, m_answerMin, m_answerMax);
    if (ImGui::Begin("##present_answer", nullptr, kFixed | kStill)) {
        ImGui::SetWindowFontScale(m_scale);
        recordWindow(widgets, "present_answer");
        m_p.outputs.draw(snap, req);
    }
    ImGui::End();
}

// Bottom: the Learn step as a caption. Transparent like every panel: an opaque band costs a
// software renderer ~10 ms a frame at 3840×2160.
void PresentationLayout::drawCaption(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                     ImVec2 at, ImVec2 size)
{
    const float fs = ImGui::GetFontSize();
    place(at, size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * m_scale, fs * m_scale * 0.5f));
    if (ImGui::Begin("##present_caption", nullptr, kFixed | kStill)) {
        ImGui::SetWindowFontScale(m_scale * 0.9f);
        recordWindow(widgets, "present_caption");
        // The band only grows while presenting (to the longest step shown so far): the pad and
        // the network do not change size at every step.
        const float need = m_p.learn.drawCaption(snap, req, widgets);
        if (need > m_captionH + 0.5f) {
            m_captionH = need;
            m_settling = true;
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

// The Learn step's pulsing outline, as MainLayout::drawFocus draws it, on this layout's parts.
void PresentationLayout::drawFocus(Focus focus, float pulse) const
{
    ImVec2 a, b;
    switch (focus) {
    case Focus::None:
        return;
    case Focus::Canvas:
        a = m_p.canvas.canvasMin();
        b = m_p.canvas.canvasMax();
        break;
    case Focus::InputImage: // the pad's preview is clipped away; the network shows the input
        if (!m_p.network.layerRect(0, a, b)) return;
        break;
    case Focus::NetworkView:
        a = m_p.network.imageMin();
        b = m_p.network.imageMax();
        break;
    case Focus::Layer1:
        if (!m_p.network.layerRect(1, a, b)) return;
        break;
    case Focus::Layer2:
        if (!m_p.network.layerRect(2, a, b)) return;
        break;
    case Focus::Outputs:
        a = m_answerMin;
        b = m_answerMax;
        break;
    case Focus::WeightMaps:
    case Focus::MatrixView:
    case Focus::ActivationPlot:
        if (focus != m_fold) return;
        a = m_foldMin;
        b = m_foldMax;
        break;
    }
    const float w = std::max(3.0f, ImGui::GetFontSize() * 0.12f);
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(a.x - w, a.y - w), ImVec2(b.x + w, b.y + w),
                                            IM_COL32(255, 204, 64, int(255 * pulse)), 2 * w, 0, w);
}

} // namespace nnviz::gui
