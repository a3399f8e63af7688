// Image I/O and MNIST-style preprocessing: bounding box → 20×20 keeping aspect → centre of mass
// at (14, 14); area downsampling; PNG round trips; light-background inversion; bad input.
#include "core/dataset.hpp"
#include "core/errors.hpp"
#include "core/image.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <fstream>

#include "temp_dir.hpp"

namespace fs = std::filesystem;
using nnviz::GrayImage;
using nnviz::ImageError;

namespace {

GrayImage blank(int w, int h)
{
    GrayImage img;
    img.width = w;
    img.height = h;
    img.pixels.assign(size_t(w) * size_t(h), 0.0f);
    return img;
}

void fillRect(GrayImage& img, int x0, int y0, int w, int h, float v = 1.0f)
{
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x)
            img.at(x, y) = v;
}

// Facts about a (size × size) row-major vector: ink bounding box and centre of mass in
// pixel-index coordinates (MNIST's own digits average (14.0, 14.0) this way).
struct Ink {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    double cx = 0, cy = 0, mass = 0;
    int width() const { return x1 - x0 + 1; }
    int height() const { return y1 - y0 + 1; }
};

Ink measure(const Eigen::VectorXf& v, int size = 28)
{
    Ink ink;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float p = v[y * size + x];
            if (p <= 0.0f) continue;
            ink.x0 = std::min(ink.x0, x);
            ink.x1 = std::max(ink.x1, x);
            ink.y0 = std::min(ink.y0, y);
            ink.y1 = std::max(ink.y1, y);
            ink.mass += p;
            ink.cx += p * x;
            ink.cy += p * y;
        }
    if (ink.mass > 0) {
        ink.cx /= ink.mass;
        ink.cy /= ink.mass;
    }
    return ink;
}

void writeBytes(const fs::path& p, const std::string& bytes)
{
    std::ofstream f(p, std::ios::binary);
    f << bytes;
    REQUIRE(f.good());
}

// "Within half a pixel": a whole-pixel shift of a symmetric, even-width digit lands exactly 0.5
// off, give or take float rounding.
constexpr double kHalfPixel = 0.5 + 1e-4; // float sums are not exactly symmetric

} // namespace

#define CHECK_IMAGE_ERROR(expr, text)                                                              \
    CHECK_THROWS_WITH_AS(expr, doctest::Contains(text), ImageError)

TEST_CASE("preprocessDigit: an off-centre tall rectangle becomes 20 px tall, centred, aspect kept")
{
    GrayImage img = blank(200, 200);
    fillRect(img, 20, 120, 20, 60); // 20 wide, 60 tall, bottom-left
    const Eigen::VectorXf v = nnviz::preprocessDigit(img);
    REQUIRE(v.size() == 784);
    const Ink ink = measure(v);
    CHECK(ink.height() == 20);
    CHECK(ink.width() == 7); // 20 · 20/60 = 6.67 → 7
    CHECK(std::abs(ink.cx - 14.0) <= kHalfPixel);
    CHECK(std::abs(ink.cy - 14.0) <= kHalfPixel);
    CHECK((v.array() >= 0.0f && v.array() <= 1.0f).all());
}

TEST_CASE("preprocessDigit: a wide shape gets a 20 px wide box")
{
    GrayImage img = blank(300, 100);
    fillRect(img, 200, 5, 90, 30, 0.8f); // 3:1, top-right
    const Ink ink = measure(nnviz::preprocessDigit(img));
    CHECK(ink.width() == 20);
    CHECK(ink.height() == 7);
    CHECK(std::abs(ink.cx - 14.0) <= kHalfPixel);
    CHECK(std::abs(ink.cy - 14.0) <= kHalfPixel);
}

