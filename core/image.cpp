// Grey-scale image I/O through stb (PNG, PGM and whatever else stb_image decodes) and the
// MNIST-style preprocessing that turns a drawing into the network's 28×28 input.
#include "core/image.hpp"

#include "core/bytes.hpp"
#include "core/errors.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>

namespace nnviz {

namespace {

namespace fs = std::filesystem;

// Larger pictures are refused before decoding (a 8k × 8k photo is 64 M pixels).
constexpr int64_t kMaxPixels = int64_t(1) << 26;
// Deflate cannot expand data more than ~1032:1, so a PNG whose header promises more raw scanline
// bytes than that times the file's size cannot be valid; refusing it before stb sizes its buffers
// from the header bounds what any PNG costs by what its data could really hold.
constexpr uint64_t kMaxDeflateRatio = 1032;

// The formats nnviz reads, recognised by their signatures. stb_image decodes more (JPEG, BMP,
// GIF, PSD, TGA, HDR, PIC), but nnviz promises PNG and PGM/PPM, and only for these can it bound
// a decode's memory by the file's size before decoding (above, and pnmDataOffset below).
enum class Format { Png, Pnm };

std::optional<Format> sniffFormat(std::span<const uint8_t> b)
{
    static constexpr uint8_t kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (b.size() >= 8 && std::memcmp(b.data(), kPng, 8) == 0) return Format::Png;
    if (b.size() >= 2 && b[0] == 'P' && (b[1] == '5' || b[1] == '6')) return Format::Pnm;
    return std::nullopt;
}

// Offset of the pixel data of a binary PGM/PPM: "P5"/"P6", then width, height and maxval, each
// after whitespace or #-comments, then the byte that ends maxval — parsed exactly as stb_image
// parses it, so the data stb reads starts there. Throws when a number has more than 9 digits:
// stb would overflow an int reading it.
size_t pnmDataOffset(std::span<const uint8_t> b, const std::string& name)
{
    size_t pos = 2;
    const auto eof = [&] { return pos >= b.size(); };
    const auto get8 = [&]() -> uint8_t { return pos < b.size() ? b[pos++] : 0; };
    const auto space = [](uint8_t c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    };
    uint8_t c = get8();
    for (const char* field : {"width", "height", "maximum value"}) {
        for (;;) { // whitespace, then a comment to the end of its line, again
            while (!eof() && space(c))
                c = get8();
            if (eof() || c != '#') break;
            while (!eof() && c != '\n' && c != '\r')
                c = get8();
        }
        for (int digits = 0; !eof() && c >= '0' && c <= '9'; ++digits) {
            if (digits == 9)
                throw ImageError(name + ": the PGM/PPM header's " + field +
                                 " has more than 9 digits; the file is corrupt");
            c = get8();
        }
    }
    return pos;
}

// Refuses a header that the bytes after it cannot satisfy, before stb allocates from it.
void checkHeaderAgainstSize(std::span<const uint8_t> bytes, Format format, int w, int h, int comp,
                            const std::string& name)
{
    const std::string dims = std::to_string(w) + "×" + std::to_string(h);
    if (format == Format::Pnm) {
        // Binary PNM stores every sample raw: 1 byte, or 2 when maxval > 255.
        const size_t offset = pnmDataOffset(bytes, name);
        const uint64_t sample = stbi_is_16_bit_from_memory(bytes.data(), int(bytes.size())) ? 2 : 1;
        const uint64_t need = uint64_t(w) * uint64_t(h) * uint64_t(comp) * sample;
        const uint64_t have = bytes.size() - offset;
        if (have < need)
            throw ImageError(name + ": truncated: the header says " + dims + " pixels (" +
                             std::to_string(need) + " bytes of pixel data) but the file holds " +
                             std::to_string(have));
        return;
    }
    // PNG: IHDR must be the first chunk (offset 8: length, "IHDR", width, height, depth, type).
    if (bytes.size() < 26 || std::memcmp(bytes.data() + 12, "IHDR", 4) != 0)
        throw ImageError(name + ": not a standard PNG (its first chunk is not IHDR)");
    // Every chunk (length, type, data, CRC) up to IEND must lie within the file: stb sizes its
    // IDAT buffer from the claimed length before reading the data.
    for (size_t pos = 8;;) {
        if (bytes.size() - pos < 12)
            throw ImageError(name + ": truncated PNG: it ends at byte " + std::to_string(pos) +
                             " without an IEND chunk");
        const uint64_t length = loadBigEndian32(bytes.data() + pos);
        const std::string type(reinterpret_cast<const char*>(bytes.data() + pos + 4), 4);
        if (length > bytes.size() - pos - 12)
            throw ImageError(name + ": truncated PNG: a chunk at byte " + std::to_string(pos) +
                             " claims " + std::to_string(length) + " bytes but only " +
                             std::to_string(bytes.size() - pos - 12) + " remain");
        pos += 12 + size_t(length);
        if (type == "IEND") break;
    }
    const uint64_t depth = bytes[24];
    uint64_t channels = 1; // grey (0) or palette (3)
    if (bytes[25] == 2) channels = 3;
    if (bytes[25] == 4) channels = 2;
    if (bytes[25] == 6) channels = 4;
    const uint64_t rowBytes = (uint64_t(w) * channels * depth + 7) / 8;
    if (uint64_t(h) * rowBytes > kMaxDeflateRatio * bytes.size())
        throw ImageError(name + ": the header says " + dims + " pixels, more than its " +
                         std::to_string(bytes.size()) +
                         " bytes can hold compressed; the file is truncated or corrupt");
}

// One axis of an area-averaging resample: output i covers source [i·s, (i+1)·s), s = src/dst;
// each source pixel contributes its overlap with that interval, normalised by s.
struct AreaTaps {
    std::vector<int> first;    // (dst) first source index of output i
    std::vector<int> count;    // (dst) number of source pixels output i reads
    std::vector<float> weight; // (dst, maxCount) overlap / s
    int maxCount = 0;
};

AreaTaps areaTaps(int src, int dst)
{
    AreaTaps t;
    const double s = double(src) / double(dst);
    t.maxCount = int(std::ceil(s)) + 2; // +2: rounding may touch one more pixel at each end
    t.first.resize(size_t(dst));
    t.count.resize(size_t(dst));
    t.weight.assign(size_t(dst) * size_t(t.maxCount), 0.0f);
    for (int i = 0; i < dst; ++i) {
        const double a = i * s, b = std::min(double(src), (i + 1) * s);
        const int k0 = int(std::floor(a));
        const int k1 = std::min({src, int(std::ceil(b)), k0 + t.maxCount}); // exclusive
        t.first[size_t(i)] = k0;
        t.count[size_t(i)] = k1 - k0;
        for (int k = k0; k < k1; ++k) {
            const double overlap = std::min(b, double(k + 1)) - std::max(a, double(k));
            t.weight[size_t(i) * size_t(t.maxCount) + size_t(k - k0)] = float(overlap / s);
        }
    }
    return t;
}

// Area-averaged resize of the (sh, sw) region at src (row stride `stride`) to (dh, dw).
std::vector<float> resampleArea(const float* src, int sw, int sh, size_t stride, int dw, int dh)
{
    const AreaTaps tx = areaTaps(sw, dw), ty = areaTaps(sh, dh);
    std::vector<float> tmp(size_t(sh) * size_t(dw)); // (sh, dw): rows resampled horizontally
    for (int y = 0; y < sh; ++y) {
        const float* row = src + size_t(y) * stride;
        for (int i = 0; i < dw; ++i) {
            const float* w = &tx.weight[size_t(i) * size_t(tx.maxCount)];
            float acc = 0.0f;
            for (int k = 0; k < tx.count[size_t(i)]; ++k)
                acc += w[k] * row[tx.first[size_t(i)] + k];
            tmp[size_t(y) * size_t(dw) + size_t(i)] = acc;
        }
    }
    std::vector<float> out(size_t(dh) * size_t(dw), 0.0f); // (dh, dw)
    for (int j = 0; j < dh; ++j) {
        const float* w = &ty.weight[size_t(j) * size_t(ty.maxCount)];
        float* dstRow = &out[size_t(j) * size_t(dw)];
        for (int k = 0; k < ty.count[size_t(j)]; ++k) {
            const float* srcRow = &tmp[size_t(ty.first[size_t(j)] + k) * size_t(dw)];
            for (int i = 0; i < dw; ++i)
                dstRow[i] += w[k] * srcRow[i];
        }
    }
    for (float& v : out)
        v = std::clamp(v, 0.0f, 1.0f);
    return out;
}

void checkShape(const GrayImage& image, const char* what)
{
    if (image.width < 0 || image.height < 0 ||
        image.pixels.size() != size_t(image.width) * size_t(image.height))
        throw ImageError(std::string(what) + ": image claims " + std::to_string(image.width) + "×" +
                         std::to_string(image.height) + " pixels but holds " +
                         std::to_string(image.pixels.size()));
}

} // namespace

GrayImage decodeImage(std::span<const uint8_t> bytes, const std::string& name)
{
    if (bytes.empty()) throw ImageError(name + ": empty file, expected a PNG or PGM image");
    if (bytes.size() > size_t(INT_MAX))
        throw ImageError(name + ": file too large to be an image nnviz can read");
    const int len = int(bytes.size());
    const auto format = sniffFormat(bytes);
    if (!format)
        throw ImageError(name + ": not an image nnviz can read (neither PNG nor binary PGM/PPM); "
                                "expected a PNG or binary PGM");
    if (*format == Format::Pnm) pnmDataOffset(bytes, name); // before stb parses the numbers
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(bytes.data(), len, &w, &h, &comp))
        throw ImageError(name + ": not an image nnviz can read (" + stbi_failure_reason() +
                         "); expected a PNG or binary PGM");
    if (int64_t(w) * int64_t(h) > kMaxPixels)
        throw ImageError(name + ": image is " + std::to_string(w) + "×" + std::to_string(h) +
                         " pixels, too large; scale it down to at most a few thousand pixels");
    checkHeaderAgainstSize(bytes, *format, w, h, comp, name);

