// The colour language shared by every panel: green = positive, red = negative, dim near zero;
// activations dark (0) to bright (1). Shaders use the same constants (shaders/common.glsl).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace nnviz::gui {

struct Rgba {
    float r, g, b, a;
};

inline constexpr Rgba kPositive{0.20f, 0.85f, 0.35f, 1.0f}; // w > 0
inline constexpr Rgba kNegative{0.95f, 0.25f, 0.25f, 1.0f}; // w < 0
inline constexpr Rgba kZero{0.08f, 0.08f, 0.10f, 1.0f};     // w ≈ 0: near the background

// Backprop's marks: a saturated sigmoid neuron (f′ small) and an inactive ReLU one (f′ = 0).
inline constexpr Rgba kSaturatedRing{1.00f, 0.60f, 0.15f, 1.0f};
inline constexpr Rgba kInactiveRing{0.45f, 0.55f, 0.95f, 1.0f};

// Signed value v on a symmetric scale [−scale, scale] → colour, blending from kZero.
inline Rgba signedColor(float v, float scale)
{
    const float t = scale > 0 ? std::clamp(std::fabs(v) / scale, 0.0f, 1.0f) : 0.0f;
    const Rgba& end = v >= 0 ? kPositive : kNegative;
    return {kZero.r + (end.r - kZero.r) * t, kZero.g + (end.g - kZero.g) * t,
            kZero.b + (end.b - kZero.b) * t, 1.0f};
}

// Activation 0..1 → grey level (dark = 0, bright = 1), as the video draws neurons.
inline Rgba activationColor(float a)
{
    const float t = std::clamp(a, 0.0f, 1.0f);
    const float v = 0.06f + 0.94f * t;
    return {v, v, v, 1.0f};
}

inline uint32_t packRgba8(const Rgba& c)
{
    auto byte = [](float x) { return uint32_t(std::lround(std::clamp(x, 0.0f, 1.0f) * 255.0f)); };
    return byte(c.r) | (byte(c.g) << 8) | (byte(c.b) << 16) | (byte(c.a) << 24);
}

} // namespace nnviz::gui
