// Input the window gives itself, besides the person's: --image FILE put on the pad at the first
// frame (as if dropped on the window), and for --bench-frames a handwritten-looking "2" drawn one
// segment per frame, then again from a clean pad.
#pragma once

#include "app/gui/model/snapshot.hpp"

#include <filesystem>
#include <vector>

namespace nnviz::gui {

class DemoInput {
  public:
    // image: empty for none; drawDigit: the bench's digit, frame after frame.
    DemoInput(std::filesystem::path image, bool drawDigit);

    // This frame's share, added to the frame's requests.
    void addTo(UiRequests& req);

  private:
    std::filesystem::path m_image;
    std::vector<CanvasStroke> m_digit; // one segment per frame; empty: no digit
    size_t m_step = 0;
};

} // namespace nnviz::gui
