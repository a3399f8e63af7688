// CanvasPanel: see canvas_panel.hpp. The pad follows the ImGui demo's canvas: an InvisibleButton
// catches the mouse, the draw list paints the texture and the brush outline.
#include "app/gui/panels/canvas_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "core/errors.hpp"
#include "core/image.hpp"

#include <algorithm>
#include <cmath>

namespace nnviz::gui {

void CanvasPanel::draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Leave room under the pad for the preview row and the controls, counted row by row (not
    // measured: the pad must have its size from the first frame, which the "ready" event
    // reports, and keep it when a status line comes or goes): the brush row, its hint, the
    // preview beside its four rows, the test set's title, index row and status line, the save
    // row, and the spacing after each (a separator takes only spacing).
    const float F = ImGui::GetFrameHeightWithSpacing(), T = ImGui::GetTextLineHeightWithSpacing();
    const float sp = style.ItemSpacing.y;
    const float previewSide = std::min(avail.x * 0.42f, F * 5.0f);
    const float below =
        sp + F + T + sp + std::max(previewSide + sp, 2 * T + 2 * F) + sp + T + F + T + F;
    const float full = std::min(avail.x, avail.y - below);
    const float shrunk = avail.y - below - m_roomBelow - style.ItemSpacing.y;
    // Whole pixels: the texture maps onto them cleanly and the frame is drawn the same width at
    // every window size.
    const float side =
        std::floor(std::max(64.0f, shrunk >= full * 0.85f ? std::min(full, shrunk) : full));
    drawPad(snap, req, trail, side);

    if (ImGui::Button("Clear (C)")) req.clearCanvas = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(40.0f, ImGui::GetContentRegionAvail().x));
    ImGui::SliderFloat("##brush", &m_brush, 4.0f, 30.0f, "brush %.0f");
    ImGui::TextDisabled("Left: draw   Right: erase");

    ImGui::Separator();
    drawInputPreview(snap, req, previewSide);
    ImGui::Separator();
    drawTestSet(snap, req);
    drawSave(snap);
}

