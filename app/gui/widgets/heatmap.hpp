// Pure heatmap math for the weight and matrix panels (no GL, no ImGui, unit-tested in
// tests/app_units): weight vectors → RGBA8 pixels in the colours of colors.hpp, the effective
// pixel-space map of a deeper neuron, and how bright an activation is drawn.
#pragma once

#include "core/network.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace nnviz::gui {

// How a vector of n values is laid out as an image: 784 → 28×28; a non-square n → n×1 strip.
struct ImageShape {
    int w = 0, h = 0;
};
ImageShape imageShapeFor(int n);

// How n tiles (each h/w = aspect) fill a width × height area in rows: the column count giving
// the largest tiles when tiles are gap apart and every row also needs rowExtra pixels below its
// tiles (a label). tile: the tile width, floored to whole pixels; 0 when nothing fits.
struct TileGrid {
    int cols = 1, rows = 1;
    float tile = 0;
};
TileGrid fitTiles(int n, float aspect, float width, float height, float gap, float rowExtra);

// Largest |v_i| (0 for an empty vector): the symmetric colour scale [−max, +max].
float maxAbs(std::span<const float> v);
float maxAbs(const Eigen::MatrixXf& m);

// values → signedColor(v, scale) packed RGBA8, one pixel per value, in order. out: (values.size()).
void signedPixels(std::span<const float> values, float scale, uint32_t* out);
std::vector<uint32_t> signedPixels(const Eigen::VectorXf& values, float scale);

// Row j of W as image row j: (rows × cols) pixels, row-major, top row = neuron 0.
std::vector<uint32_t> signedMatrixPixels(const Eigen::MatrixXf& W, float scale);

// The activation drawn at full brightness in NeuronRef layer `layer` (0 = input) whose shown
// activations are a: 1 for the input pixels, sigmoid and softmax (all 0..1 already); for ReLU,
// which is unbounded, the layer's largest activation, so its brightest neuron is white. Never
// below a tiny positive floor, so a / fullBrightness stays finite (an all-zero layer is dark).
float fullBrightness(const Network& net, int layer, const Eigen::VectorXf& a);

// A signed map to lay over an image: kPositive / kNegative, opaque in proportion to |v| / scale
// (up to kOverlayOpacity; 0 is fully transparent). out: (values.size()) RGBA8.
inline constexpr float kOverlayOpacity = 0.85f;
std::vector<uint32_t> overlayPixels(const Eigen::VectorXf& values, float scale);

// Grey images (0..1, each w × h row-major) side by side in one atlas, image k at x = k·w, as
// activationColor draws them. Returns (n·w × h) RGBA8 pixels, row-major.
std::vector<uint32_t> grayTileAtlas(std::span<const Eigen::VectorXf> images, int w, int h);

// Activations as grey levels (activationColor(a / maxValue)); maxValue from fullBrightness.
std::vector<uint32_t> activationPixels(const Eigen::VectorXf& a, float maxValue);

// The incoming weights of every neuron of network layer l (= NeuronRef layer l+1) laid side by
// side: n tiles of shape imageShapeFor(in), tile k at x = k·w. Per-neuron scale when scales has
// one entry per neuron, else scales[0] for all. Returns (n·w × h) pixels, row-major.
std::vector<uint32_t> weightTileAtlas(const Eigen::MatrixXf& W, std::span<const float> scales);

// What neuron `neuron` of NeuronRef layer `layer` (1 = first hidden) responds to in pixel space,
// ignoring the squashing between layers: row `neuron` of W_layer · … · W_1, (inputSize).
// Layer 1 gives the neuron's own weights. Out-of-range arguments give an empty vector (core's
// effectiveInputMap, which throws for them, does the product).
Eigen::VectorXf effectiveInputMap(const Network& net, int layer, int neuron);

// wᵢ·aᵢ for every incoming connection of the neuron: why it lights up for this input.
// prevActivation: the previous layer's activations (trace.a[layer − 1]). (sizes[layer − 1]).
Eigen::VectorXf contributionMap(const Network& net, int layer, int neuron,
                                const Eigen::VectorXf& prevActivation);

} // namespace nnviz::gui