    stbi_uc* data = stbi_load_from_memory(bytes.data(), len, &w, &h, &comp, 0);
    if (!data) throw ImageError(name + ": cannot decode image (" + stbi_failure_reason() + ")");

    GrayImage img;
    img.width = w;
    img.height = h;
    img.pixels.resize(size_t(w) * size_t(h));
    double sum = 0.0;
    for (size_t i = 0; i < img.pixels.size(); ++i) {
        const stbi_uc* p = data + i * size_t(comp);
        float lum = 0.0f, alpha = 1.0f;
        switch (comp) {
        case 1:
            lum = p[0] / 255.0f;
            break;
        case 2:
            lum = p[0] / 255.0f;
            alpha = p[1] / 255.0f;
            break;
        case 3:
            lum = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f;
            break;
        default:
            lum = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f;
            alpha = p[3] / 255.0f;
            break;
        }
        // Transparency is composited over white, as the picture looks on a page.
        const float v = lum * alpha + (1.0f - alpha);
        img.pixels[i] = v;
        sum += v;
    }
    stbi_image_free(data);

    // MNIST digits are bright ink on black; a scan or drawing on paper is the other way round.
    if (!img.pixels.empty() && sum / double(img.pixels.size()) > 0.5)
        for (float& v : img.pixels)
            v = 1.0f - v;
    return img;
}