TEST_CASE("preprocessFor: Fashion-MNIST's pictures fill the frame, their box centred")
{
    // An L shape off to one side: its centre of mass is far from its box's centre.
    GrayImage img = blank(200, 200);
    fillRect(img, 100, 20, 10, 60); // 10 wide, 60 tall
    fillRect(img, 100, 70, 40, 10); // the foot, 40 wide: the box is 40 × 60
    const Ink fashion = measure(nnviz::preprocessFor(nnviz::DatasetKind::Fashion, img));
    CHECK(fashion.height() == 28); // the longer side fills the frame
    CHECK(fashion.width() == 19);  // 40 · 28/60 = 18.67 → 19
    CHECK(fashion.x0 == 5);        // (28 − 19) / 2 = 4.5 → 5 on the left, 4 on the right
    CHECK(fashion.y0 == 0);
    // MNIST's framing is preprocessDigit's default: 20 px, the centre of mass centred.
    CHECK(nnviz::preprocessFor(nnviz::DatasetKind::Mnist, img) == nnviz::preprocessDigit(img));
    const Ink mnist = measure(nnviz::preprocessDigit(img));
    CHECK(mnist.height() == 20);
    CHECK(std::abs(mnist.cx - 14.0) <= kHalfPixel);
}

TEST_CASE("preprocessDigit: an off-centre disc, and a tiny blob scaled up")
{
    GrayImage img = blank(280, 280);
    for (int y = 0; y < 280; ++y)
        for (int x = 0; x < 280; ++x) {
            const double r = std::hypot(x + 0.5 - 60.0, y + 0.5 - 200.0);
            img.at(x, y) = float(std::clamp(25.0 - r, 0.0, 1.0)); // anti-aliased edge
        }
    Ink ink = measure(nnviz::preprocessDigit(img));
    CHECK(ink.width() == 20);
    CHECK(ink.height() == 20);
    CHECK(std::abs(ink.cx - 14.0) <= kHalfPixel);
    CHECK(std::abs(ink.cy - 14.0) <= kHalfPixel);

    GrayImage tiny = blank(50, 50);
    fillRect(tiny, 3, 40, 3, 3);
    ink = measure(nnviz::preprocessDigit(tiny));
    CHECK(ink.width() == 20);
    CHECK(ink.height() == 20);
    CHECK(std::abs(ink.cx - 14.0) <= kHalfPixel);
    CHECK(std::abs(ink.cy - 14.0) <= kHalfPixel);
}

TEST_CASE("preprocessDigit: the centring shift is clamped so no ink is cut")
{
    // Nearly all mass in a block at the top of a long faint tail: the centre of mass sits near
    // the top, so moving it to row 14 would push the tail off the bottom.
    GrayImage img = blank(100, 100);
    fillRect(img, 40, 10, 20, 15, 1.0f);
    fillRect(img, 49, 25, 2, 65, 0.05f);
    const Eigen::VectorXf v = nnviz::preprocessDigit(img);
    const Ink ink = measure(v);
    CHECK(ink.height() == 20);
    CHECK(ink.y1 <= 27);
    CHECK(ink.y1 == 27); // pushed as far down as it can go
    CHECK(ink.cy < 14.0);
}

TEST_CASE("preprocessDigit: empty and negative images give zeros; values are clamped; pure")
{
    CHECK(nnviz::preprocessDigit(blank(64, 64)).isZero());
    CHECK(nnviz::preprocessDigit(blank(0, 0)).size() == 784);
    CHECK(nnviz::preprocessDigit(blank(0, 0)).isZero());
    GrayImage negative = blank(10, 10);
    fillRect(negative, 0, 0, 10, 10, -1.0f);
    CHECK(nnviz::preprocessDigit(negative).isZero());

    GrayImage hot = blank(40, 40);
    fillRect(hot, 5, 5, 10, 20, 3.0f);
    const Eigen::VectorXf a = nnviz::preprocessDigit(hot);
    CHECK((a.array() <= 1.0f).all());
    CHECK((a.array() == 1.0f).any());
    const Eigen::VectorXf b = nnviz::preprocessDigit(hot);
    CHECK((a.array() == b.array()).all());

    GrayImage bad = blank(4, 4);
    bad.pixels.pop_back();
    CHECK_THROWS_AS(nnviz::preprocessDigit(bad), ImageError);
}

