// The drawing pad: left button draws, right button erases, with a soft round brush; successive
// mouse positions (every cursor event, not just one per frame) are joined by segments so fast
// strokes stay continuous. Beside it the input the network sees (28×28 for MNIST), a
// preprocessed/raw switch, test-set digits (the test set is AppModel's, in the snapshot) and saving
// the drawing as PNG.
#pragma once

#include "app/gui/gl/gray_texture.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/widgets/saliency_overlay.hpp"

#include <imgui.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace nnviz::gui {

class CanvasPanel {
public:
    // trail: cursor positions (screen coordinates) reported since the previous frame.
    void draw(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail);
    // Room the window wants below the panel (the colour legend): the pad gives up to 15 % of
    // its side for it, else the room is not kept.
    void setRoomBelow(float height) { m_roomBelow = height; }

    // Screen rectangles, for the "ready" event and the Learn panel's focus outline.
    ImVec2 canvasMin() const { return m_canvasMin; }
    ImVec2 canvasMax() const { return m_canvasMax; }
    ImVec2 inputMin() const { return m_inputMin; }
    ImVec2 inputMax() const { return m_inputMax; }

private:
    float m_roomBelow = 0;
    void drawPad(const Snapshot& snap, UiRequests& req, const std::vector<ImVec2>& trail,
                 float side);
    void drawInputPreview(const Snapshot& snap, UiRequests& req, float side);
    void drawTestSet(const Snapshot& snap, UiRequests& req);
    void drawSave(const Snapshot& snap);
    void loadTestImage(const Snapshot& snap, UiRequests& req, int index);

    gl::GrayTexture m_canvasTexture{false},
        m_inputTexture{false}; // NEAREST: one llvmpipe shader variant
    uint64_t m_canvasVersion = ~0ull, m_inputVersion = ~0ull;
    SaliencyOverlay m_overlay; // the Explain tab's saliency over the pad and the input
    float m_brush = 11.0f;        // radius in canvas pixels (canvas is 280 wide)
    std::optional<ImVec2> m_last; // previous brush position while a stroke is on
    ImVec2 m_canvasMin{}, m_canvasMax{}, m_inputMin{}, m_inputMax{};

    int m_index = 0;
    std::string m_loadedLabel; // "test #123: label 7"
    std::mt19937 m_rng{12345};

    char m_savePath[512] = "nnviz-digit.png";
    std::string m_saveMessage;
};

} // namespace nnviz::gui