GrayImage loadImage(const fs::path& file)
{
    // stb_image takes the size as an int: a larger file is refused before it is read.
    const std::vector<uint8_t> bytes =
        readWholeFile<ImageError>(file, {"", "a PNG or PGM image", uint64_t(INT_MAX)});
    return decodeImage(bytes, file.string());
}

void savePng(const GrayImage& image, const fs::path& file)
{
    checkShape(image, file.c_str());
    if (image.width == 0 || image.height == 0)
        throw ImageError(file.string() + ": cannot save an empty (0-pixel) image");
    std::vector<uint8_t> grey(image.pixels.size());
    for (size_t i = 0; i < grey.size(); ++i) {
        const float v = std::isfinite(image.pixels[i]) ? image.pixels[i] : 0.0f;
        grey[i] = uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    }
    // Encode in memory, then write ourselves so a failure can say why (stb only returns 0).
    std::vector<uint8_t> png;
    const auto append = [](void* ctx, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(ctx);
        const auto* p = static_cast<const uint8_t*>(data);
        out->insert(out->end(), p, p + size);
    };
    if (!stbi_write_png_to_func(append, &png, image.width, image.height, 1, grey.data(),
                                image.width))
        throw ImageError(file.string() + ": PNG encoding failed");
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) throw ImageError("cannot write PNG " + file.string() + ": " + std::strerror(errno));
    const bool wrote = std::fwrite(png.data(), 1, png.size(), f) == png.size();
    const int err = errno;
    if (std::fclose(f) != 0 || !wrote)
        throw ImageError("cannot write PNG " + file.string() + ": " +
                         std::strerror(wrote ? errno : err));
}

