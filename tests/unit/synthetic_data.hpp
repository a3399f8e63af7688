// A small synthetic classification problem for the trainer and session tests.
#pragma once

#include "core/dataset.hpp"
#include "core/random.hpp"

#include <cstdint>

namespace nnviz::test {

// n images of 4×4 pixels. Class c (0..3) lights quadrant c at 150..255; every other pixel is
// noise in 0..99, so the classes are separable but not by a single pixel.
inline Dataset quadrants(size_t n, uint64_t seed)
{
    Dataset d;
    d.name = "quadrants";
    d.rows = d.cols = 4;
    std::vector<uint8_t> pixels(n * 16);
    d.labels.resize(n);
    Rng rng(seed);
    for (size_t i = 0; i < n; ++i) {
        const int c = int(rng.below(4));
        d.labels[i] = uint8_t(c);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                const bool lit = (y / 2) * 2 + x / 2 == c;
                pixels[i * 16 + size_t(y * 4 + x)] =
                    uint8_t(lit ? 150 + rng.below(106) : rng.below(100));
            }
    }
    d.setPixels(pixels);
    return d;
}

} // namespace nnviz::test