TEST_CASE("preprocessDigit leaves a real MNIST digit nearly unchanged")
{
    const fs::path dir = nnviz::defaultDataDir() / "mnist";
    if (!fs::exists(dir / "t10k-images-idx3-ubyte")) {
        MESSAGE("skipped: MNIST not found in " << dir.string());
        return;
    }
    const auto d =
        nnviz::loadDataset(nnviz::DatasetKind::Mnist, nnviz::Split::Test, nnviz::defaultDataDir());
    for (size_t i = 0; i < 20; ++i) {
        const Eigen::VectorXf original = d.input(i);
        const Eigen::VectorXf again = nnviz::preprocessDigit(nnviz::fromBytes(d.image(i), 28, 28));
        const Ink ink = measure(again);
        CHECK(std::max(ink.width(), ink.height()) == 20);
        CHECK(std::abs(ink.cx - 14.0) <= kHalfPixel);
        CHECK(std::abs(ink.cy - 14.0) <= kHalfPixel);
        const double cosine = original.dot(again) / (original.norm() * again.norm());
        CHECK(cosine > 0.85);
    }
}

TEST_CASE("resized scales up by repeating pixels and down by averaging areas")
{
    GrayImage img = blank(2, 2);
    img.at(1, 0) = 1.0f;
    img.at(0, 1) = 0.5f;
    const GrayImage up = nnviz::resized(img, 6, 4); // 3× wide, 2× tall
    REQUIRE(up.width == 6);
    REQUIRE(up.height == 4);
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 6; ++x)
            CHECK(up.at(x, y) == doctest::Approx(img.at(x / 3, y / 2)));
    const GrayImage down = nnviz::resized(up, 1, 1); // everything averaged into one pixel
    CHECK(down.at(0, 0) == doctest::Approx(1.5 / 4));
    GrayImage hot = blank(2, 2);
    hot.at(0, 0) = 3.0f; // out of range: clamped like the pad's ink
    CHECK(nnviz::resized(hot, 1, 1).at(0, 0) == doctest::Approx(0.25));
    CHECK_THROWS_AS(nnviz::resized(img, 0, 3), nnviz::ImageError);
}

TEST_CASE("downsample area-averages to size × size")
{
    GrayImage img = blank(56, 56);
    img.at(0, 0) = 1.0f; // one of the four pixels under output (0, 0)
    fillRect(img, 2, 0, 2, 2, 0.5f);
    const Eigen::VectorXf v = nnviz::downsample(img);
    REQUIRE(v.size() == 784);
    CHECK(v[0] == doctest::Approx(0.25));
    CHECK(v[1] == doctest::Approx(0.5));
    CHECK(v[2] == 0.0f);
    CHECK(v.sum() == doctest::Approx(0.75));

    // 280 → 28: ten-pixel blocks map to single pixels exactly.
    GrayImage big = blank(280, 280);
    fillRect(big, 100, 50, 10, 10, 0.6f);
    const Eigen::VectorXf w = nnviz::downsample(big);
    CHECK(w[5 * 28 + 10] == doctest::Approx(0.6));
    CHECK(w.sum() == doctest::Approx(0.6));

    // Non-integer ratio keeps the total ink (mean is preserved).
    GrayImage odd = blank(100, 100);
    fillRect(odd, 13, 17, 31, 29, 1.0f);
    const Eigen::VectorXf o = nnviz::downsample(odd);
    CHECK(o.sum() / 784.0 == doctest::Approx(31.0 * 29.0 / 10000.0).epsilon(1e-4));

    CHECK(nnviz::downsample(blank(0, 0)).isZero());
    CHECK(nnviz::downsample(blank(5, 5), 10).size() == 100);
}

TEST_CASE("fromBytes converts to [0, 1] and checks the size")
{
    const std::vector<uint8_t> bytes = {0, 51, 255, 128, 1, 2};
    const GrayImage img = nnviz::fromBytes(bytes, 3, 2);
    CHECK(img.width == 3);
    CHECK(img.height == 2);
    CHECK(img.at(1, 0) == doctest::Approx(0.2));
    CHECK(img.at(2, 0) == 1.0f);
    CHECK(img.at(0, 1) == 128.0f / 255.0f);
    CHECK_IMAGE_ERROR(nnviz::fromBytes(bytes, 4, 2), "6 bytes for a 4×2 image");
}

