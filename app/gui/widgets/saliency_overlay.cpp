// SaliencyOverlay: see saliency_overlay.hpp.
#include "app/gui/widgets/saliency_overlay.hpp"

#include "app/gui/widgets/heatmap.hpp"

namespace nnviz::gui {

bool SaliencyOverlay::refresh(const Snapshot& snap)
{
    const ExplainState& e = snap.explain;
    const int n = int(e.saliency.size());
    if (!e.overlay || n == 0 || n != int(snap.input.pixels.size()) || !snap.input.ink) return false;
    if (e.version != m_version) {
        const ImageShape s = imageShapeFor(n);
        const std::vector<uint32_t> px = overlayPixels(e.saliency, e.scale);
        m_texture.upload(s.w, s.h, px.data());
        m_version = e.version;
    }
    return m_texture.valid();
}

void SaliencyOverlay::drawOnInput(const Snapshot& snap, ImVec2 p0, ImVec2 p1)
{
    if (!refresh(snap)) return;
    ImGui::GetWindowDrawList()->AddImage(m_texture.id(), p0, p1);
}

void SaliencyOverlay::drawOnPad(const Snapshot& snap, ImVec2 p0, ImVec2 p1)
{
    if (!refresh(snap) || !snap.input.canvas || snap.input.canvas->width <= 0) return;
    const auto& on = snap.explain.onPad;
    const float toScreen = (p1.x - p0.x) / float(snap.input.canvas->width);
    const ImVec2 a(p0.x + on.x * toScreen, p0.y + on.y * toScreen);
    const ImVec2 b(a.x + on.w * toScreen, a.y + on.h * toScreen);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(p0, p1, true);
    dl->AddImage(m_texture.id(), a, b);
    dl->PopClipRect();
}

} // namespace nnviz::gui
