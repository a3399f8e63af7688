// --screenshot FILE: a PNG of the window once the first frames are drawn and the sweep has
// settled (at most 120 frames in), then the window closes.
#pragma once

#include <filesystem>

namespace nnviz::gui {

class ScreenshotWriter {
  public:
    explicit ScreenshotWriter(std::filesystem::path file) : m_file(std::move(file)) {}

    // Whether to take it after this many frames drawn, the model settled (no sweep) or not.
    bool due(int framesDrawn, bool settled) const
    {
        return !m_file.empty() && ((framesDrawn >= 8 && settled) || framesDrawn >= 120);
    }
    // Reads the back buffer (before the swap) and writes the PNG, creating its directory; false
    // (and why, on stderr) when it cannot.
    bool write(int width, int height) const;

  private:
    std::filesystem::path m_file;
};

} // namespace nnviz::gui