TEST_CASE("savePng → loadImage round trip, and inversion of light backgrounds")
{
    TempDir dir("png");
    GrayImage img = blank(17, 9);
    for (size_t i = 0; i < img.pixels.size(); ++i)
        img.pixels[i] = float(i % 64) / 255.0f; // dark: mean < 0.5, so no inversion
    nnviz::savePng(img, dir.path / "dark.png");
    const GrayImage back = nnviz::loadImage(dir.path / "dark.png");
    CHECK(back.width == 17);
    CHECK(back.height == 9);
    CHECK(back.pixels == img.pixels); // exact: k/255 survives 8-bit encoding

    GrayImage light = blank(8, 8);
    for (float& p : light.pixels)
        p = 1.0f;
    fillRect(light, 2, 2, 3, 4, 0.0f); // black ink on white paper
    nnviz::savePng(light, dir.path / "light.png");
    const GrayImage inverted = nnviz::loadImage(dir.path / "light.png");
    CHECK(inverted.at(3, 3) == 1.0f); // ink is now bright
    CHECK(inverted.at(0, 0) == 0.0f); // paper is now black

    // Out-of-range values are clamped when saved.
    GrayImage hot = blank(2, 1);
    hot.pixels = {-1.0f, 0.2f};
    nnviz::savePng(hot, dir.path / "hot.png");
    CHECK(nnviz::loadImage(dir.path / "hot.png").pixels[0] == 0.0f);
}

TEST_CASE("PGM and colour PPM decode to luminance")
{
    TempDir dir("pnm");
    std::string pgm = "P5\n4 2\n255\n";
    for (int i = 0; i < 8; ++i)
        pgm += char(i * 10);
    writeBytes(dir.path / "a.pgm", pgm);
    const GrayImage g = nnviz::loadImage(dir.path / "a.pgm");
    CHECK(g.width == 4);
    CHECK(g.height == 2);
    CHECK(g.at(3, 1) == doctest::Approx(70.0 / 255.0));

    std::string ppm = "P6\n2 1\n255\n";
    ppm += std::string{char(255), 0, 0}; // red
    ppm += std::string{0, char(255), 0}; // green: luminance 0.587 — mean 0.443, no inversion
    const GrayImage c = nnviz::decodeImage(
        std::span(reinterpret_cast<const uint8_t*>(ppm.data()), ppm.size()), "colour.ppm");
    CHECK(c.at(0, 0) == doctest::Approx(0.299).epsilon(0.01));
    CHECK(c.at(1, 0) == doctest::Approx(0.587).epsilon(0.01));
}

TEST_CASE("unreadable images give an ImageError naming the file")
{
    TempDir dir("bad");
    const std::vector<uint8_t> garbage = {0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3};
    CHECK_IMAGE_ERROR(nnviz::decodeImage(garbage, "junk.bin"), "junk.bin: not an image");
    CHECK_IMAGE_ERROR(nnviz::decodeImage({}, "empty.png"), "empty.png: empty file");

    // A PNG signature followed by nonsense.
    const std::vector<uint8_t> fakePng = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    CHECK_IMAGE_ERROR(nnviz::decodeImage(fakePng, "fake.png"), "fake.png: ");

    writeBytes(dir.path / "junk.png", "this is not a picture");
    CHECK_IMAGE_ERROR(nnviz::loadImage(dir.path / "junk.png"), "junk.png");
    CHECK_IMAGE_ERROR(nnviz::loadImage(dir.path / "missing.png"), "missing.png: no such file");
    CHECK_IMAGE_ERROR(nnviz::loadImage(dir.path), "is a directory");

    CHECK_IMAGE_ERROR(nnviz::savePng(blank(2, 2), dir.path / "no" / "such" / "dir.png"),
                      "No such file or directory");
    CHECK_IMAGE_ERROR(nnviz::savePng(blank(0, 0), dir.path / "zero.png"), "empty");
}

