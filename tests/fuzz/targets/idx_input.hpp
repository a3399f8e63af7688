// How one fuzz input encodes an IDX image/label pair, shared by fuzz_idx.cpp and the unit test
// that replays tests/fuzz/regressions/idx/:
//   byte 0      mode: 0 parseIdx on the bytes as given; 1 loadIdx (files; gzip detected by
//               content, so inputs holding gzip data reach the inflater); 2 loadIdx with the
//               images gzipped by the harness; 3 both gzipped by the harness
//   bytes 1..2  length of the images part, little-endian (clamped to what is left)
//   the rest    images part, then labels part
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace nnviz_fuzz {

struct IdxInput {
    int mode = 0;
    std::span<const uint8_t> images, labels;
};

inline IdxInput splitIdxInput(std::span<const uint8_t> in)
{
    IdxInput r;
    if (in.size() < 3) return r;
    r.mode = in[0] & 3;
    const size_t rest = in.size() - 3;
    const size_t n = std::min<size_t>(size_t(in[1]) | size_t(in[2]) << 8, rest);
    r.images = in.subspan(3, n);
    r.labels = in.subspan(3 + n);
    return r;
}

} // namespace nnviz_fuzz
