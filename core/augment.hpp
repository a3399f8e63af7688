// Training-time augmentation: small random shifts and rotations, which make the network more
// forgiving of digits drawn with a mouse (off-centre, tilted).
#pragma once

#include "core/random.hpp"

#include <cstdint>
#include <span>

namespace nnviz {

struct AugmentConfig {
    float maxShift = 2.0f;      // pixels, uniform in [−maxShift, maxShift] on each axis
    float maxRotateDeg = 10.0f; // degrees, uniform in [−max, max]
    float maxScale = 0.1f;      // relative, uniform in [1−s, 1+s]
};

// Writes a randomly transformed copy of src (rows × cols uint8) into dst (rows·cols floats in
// [0, 1]), bilinear sampling about the image centre.
void augmentImage(std::span<const uint8_t> src, int rows, int cols, float* dst, Rng& rng,
                  const AugmentConfig& cfg = {});

} // namespace nnviz