void CanvasPanel::drawPad(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                          float side)
{
    if (snap.input.canvas && snap.input.canvasVersion != m_canvasVersion) {
        m_canvasTexture.set(snap.input.canvas->pixels, snap.input.canvas->width,
                            snap.input.canvas->height);
        m_canvasVersion = snap.input.canvasVersion;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 p0(std::floor(at.x), std::floor(at.y));
    ImGui::SetCursorScreenPos(p0);
    const ImVec2 p1(p0.x + side, p0.y + side);
    m_canvasMin = p0;
    m_canvasMax = p1;
    ImGui::InvisibleButton("canvas", ImVec2(side, side),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImage(reinterpret_cast<void*>(static_cast<uintptr_t>(m_canvasTexture.id())), p0, p1);
    m_overlay.drawOnPad(snap, p0, p1);
    // The frame inside the pad's rectangle, in whole pixels (1, 2 while drawing): an
    // anti-aliased 2 px line spread over 1 to 3 pixels depending on the window's size, so the pad
    // on screen did not always match the rectangle the "ready" and "layout" events report.
    const ImU32 frame = ImGui::GetColorU32(active ? ImGuiCol_SliderGrabActive : ImGuiCol_Border);
    const float t = active ? 2.0f : 1.0f;
    dl->AddRectFilled(p0, ImVec2(p1.x, p0.y + t), frame);
    dl->AddRectFilled(ImVec2(p0.x, p1.y - t), p1, frame);
    dl->AddRectFilled(ImVec2(p0.x, p0.y + t), ImVec2(p0.x + t, p1.y - t), frame);
    dl->AddRectFilled(ImVec2(p1.x - t, p0.y + t), ImVec2(p1.x, p1.y - t), frame);

    const float toCanvas = float(snap.input.canvas->width) / side;
    const ImGuiIO& io = ImGui::GetIO();
    if (active) {
        const bool erase =
            io.MouseDown[ImGuiMouseButton_Right] && !io.MouseDown[ImGuiMouseButton_Left];
        auto canvasPoint = [&](ImVec2 s) {
            return ImVec2((s.x - p0.x) * toCanvas, (s.y - p0.y) * toCanvas);
        };
        auto strokeTo = [&](ImVec2 p) {
            const ImVec2 from = m_last.value_or(p);
            req.strokes.push_back({from.x, from.y, p.x, p.y, m_brush, erase});
            m_last = p;
        };
        // Every cursor event since the last frame, so a fast stroke is a polyline, not a jump.
        // On the stroke's first frame the trail may hold moves from before the press: the
        // stroke starts where the button went down and goes straight to where the cursor is
        // now (a slow frame, as on a 4K screen, would otherwise lose the stroke's start).
        if (m_last)
            for (const ImVec2& s : trail)
                strokeTo(canvasPoint(s));
        else
            strokeTo(canvasPoint(
                io.MouseClickedPos[erase ? ImGuiMouseButton_Right : ImGuiMouseButton_Left]));
        const ImVec2 now = canvasPoint(io.MousePos);
        if (!m_last || now.x != m_last->x || now.y != m_last->y) strokeTo(now);
    } else {
        m_last.reset();
    }
    if (hovered || active) {
        // Brush outline: what the next dab will cover.
        dl->PushClipRect(p0, p1, true);
        dl->AddCircle(io.MousePos, m_brush / toCanvas, IM_COL32(255, 200, 80, 160), 32, 1.5f);
        dl->PopClipRect();
    }
    if (snap.input.canvasVersion <= 1 && !active && snap.input.pixels.isZero()) {
        const std::string text = std::string("draw ") + snap.drawingNoun() + " here";
        const char* hint = text.c_str();
        const ImVec2 ts = ImGui::CalcTextSize(hint);
        dl->AddText(ImVec2(0.5f * (p0.x + p1.x - ts.x), 0.5f * (p0.y + p1.y - ts.y)),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    }
}

void CanvasPanel::drawInputPreview(const Snapshot& snap, UiRequests& req, float side)
{
    // The input as the image it is (imageShapeFor: 784 values are 28×28).
    const int n = int(snap.input.pixels.size());
    const ImageShape shape = imageShapeFor(n);
    if (snap.input.version != m_inputVersion && n > 0) {
        m_inputTexture.set(std::span<const float>(snap.input.pixels.data(), size_t(n)), shape.w,
                           shape.h);
        m_inputVersion = snap.input.version;
    }
    const float height =
        shape.w > 0 ? std::max(4.0f, side * float(shape.h) / float(shape.w)) : side;
    ImGui::BeginGroup();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Image(m_inputTexture.imguiId(), ImVec2(side, height));
    m_inputMin = p0;
    m_inputMax = ImVec2(p0.x + side, p0.y + height);
    m_overlay.drawOnInput(snap, m_inputMin, m_inputMax);
    ImGui::GetWindowDrawList()->AddRect(p0, m_inputMax, ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::EndGroup();
    const std::string size = imageSizeText(n), grid = shapeText(n);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The %s numbers the network reads, 0 (black) to 1 (white).",
                          size.c_str());
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Network input");
    ImGui::TextDisabled("%s", size.c_str());
    int raw = snap.input.useRaw ? 1 : 0;
    if (ImGui::RadioButton("preprocessed", &raw, 0)) req.rawInput = false;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(snap.dataset() == DatasetKind::Fashion
                              ? "As Fashion-MNIST was made: crop to the ink, fill %s\n"
                                "with its longer side, centred."
                              : "As MNIST was made: crop to the ink, fit in 20×20,\n"
                                "centre of mass at the centre of %s.",
                          grid.c_str());
    if (ImGui::RadioButton("raw", &raw, 1)) req.rawInput = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The drawing only shrunk to %s: a small or off-centre\n"
                          "drawing looks unlike the training data, and answers suffer.",
                          grid.c_str());
    ImGui::EndGroup();
}

void CanvasPanel::loadTestImage(const Snapshot& snap, UiRequests& req, int index)
{
    const Dataset* test = snap.data.testSet.get();
    if (!test || test->size() == 0) return;
    m_index = std::clamp(index, 0, int(test->size()) - 1);
    req.setImage = ImageRef{snap.data.kind, Split::Test, size_t(m_index)};
    m_loadedLabel = "test #" + std::to_string(m_index) + ": labelled " +
                    snap.className(test->labels[size_t(m_index)]);
}

void CanvasPanel::drawTestSet(const Snapshot& snap, UiRequests& req)
{
    ImGui::TextUnformatted(snap.dataset() == DatasetKind::Fashion ? "Fashion-MNIST test set"
                                                                  : "MNIST test set");
    const bool ready = snap.data.testSet && snap.data.testSet->size() > 0;
    ImGui::BeginDisabled(!ready);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputInt("##index", &m_index, 1, 100, ImGuiInputTextFlags_EnterReturnsTrue))
        loadTestImage(snap, req, m_index);
    ImGui::SameLine();
    if (ImGui::Button("Load")) loadTestImage(snap, req, m_index);
    ImGui::SameLine();
    if (ImGui::Button("Random") && ready)
        loadTestImage(
            snap, req,
            std::uniform_int_distribution<int>(0, int(snap.data.testSet->size()) - 1)(m_rng));
    ImGui::EndDisabled();
    if (snap.data.testSetLoading) {
        ImGui::TextDisabled("loading…");
    } else if (!snap.data.testSetError.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kWarningText, "%s", snap.data.testSetError.c_str());
        ImGui::TextDisabled("Fetch it with: make setup   (or third_party/fetch-data)");
        ImGui::PopTextWrapPos();
    } else if (!m_loadedLabel.empty()) {
        ImGui::TextDisabled("%s", m_loadedLabel.c_str());
    }
}

void CanvasPanel::drawSave(const Snapshot& snap)
{
    ImGui::SetNextItemWidth(std::max(40.0f, ImGui::GetContentRegionAvail().x -
                                                ImGui::CalcTextSize("Save PNG").x -
                                                ImGui::GetStyle().FramePadding.x * 4));
    ImGui::InputText("##save", m_savePath, sizeof m_savePath);
    ImGui::SameLine();
    if (ImGui::Button("Save PNG") && snap.input.canvas) {
        try {
            savePng(*snap.input.canvas, m_savePath);
            m_saveMessage = std::string("saved ") + m_savePath;
        } catch (const Error& e) {
            m_saveMessage = e.what();
        }
    }
    if (!m_saveMessage.empty()) ImGui::TextDisabled("%s", m_saveMessage.c_str());
    if (!snap.input.imageMessage.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, snap.input.imageFailed
                                                 ? kErrorText
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", snap.input.imageMessage.c_str());
        ImGui::PopStyleColor();
    }
}

} // namespace nnviz::gui
