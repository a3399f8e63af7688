// Small IDX files for tests: images and labels as bytes, and a file writer.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace nnviz::test {

using Bytes = std::vector<uint8_t>;

inline void putBigEndian32(Bytes& b, uint32_t v)
{
    for (int s = 24; s >= 0; s -= 8)
        b.push_back(uint8_t(v >> s));
}

// An IDX image file: magic 0x803, count, rows, cols, then count·rows·cols bytes where pixel k of
// image i is (i·31 + k) mod 256, so every image is distinguishable.
inline Bytes imagesIdx(uint32_t count, uint32_t rows = 28, uint32_t cols = 28)
{
    Bytes b;
    putBigEndian32(b, 0x803);
    putBigEndian32(b, count);
    putBigEndian32(b, rows);
    putBigEndian32(b, cols);
    for (uint32_t i = 0; i < count; ++i)
        for (uint32_t k = 0; k < rows * cols; ++k)
            b.push_back(uint8_t((i * 31 + k) % 256));
    return b;
}

inline Bytes labelsIdx(const Bytes& labels)
{
    Bytes b;
    putBigEndian32(b, 0x801);
    putBigEndian32(b, uint32_t(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

inline void writeFile(const std::filesystem::path& p, const Bytes& bytes)
{
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    REQUIRE(f.good());
}

} // namespace nnviz::test
