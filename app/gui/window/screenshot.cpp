// ScreenshotWriter: see screenshot.hpp.
#include "app/gui/window/screenshot.hpp"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <vector>

namespace nnviz::gui {

bool ScreenshotWriter::write(int width, int height) const
{
    std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    std::vector<unsigned char> flipped(pixels.size());
    const size_t row = size_t(width) * 4;
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + size_t(height - 1 - y) * row, row,
                    flipped.data() + size_t(y) * row);
    for (size_t i = 3; i < flipped.size(); i += 4)
        flipped[i] = 255;
    std::error_code ec;
    if (m_file.has_parent_path()) std::filesystem::create_directories(m_file.parent_path(), ec);
    if (stbi_write_png(m_file.string().c_str(), width, height, 4, flipped.data(), int(row)))
        return true;
    std::fprintf(stderr, "nnviz: cannot write %s\n", m_file.string().c_str());
    return false;
}

} // namespace nnviz::gui
