// Grey-scale images: loading PNG/PGM files, and preprocessing a drawing into the 28×28 input the
// network expects (MNIST's own recipe: bounding box → fit 20×20 → centre of mass at the centre).
#pragma once

#include "core/dataset_kind.hpp"

#include <Eigen/Core>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

struct GrayImage {
    int width = 0, height = 0;
    std::vector<float> pixels; // (height, width), row-major, 0 = black (background), 1 = ink

    float at(int x, int y) const { return pixels[size_t(y) * width + x]; }
    float& at(int x, int y) { return pixels[size_t(y) * width + x]; }
};

// Loads a PNG or PGM (any size, grey or colour; colour is converted to luminance). A picture
// with a light background (mean > 0.5) is inverted so ink is bright, as in MNIST.
// Throws ImageError naming the file on failure.
GrayImage loadImage(const std::filesystem::path& file);
// Same from bytes in memory (fuzzer entry point).
GrayImage decodeImage(std::span<const uint8_t> bytes, const std::string& name);

// Writes a PNG (8-bit grey); throws ImageError on failure.
void savePng(const GrayImage& image, const std::filesystem::path& file);

// The digits nnviz reads, as in MNIST: kDigitSide × kDigitSide pixels (the network's
// kDigitPixels inputs), the ink's box scaled to at most kDigitBox on a side.
inline constexpr int kDigitSide = 28;
inline constexpr int kDigitBox = 20;
inline constexpr int kDigitPixels = kDigitSide * kDigitSide;

// MNIST-style preprocessing, a pure function: crop to the ink's bounding box (pixels > 0),
// scale to fit 20×20 keeping the aspect ratio (area-averaged), paste into 28×28 so the centre
// of mass sits at (14, 14) (clamped so no ink is cut; with massCentred false, the box is
// centred instead). An empty image gives all zeros. Returns (784) floats in [0, 1], row-major.
Eigen::VectorXf preprocessDigit(const GrayImage& image, int size = kDigitSide, int box = kDigitBox,
                                bool massCentred = true);

// A drawing framed as the dataset's images were: MNIST's digits fit 20×20, their centre of mass
// at the centre (preprocessDigit's defaults); Fashion-MNIST's pictures fill the 28×28 frame
// (longest edge 28), their box centred, as the set was made.
Eigen::VectorXf preprocessFor(DatasetKind kind, const GrayImage& image);

// The drawing only area-averaged down to size × size, no centring: the "raw" input.
Eigen::VectorXf downsample(const GrayImage& image, int size = kDigitSide);

// The image area-averaged to width × height, larger or smaller (values clamped to [0, 1]), e.g.
// a picture of any size onto the drawing pad. Throws ImageError for a size ≤ 0.
GrayImage resized(const GrayImage& image, int width, int height);

// Dataset image → GrayImage (e.g. to put a test digit on the canvas).
GrayImage fromBytes(std::span<const uint8_t> pixels, int width, int height);

} // namespace nnviz
