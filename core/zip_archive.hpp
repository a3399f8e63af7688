// Zip archives as NumPy's .npz files use them: a flat list of named members, stored or deflated
// (zlib), read through the central directory. Only what .npz needs: no encryption, no multi-disk
// archives, no zip64 end record (over 65,535 members or 4 GiB). Errors are ModelFileError, since
// nnviz reads zip archives only as models; `where` starts each message ("model file m.npz").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

// One member to write.
struct ZipMember {
    std::string name;          // "W0.npy"
    std::vector<uint8_t> data; // its uncompressed bytes
};

// The archive's bytes: every member deflated, in order, with a fixed timestamp (1980-01-01 00:00)
// so the same members always give the same bytes. Throws ModelFileError past 65,535 members or a
// member over 4 GiB.
std::vector<uint8_t> writeZip(const std::vector<ZipMember>& members);

// One member as the central directory describes it (sizes from its zip64 field when it has one).
struct ZipEntry {
    std::string name;
    uint16_t method = 0;         // 0 stored, 8 deflate
    uint32_t crc = 0;            // CRC-32 of the uncompressed bytes
    uint64_t compressedSize = 0; // bytes in the archive
    uint64_t size = 0;           // bytes once extracted
    uint64_t dataOffset = 0;     // where its compressed bytes start in the archive
};

// The members listed in the central directory, after checking that the archive's structure is
// sound (end record, central directory and local headers inside the bytes, supported flags and
// methods, no duplicate names). Throws ModelFileError saying what is wrong: not a zip at all
// (with the magic found), truncated, encrypted, an unsupported compression method.
std::vector<ZipEntry> listZip(std::span<const uint8_t> archive, const std::string& where);

// A member's bytes, inflated when deflated, its size and CRC-32 checked. Refuses, before
// allocating, a member larger than maxSize or claiming more than deflate can expand its
// compressed bytes to.
std::vector<uint8_t> extractZip(std::span<const uint8_t> archive, const ZipEntry& entry,
                                const std::string& where, uint64_t maxSize);

} // namespace nnviz
