// InkImages: packing images into runs of ink and unpacking them into bytes or network input.
#include "core/ink_images.hpp"

#include "core/dataset.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace nnviz {

namespace {

constexpr int kMaxToken = 255; // a gap or a run length is one byte

// pixelInput of every byte, looked up rather than divided: the same floats, several times faster
// than a scalar division per pixel (evaluation unpacks 10,000 images each time it scores).
const std::array<float, 256>& inputTable()
{
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int b = 0; b < 256; ++b) t[size_t(b)] = pixelInput(uint8_t(b));
        return t;
    }();
    return table;
}

} // namespace

void InkImages::reserve(size_t images, size_t inkBytes)
{
    m_start.reserve(m_start.size() + images);
    m_runs.reserve(m_runs.size() + inkBytes);
}

void InkImages::append(const uint8_t* image)
{
    int p = 0;
    while (p < m_pixels) {
        int gap = 0;
        while (p + gap < m_pixels && image[p + gap] == 0) ++gap;
        if (p + gap == m_pixels) break; // only zeros left: not stored
        p += gap;
        for (; gap > kMaxToken; gap -= kMaxToken) { // skip the excess with empty runs
            m_runs.push_back(uint8_t(kMaxToken));
            m_runs.push_back(0);
        }
        int n = 0;
        while (p + n < m_pixels && image[p + n] != 0 && n < kMaxToken) ++n;
        m_runs.push_back(uint8_t(gap));
        m_runs.push_back(uint8_t(n));
        m_runs.insert(m_runs.end(), image + p, image + p + n);
        p += n;
    }
    m_start.push_back(m_runs.size());
}

// Calls run(p, ink, n) for each run of image i: n ink bytes from pixel p on.
template <class Run> void InkImages::forEachRun(size_t i, Run run) const
{
    const uint8_t* t = encoded(i);
    const uint8_t* end = t + encodedBytes(i);
    int p = 0;
    while (t < end) {
        p += t[0];
        const int n = t[1];
        run(p, t + 2, n);
        p += n;
        t += 2 + n;
    }
}

void InkImages::unpack(size_t i, uint8_t* out) const
{
    std::memset(out, 0, size_t(m_pixels));
    forEachRun(i, [&](int p, const uint8_t* ink, int n) { std::memcpy(out + p, ink, size_t(n)); });
}

void InkImages::unpackInput(size_t i, float* out) const
{
    std::fill(out, out + m_pixels, pixelInput(0));
    const std::array<float, 256>& table = inputTable();
    forEachRun(i, [&](int p, const uint8_t* ink, int n) {
        for (int k = 0; k < n; ++k) out[p + k] = table[ink[k]];
    });
}

} // namespace nnviz
