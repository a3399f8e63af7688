// PresentationLayout: see presentation_layout.hpp. Every size derives from the viewport and the
// window's type size; the type here is scaled up to about 1/30 of the screen's height (36 px on a
// 1080p projector), never below 1.25 × the window's.
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

// The current window's rectangle, in window pixels, for the "layout" event.
void recordWindow(WidgetRects& widgets, const char* name)
{
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    widgets[name] = {int(std::lround(p.x * fb.x)), int(std::lround(p.y * fb.y)),
                     int(std::lround(s.x * fb.x)), int(std::lround(s.y * fb.y))};
}

// The largest font of the atlas: scaled up, it stays the sharpest.
ImFont* largestFont()
{
    ImFont* best = ImGui::GetFont();
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
        if (f->FontSize > best->FontSize) best = f;
    return best;
}

// Samples the font atlas LINEAR (smooth when scaled) or NEAREST; false when it has no texture yet.
bool smoothFontAtlas(bool smooth)
{
    const auto tex = GLuint(reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
    if (!tex) return false;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, tex);
    const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
    return true;
}

bool foldable(Focus f)
{
    return f == Focus::WeightMaps || f == Focus::MatrixView || f == Focus::ActivationPlot;
}

} // namespace

void PresentationLayout::setActive(bool on)
{
    if (!on && m_smooth) smoothFontAtlas(false);
    m_smooth = false;
}

void PresentationLayout::draw(const Snapshot& snap, UiRequests& req,
                              const std::vector<ImVec2>& trail, WidgetRects& widgets, float pulse)
{
    if (!m_smooth) m_smooth = smoothFontAtlas(true);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    const float base = ImGui::GetFontSize(); // the window's type size
    const float pf = std::max(base * 1.25f, H / 30.0f);
    ImFont* font = largestFont();
    ImGui::PushFont(font);
    m_scale = pf / ImGui::GetFontSize();

    // Rows from the bottom: the hint, the caption band; above them the three columns.
    const float hintH = base * 1.6f;
    const float captionH = std::clamp(H * 0.28f, pf * 6.5f, H * 0.42f);
    const float topH = std::max(1.0f, H - captionH - hintH);
    float nameW = 0; // the answer's widest class name, at the presentation's size
    if (snap.model.net)
        for (int k = 0; k < snap.model.net->outputSize(); ++k)
            nameW = std::max(nameW, ImGui::CalcTextSize(snap.className(k).c_str()).x * m_scale);
    // The network's labels a little smaller: its columns are narrow for long titles.
    m_netScale = std::max(base, pf * 0.58f) / ImGui::GetFontSize();
    // The answer: its headline ("2  the network says") or its widest class name with a bar.
    const float answerW = std::clamp(std::max(nameW + pf * 9.0f, pf * 12.5f), W * 0.18f, W * 0.32f);
    const float padW = std::min(topH - pf * 2.4f, W * 0.30f);
    const float centreW = std::max(1.0f, W - padW - answerW);

    drawPad(snap, req, trail, widgets, ImVec2(0, 0), ImVec2(padW, topH));
    drawCentre(snap, req, widgets, ImVec2(padW, 0), ImVec2(centreW, topH));
    drawAnswer(snap, req, widgets, ImVec2(padW + centreW, 0), ImVec2(answerW, topH));
    drawCaption(snap, req, widgets, ImVec2(0, topH), ImVec2(W, captionH));

    // A quiet way out, in the bottom right corner.
    const char* hint = "Esc: leave presentation   F11: toggle";
    const ImVec2 hintSize = font->CalcTextSizeA(base, 1e9f, 0, hint);
    ImGui::GetBackgroundDrawList()->AddText(
        font, base,
        ImVec2(vp->WorkPos.x + W - hintSize.x - base, vp->WorkPos.y + H - (hintH + base) * 0.5f),
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
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    m_fold = foldable(m_p.learn.stepFocus()) ? m_p.learn.stepFocus() : Focus::None;
    const float netH = m_fold == Focus::None ? size.y : std::round(size.y * 0.55f);
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
        m_settling = std::abs(toolbarH - m_toolbarH) > 0.5f;
        m_toolbarH = toolbarH;
        ImGui::EndChild();
    }
    ImGui::End();
    ImGui::PopStyleVar();
    if (m_fold == Focus::None) return;

    place(ImVec2(at.x, at.y + netH), ImVec2(size.x, size.y - netH));
    m_foldMin = ImVec2(vp->WorkPos.x + at.x, vp->WorkPos.y + at.y + netH);
    m_foldMax = ImVec2(m_foldMin.x + size.x, vp->WorkPos.y + at.y + size.y);
    const bool plot = m_fold == Focus::ActivationPlot;
    if (ImGui::Begin("##present_fold", nullptr, kFixed | (plot ? kStill : 0))) {
        // The maps and the matrix need their room more than large labels.
        ImGui::SetWindowFontScale(plot ? m_scale : std::min(m_scale, 1.0f + (m_scale - 1) * 0.5f));
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
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    place(at, size);
    m_answerMin = ImVec2(vp->WorkPos.x + at.x, vp->WorkPos.y + at.y);
    m_answerMax = ImVec2(m_answerMin.x + size.x, m_answerMin.y + size.y);
    if (ImGui::Begin("##present_answer", nullptr, kFixed | kStill)) {
        ImGui::SetWindowFontScale(m_scale);
        recordWindow(widgets, "present_answer");
        m_p.outputs.draw(snap, req);
    }
    ImGui::End();
}

// Bottom: the Learn step as a caption, on a band a shade lighter than the window.
void PresentationLayout::drawCaption(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                                     ImVec2 at, ImVec2 size)
{
    const float fs = ImGui::GetFontSize();
    place(at, size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.11f, 0.12f, 0.15f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * m_scale, fs * m_scale * 0.5f));
    if (ImGui::Begin("##present_caption", nullptr, kFixed)) {
        ImGui::SetWindowFontScale(m_scale * 0.9f);
        recordWindow(widgets, "present_caption");
        m_p.learn.drawCaption(snap, req, widgets);
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
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
