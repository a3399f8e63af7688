// Random affine augmentation (shift, rotation, scale about the centre) with bilinear sampling.
// Runs once per training sample, so it walks the output with incremental affine steps and reads
// from a zero-padded float copy of the source instead of bounds-checking every tap.
#include "core/augment.hpp"

#include "core/dataset.hpp"
#include "core/errors.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace nnviz {

void augmentImage(std::span<const uint8_t> src, int rows, int cols, float* dst, Rng& rng,
                  const AugmentConfig& cfg)
{
    if (rows <= 0 || cols <= 0 || src.size() != size_t(rows) * size_t(cols))
        throw DataError("augmentImage: " + std::to_string(src.size()) + " pixels for a " +
                        std::to_string(rows) + "×" + std::to_string(cols) + " image");

    // Always four draws in this order (shift x, shift y, angle, scale), so a seed gives the same
    // sequence whatever the configuration.
    const double dx = rng.uniform(-cfg.maxShift, cfg.maxShift);
    const double dy = rng.uniform(-cfg.maxShift, cfg.maxShift);
    const double angle =
        rng.uniform(-cfg.maxRotateDeg, cfg.maxRotateDeg) * (std::numbers::pi / 180.0);
    double scale = rng.uniform(1.0 - cfg.maxScale, 1.0 + cfg.maxScale);
    if (!(scale > 0.05)) scale = 0.05; // a collapsing or mirrored digit is not an augmentation

    // Source with a one-pixel border of zeros: (rows+2, cols+2), values in [0, 1].
    const int pw = cols + 2;
    thread_local std::vector<float> pad;
    pad.assign(size_t(rows + 2) * size_t(pw), 0.0f);
    for (int y = 0; y < rows; ++y) {
        const uint8_t* s = src.data() + size_t(y) * size_t(cols);
        float* p = pad.data() + size_t(y + 1) * size_t(pw) + 1;
        for (int x = 0; x < cols; ++x)
            p[x] = pixelInput(s[x]);
    }

    // Output pixel q maps to source p = C + R(−θ)(q − C − t) / s, C the image centre. Along a
    // row p moves by a constant step, so only each row's start is computed from scratch.
    const double cx = (cols - 1) / 2.0, cy = (rows - 1) / 2.0;
    const double c = std::cos(angle) / scale, sn = std::sin(angle) / scale;
    const float stepX = float(c), stepY = float(-sn); // ∂p/∂x of the output
    const float maxX = float(cols + 1), maxY = float(rows + 1);
    for (int y = 0; y < rows; ++y) {
        const double u = -cx - dx, v = y - cy - dy; // q − C − t at x = 0
        // +1: coordinates in the padded image.
        float px = float(cx + c * u + sn * v) + 1.0f;
        float py = float(cy - sn * u + c * v) + 1.0f;
        float* out = dst + size_t(y) * size_t(cols);
        for (int x = 0; x < cols; ++x, px += stepX, py += stepY) {
            // Written so NaN lands in the "outside" branch.
            if (!(px >= 0.0f && py >= 0.0f && px < maxX && py < maxY)) {
                out[x] = 0.0f;
                continue;
            }
            const int x0 = int(px), y0 = int(py);
            const float fx = px - float(x0), fy = py - float(y0);
            const float* r0 = pad.data() + size_t(y0) * size_t(pw) + size_t(x0);
            const float* r1 = r0 + pw;
            const float top = r0[0] + fx * (r0[1] - r0[0]);
            const float bottom = r1[0] + fx * (r1[1] - r1[0]);
            out[x] = top + fy * (bottom - top);
        }
    }
}

} // namespace nnviz
