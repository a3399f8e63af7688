// Unit tests for core/ink_images: images packed as runs of ink give back their bytes and their
// network input bit for bit (edge cases of the encoding, random digits) and take less room than
// the plain bytes; a Dataset on them gives back its bytes and their floats. (Training on them
// gives the same weights as on the plain bytes: the trainer reads Dataset::inputs' floats,
// test_trainer.cpp, and `nnviz train` wrote identical model files before and after the change.)

#include "core/dataset.hpp"
#include "core/ink_images.hpp"
#include "core/random.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <vector>

using namespace nnviz;

namespace {

using Bytes = std::vector<uint8_t>;

// Packs `images` (each pixelCount bytes), then checks every one unpacks to its bytes and to
// pixelInput of them, bit for bit.
void checkRoundTrip(const std::vector<Bytes>& images, int pixelCount)
{
    InkImages packed(pixelCount);
    for (const Bytes& img : images) packed.append(img.data());
    REQUIRE(packed.size() == images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        CAPTURE(i);
        Bytes back(static_cast<size_t>(pixelCount), 0xAB); // junk: unpack must write every byte
        packed.unpack(i, back.data());
        CHECK(back == images[i]);
        const size_t n = static_cast<size_t>(pixelCount);
        std::vector<float> input(n, -1.0f), plain(n);
        packed.unpackInput(i, input.data());
        for (int p = 0; p < pixelCount; ++p) plain[size_t(p)] = pixelInput(images[i][size_t(p)]);
        CHECK(std::memcmp(input.data(), plain.data(), plain.size() * sizeof(float)) == 0);
    }
}

// An MNIST-like digit: a blob of ink (1..255, soft edges) on black.
Bytes blobDigit(Rng& rng)
{
    Bytes img(784, 0);
    const int cx = 8 + int(rng.below(12)), cy = 8 + int(rng.below(12)), r = 4 + int(rng.below(4));
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            if (d2 <= r * r) img[size_t(y * 28 + x)] = uint8_t(1 + rng.below(255));
        }
    return img;
}

} // namespace

TEST_CASE("ink images: the encoding's edge cases round-trip")
{
    const int P = 784;
    Bytes blank(P, 0), full(P, 255), alternate(P, 0), gaps(P, 0), last(P, 0), first(P, 0);
    for (int p = 0; p < P; p += 2) alternate[size_t(p)] = uint8_t(1 + p % 255);
    gaps[0] = 9;     // then a gap of 599 zeros: more than one token's 255
    gaps[600] = 200;
    last[P - 1] = 1; // ink only in the last pixel
    first[0] = 255;  // ink only in the first
    Bytes ramp(P);   // every byte value; runs longer than 255 between the zeros
    for (int p = 0; p < P; ++p) ramp[size_t(p)] = uint8_t(p % 256);
    checkRoundTrip({blank, full, alternate, gaps, last, first, ramp, blank}, P);
    checkRoundTrip({{0}, {7}, {0}}, 1);
    checkRoundTrip({{0, 0, 5}, {3, 0, 0}}, 3);
}

TEST_CASE("ink images: digits round-trip and take far less than their bytes")
{
    Rng rng(11);
    std::vector<Bytes> digits;
    for (int i = 0; i < 500; ++i) digits.push_back(blobDigit(rng));
    checkRoundTrip(digits, 784);
    InkImages packed(784);
    for (const Bytes& d : digits) packed.append(d.data());
    CHECK(packed.bytes() < digits.size() * 784 / 2);
}

TEST_CASE("ink images: a Dataset gives back its bytes, and as input the floats of those bytes")
{
    // Noise in every pixel (every image one long run) and the quadrants' bright ones.
    const Dataset a = test::quadrants(200, 4);
    Rng rng(5);
    std::vector<uint8_t> bytes(a.size() * 16);
    for (uint8_t& b : bytes) b = rng.below(3) == 0 ? 0 : uint8_t(rng.below(256));
    Dataset d;
    d.rows = d.cols = 4;
    d.labels = a.labels;
    d.setPixels(bytes);
    CHECK(d.pixelBytes() == bytes);
    CHECK(d.image(7) == Bytes(bytes.begin() + 7 * 16, bytes.begin() + 8 * 16));

    // What evaluation and (test_trainer.cpp) every training batch read.
    Eigen::MatrixXf X;
    d.inputs(0, d.size(), X);
    std::vector<float> plain(bytes.size());
    for (size_t k = 0; k < bytes.size(); ++k) plain[k] = pixelInput(bytes[k]);
    REQUIRE(size_t(X.size()) == plain.size());
    CHECK(std::memcmp(X.data(), plain.data(), plain.size() * sizeof(float)) == 0);
}
