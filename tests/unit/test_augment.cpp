// Training-time augmentation: identity when the ranges are zero, shifts and rotations by exactly
// the drawn amounts (the draws are replayed from the same seed), and determinism for a seed.
#include "core/augment.hpp"
#include "core/errors.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

using nnviz::AugmentConfig;

namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;

// A soft blob (Gaussian, sigma in pixels) centred at (cx, cy), as uint8.
std::vector<uint8_t> blob(double cx, double cy, double sigmaX, double sigmaY)
{
    std::vector<uint8_t> img(kPixels);
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double e = std::pow((x - cx) / sigmaX, 2) + std::pow((y - cy) / sigmaY, 2);
            img[size_t(y * kSide + x)] = uint8_t(std::lround(255.0 * std::exp(-0.5 * e)));
        }
    return img;
}

struct Moments {
    double mass = 0, cx = 0, cy = 0, angle = 0; // angle: principal axis, radians, y down
};

Moments moments(const float* v)
{
    Moments m;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double p = v[y * kSide + x];
            m.mass += p;
            m.cx += p * x;
            m.cy += p * y;
        }
    m.cx /= m.mass;
    m.cy /= m.mass;
    double mu20 = 0, mu02 = 0, mu11 = 0;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double p = v[y * kSide + x], dx = x - m.cx, dy = y - m.cy;
            mu20 += p * dx * dx;
            mu02 += p * dy * dy;
            mu11 += p * dx * dy;
        }
    m.angle = 0.5 * std::atan2(2 * mu11, mu20 - mu02);
    return m;
}

std::vector<float> toFloat(const std::vector<uint8_t>& img)
{
    std::vector<float> f(img.size());
    for (size_t i = 0; i < img.size(); ++i)
        f[i] = float(img[i]) / 255.0f;
    return f;
}

} // namespace

TEST_CASE("augmentImage with zero ranges reproduces the image exactly")
{
    std::vector<uint8_t> img(kPixels);
    nnviz::Rng fill(5);
    for (auto& p : img)
        p = uint8_t(fill.below(256));
    std::vector<float> out(kPixels, -1.0f);
    nnviz::Rng rng(1);
    nnviz::augmentImage(img, kSide, kSide, out.data(), rng, AugmentConfig{0, 0, 0});
    CHECK(out == toFloat(img));

    // Also for a non-square image.
    std::vector<uint8_t> wide(5 * 9);
    for (size_t i = 0; i < wide.size(); ++i)
        wide[i] = uint8_t(i * 5);
    std::vector<float> wideOut(wide.size());
    nnviz::augmentImage(wide, 5, 9, wideOut.data(), rng, AugmentConfig{0, 0, 0});
    CHECK(wideOut == toFloat(wide));
}

TEST_CASE("a shift moves the centre of mass by the drawn amount")
{
    const auto img = blob(13.0, 14.0, 2.0, 2.5);
    const Moments before = moments(toFloat(img).data());
    const AugmentConfig cfg{3.0f, 0.0f, 0.0f};
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        // Replay the documented draw order: shift x, shift y, angle, scale.
        nnviz::Rng replay(seed);
        const double dx = replay.uniform(-3.0, 3.0), dy = replay.uniform(-3.0, 3.0);

        std::vector<float> out(kPixels);
        nnviz::Rng rng(seed);
        nnviz::augmentImage(img, kSide, kSide, out.data(), rng, cfg);
        const Moments after = moments(out.data());
        CHECK(std::abs(after.cx - before.cx - dx) < 1e-3);
        CHECK(std::abs(after.cy - before.cy - dy) < 1e-3);
        CHECK(after.mass == doctest::Approx(before.mass).epsilon(1e-4)); // nothing fell off
    }
}

TEST_CASE("a rotation turns a bar by the drawn angle about the centre; scale grows the mass")
{
    const auto bar = blob(13.5, 13.5, 4.5, 1.2); // horizontal, centred
    const Moments before = moments(toFloat(bar).data());
    CHECK(std::abs(before.angle) < 1e-6);

    const AugmentConfig cfg{0.0f, 30.0f, 0.0f};
    for (uint64_t seed = 1; seed <= 10; ++seed) {
        nnviz::Rng replay(seed);
        replay.uniform(-0.0, 0.0);
        replay.uniform(-0.0, 0.0);
        const double angle = replay.uniform(-30.0, 30.0) * std::numbers::pi / 180.0;

        std::vector<float> out(kPixels);
        nnviz::Rng rng(seed);
        nnviz::augmentImage(bar, kSide, kSide, out.data(), rng, cfg);
        const Moments after = moments(out.data());
        CHECK(std::abs(after.angle - angle) < 2.0 * std::numbers::pi / 180.0);
        CHECK(std::abs(after.cx - 13.5) < 0.05); // rotation is about the centre
        CHECK(std::abs(after.cy - 13.5) < 0.05);
    }

    const auto dot = blob(13.5, 13.5, 2.0, 2.0);
    const double mass = moments(toFloat(dot).data()).mass;
    for (uint64_t seed = 1; seed <= 10; ++seed) {
        nnviz::Rng replay(seed);
        replay.uniform();
        replay.uniform();
        replay.uniform();
        const double scale = replay.uniform(0.7, 1.3);
        std::vector<float> out(kPixels);
        nnviz::Rng rng(seed);
        nnviz::augmentImage(dot, kSide, kSide, out.data(), rng, AugmentConfig{0.0f, 0.0f, 0.3f});
        CHECK(moments(out.data()).mass == doctest::Approx(mass * scale * scale).epsilon(0.03));
    }
}

TEST_CASE("augmentImage is deterministic for a seed and stays in [0, 1]")
{
    const auto img = blob(10.0, 16.0, 3.0, 5.0);
    std::vector<float> a(kPixels), b(kPixels), c(kPixels);
    nnviz::Rng r1(99), r2(99), r3(100);
    for (int i = 0; i < 5; ++i) { // a stream of samples, as in training
        nnviz::augmentImage(img, kSide, kSide, a.data(), r1);
        nnviz::augmentImage(img, kSide, kSide, b.data(), r2);
        nnviz::augmentImage(img, kSide, kSide, c.data(), r3);
        CHECK(a == b);
        CHECK(a != c);
        for (float v : a)
            CHECK((v >= 0.0f && v <= 1.0f));
    }
    // Exactly four draws per image (shift x, shift y, angle, scale), whatever the image and the
    // ranges: the generator ends where four uniform() calls from the same seed end.
    const std::vector<uint8_t> black0(kPixels, 0);
    for (const AugmentConfig& cfg : {AugmentConfig{}, AugmentConfig{0, 0, 0}})
        for (const std::vector<uint8_t>* image : {&img, &black0}) {
            nnviz::Rng used(7), expected(7);
            nnviz::augmentImage(*image, kSide, kSide, a.data(), used, cfg);
            for (int draw = 0; draw < 4; ++draw)
                expected.uniform();
            CHECK(used.next() == expected.next());
        }

    std::vector<uint8_t> black(kPixels, 0);
    nnviz::augmentImage(black, kSide, kSide, a.data(), r1);
    for (float v : a)
        CHECK(v == 0.0f);

    CHECK_THROWS_AS(nnviz::augmentImage(std::span(black).first(100), kSide, kSide, a.data(), r1),
                    nnviz::DataError);
}
