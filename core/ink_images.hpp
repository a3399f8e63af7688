// A set of same-sized uint8 images held as their ink: each image's non-zero pixels as runs, the
// zeros between them as counts. MNIST digits are mostly black, so the 60,000 training images take
// 12.5 MB instead of 47 MB; images go in one at a time, as a file is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nnviz {

class InkImages {
  public:
    explicit InkImages(int pixelCount = 0) : m_pixels(pixelCount) {}

    // Appends one image of pixelCount() bytes.
    void append(const uint8_t* image);
    // Room for `images` more images of `inkBytes` encoded bytes in all (a hint, no pages touched).
    void reserve(size_t images, size_t inkBytes);

    size_t size() const { return m_start.size() - 1; }
    int pixelCount() const { return m_pixels; }
    // Image i's pixels into out (pixelCount() bytes).
    void unpack(size_t i, uint8_t* out) const;
    // Image i as network input into out (pixelCount() floats): pixelInput of each byte, zeros
    // included, so the floats are bit for bit those of the plain bytes.
    void unpackInput(size_t i, float* out) const;
    // Where image i's encoding starts, and its length: for prefetching.
    const uint8_t* encoded(size_t i) const { return m_runs.data() + m_start[i]; }
    size_t encodedBytes(size_t i) const { return m_start[i + 1] - m_start[i]; }
    // Bytes held (encoding and offsets).
    size_t bytes() const { return m_runs.size() + m_start.size() * sizeof(uint64_t); }

  private:
    template <class Run> void forEachRun(size_t i, Run run) const;

    // Image i is tokens from m_start[i] to m_start[i+1], each: a count of zeros to skip (0..255),
    // n (0..255), then n pixel bytes. Zeros after the last run are not stored. A longer gap is
    // split into tokens with n = 0, a longer run into tokens with a gap of 0.
    int m_pixels;
    std::vector<uint8_t> m_runs;
    std::vector<uint64_t> m_start{0}; // size() + 1 offsets into m_runs
};

} // namespace nnviz