Eigen::VectorXf preprocessDigit(const GrayImage& image, int size, int box, bool massCentred)
{
    checkShape(image, "preprocessDigit");
    if (size <= 0)
        throw ImageError("preprocessDigit: output size must be positive, got " +
                         std::to_string(size));
    box = std::clamp(box, 1, size);
    Eigen::VectorXf out = Eigen::VectorXf::Zero(Eigen::Index(size) * size); // (size·size)

    // 1. Bounding box of the ink.
    int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1; // inclusive
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (image.at(x, y) > 0.0f) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    if (x1 < 0) return out; // nothing drawn

    // 2. Scale so the longer side is `box` pixels, keeping the aspect ratio.
    const int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const double scale = double(box) / double(std::max(bw, bh));
    const int nw = std::clamp(int(std::lround(bw * scale)), 1, box);
    const int nh = std::clamp(int(std::lround(bh * scale)), 1, box);
    // Clamp the source into [0, 1] (a canvas may overshoot; NaN counts as no ink).
    std::vector<float> crop(size_t(bw) * size_t(bh)); // (bh, bw)
    for (int y = 0; y < bh; ++y)
        for (int x = 0; x < bw; ++x) {
            const float v = image.at(x0 + x, y0 + y);
            crop[size_t(y) * size_t(bw) + size_t(x)] = v > 0.0f ? std::min(v, 1.0f) : 0.0f;
        }
    const std::vector<float> digit = resampleArea(crop.data(), bw, bh, size_t(bw), nw, nh);

    // 3. Centre of mass (pixel-index coordinates) onto (size/2, size/2) by a whole-pixel shift,
    //    clamped so the digit stays entirely inside; or the box centred.
    double mass = 0.0, mx = 0.0, my = 0.0;
    for (int y = 0; y < nh; ++y)
        for (int x = 0; x < nw; ++x) {
            const double v = digit[size_t(y) * size_t(nw) + size_t(x)];
            mass += v;
            mx += v * x;
            my += v * y;
        }
    const double cx = mass > 0.0 && massCentred ? mx / mass : nw / 2.0;
    const double cy = mass > 0.0 && massCentred ? my / mass : nh / 2.0;
    const int ox = std::clamp(int(std::lround(size / 2.0 - cx)), 0, size - nw);
    const int oy = std::clamp(int(std::lround(size / 2.0 - cy)), 0, size - nh);
    for (int y = 0; y < nh; ++y)
        for (int x = 0; x < nw; ++x)
            out[Eigen::Index(oy + y) * size + (ox + x)] = digit[size_t(y) * size_t(nw) + size_t(x)];
    return out;
}

Eigen::VectorXf preprocessFor(DatasetKind kind, const GrayImage& image)
{
    if (kind == DatasetKind::Fashion) return preprocessDigit(image, kDigitSide, kDigitSide, false);
    return preprocessDigit(image);
}

GrayImage resized(const GrayImage& image, int width, int height)
{
    checkShape(image, "resize");
    if (width <= 0 || height <= 0)
        throw ImageError("resize: output size must be positive, got " + std::to_string(width) +
                         "×" + std::to_string(height));
    GrayImage out;
    out.width = width;
    out.height = height;
    if (image.width == 0 || image.height == 0) {
        out.pixels.assign(size_t(width) * size_t(height), 0.0f);
        return out;
    }
    std::vector<float> src(image.pixels.size());
    for (size_t i = 0; i < src.size(); ++i)
        src[i] = image.pixels[i] > 0.0f ? std::min(image.pixels[i], 1.0f) : 0.0f;
    out.pixels = resampleArea(src.data(), image.width, image.height, size_t(image.width), width,
                              height);
    return out;
}

Eigen::VectorXf downsample(const GrayImage& image, int size)
{
    checkShape(image, "downsample");
    if (size <= 0)
        throw ImageError("downsample: output size must be positive, got " + std::to_string(size));
    const GrayImage small = resized(image, size, size);
    return Eigen::Map<const Eigen::VectorXf>(small.pixels.data(), Eigen::Index(small.pixels.size()));
}

GrayImage fromBytes(std::span<const uint8_t> pixels, int width, int height)
{
    if (width < 0 || height < 0 || pixels.size() != size_t(width) * size_t(height))
        throw ImageError("fromBytes: " + std::to_string(pixels.size()) + " bytes for a " +
                         std::to_string(width) + "×" + std::to_string(height) + " image");
    GrayImage img;
    img.width = width;
    img.height = height;
    img.pixels.resize(pixels.size());
    for (size_t i = 0; i < pixels.size(); ++i)
        img.pixels[i] = float(pixels[i]) / 255.0f;
    return img;
}

} // namespace nnviz