namespace {

std::vector<uint8_t> bytesOf(const std::string& s)
{
    return {s.begin(), s.end()};
}

// A minimal PNG: signature, IHDR (w × h, 8-bit grey), one IDAT holding `idat`, IEND. The CRCs are
// left zero: stb does not check them, and these tests are about sizes.
std::vector<uint8_t> pngWith(uint32_t w, uint32_t h, const std::vector<uint8_t>& idat,
                             uint32_t idatLengthField)
{
    std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const auto u32 = [&](uint32_t v) {
        for (int s = 24; s >= 0; s -= 8)
            b.push_back(uint8_t(v >> s));
    };
    const auto chunk = [&](const char* type, const std::vector<uint8_t>& data, uint32_t length) {
        u32(length);
        b.insert(b.end(), type, type + 4);
        b.insert(b.end(), data.begin(), data.end());
        u32(0);
    };
    std::vector<uint8_t> ihdr;
    for (uint32_t v : {w, h})
        for (int s = 24; s >= 0; s -= 8)
            ihdr.push_back(uint8_t(v >> s));
    ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});
    chunk("IHDR", ihdr, 13);
    chunk("IDAT", idat, idatLengthField);
    chunk("IEND", {}, 0);
    return b;
}

} // namespace

// Each of these once made stb_image allocate from a header the file could not back (found by
// tests/fuzz; the inputs are in tests/fuzz/regressions/image/).
TEST_CASE("image headers the file's bytes cannot satisfy are refused before decoding")
{
    SUBCASE("a PGM claiming more pixels than it holds")
    {
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P5\n60000 600\n255\n\x01\x02"), "big.pgm"),
                          "big.pgm: truncated: the header says 60000×600 pixels (36000000 bytes "
                          "of pixel data) but the file holds 2");
        // One byte short, and 16-bit samples counting two bytes each.
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P5 2 2 255 abc"), "short.pgm"),
                          "(4 bytes of pixel data) but the file holds 3");
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P6 1 1 65535 abcde"), "deep.ppm"),
                          "(6 bytes of pixel data) but the file holds 5");
        CHECK(nnviz::decodeImage(bytesOf("P5 2 2 255 abcd"), "ok.pgm").width == 2);
        CHECK(nnviz::decodeImage(bytesOf("P5 # comment\n2 2 255 abcd"), "ok.pgm").height == 2);
    }
    SUBCASE("a PGM whose maxval has no digits (stb then reads from the next byte)")
    {
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P5\n60000 600\xd6\xcf\xf5"), "x.pgm"),
                          "truncated");
    }
    SUBCASE("PGM numbers too long for an int")
    {
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P5 99999999999 1 255 a"), "long.pgm"),
                          "long.pgm: the PGM/PPM header's width has more than 9 digits");
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P5 1 1 0000000000255 a"), "long.pgm"),
                          "maximum value has more than 9 digits");
    }
    SUBCASE("a PNG chunk longer than the rest of the file")
    {
        CHECK_IMAGE_ERROR(nnviz::decodeImage(pngWith(4, 4, {1, 2, 3}, 0x40000000), "c.png"),
                          "c.png: truncated PNG: a chunk at byte 33 claims 1073741824 bytes");
        auto cut = pngWith(4, 4, {1, 2, 3}, 3);
        cut.resize(cut.size() - 12); // no IEND
        CHECK_IMAGE_ERROR(nnviz::decodeImage(cut, "c.png"), "without an IEND chunk");
    }
    SUBCASE("a PNG header promising more pixels than its data can inflate to")
    {
        // 8000 × 8000 grey = 64 MB of scanlines from a 60-byte file (deflate tops out at
        // ~1032:1): impossible, refused before stb allocates its buffers.
        CHECK_IMAGE_ERROR(nnviz::decodeImage(pngWith(8000, 8000, {1, 2, 3}, 3), "huge.png"),
                          "huge.png: the header says 8000×8000 pixels, more than its");
    }
    SUBCASE("formats nnviz does not read are named as such")
    {
        const std::vector<uint8_t> bmp = {'B', 'M', 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0};
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bmp, "a.bmp"),
                          "a.bmp: not an image nnviz can read (neither PNG nor binary PGM/PPM)");
        CHECK_IMAGE_ERROR(nnviz::decodeImage(bytesOf("P2 1 1 255 0"), "ascii.pgm"),
                          "neither PNG nor binary PGM/PPM");
    }
}
