// Byte-level helpers shared by the file loaders (IDX datasets, images, model files): reading a
// whole file with a message a person can act on, 32-bit fields in either byte order, and the hex
// spelling of magic numbers and checksums in messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnviz {

// 32-bit fields: IDX headers and PNG chunk lengths are big-endian, .nnvz files little-endian.
inline uint32_t loadBigEndian32(const uint8_t* p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
inline uint32_t loadLittleEndian32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// "0x00000803": how messages show a magic number or a CRC.
std::string hex32(uint32_t v);

// How a loader's files are named in readWholeFile's messages.
struct FileKind {
    std::string_view prefix; // before the file name: "" for IDX files and images, "model file "
    std::string_view
        expected; // what the path should have been: "an IDX file", "a PNG or PGM image"
    uint64_t maxBytes = std::numeric_limits<uint64_t>::max(); // larger files are refused
};

// All of `file`, or nullopt with the reason in `error`, one line naming the file:
// "<prefix><file>: no such file", "...: is a directory, expected <expected>", "...: is not a
// regular file (a pipe, socket or device)", "...: cannot open: <errno text>", "...: read error:
// <errno text>", "...: larger than <expected> can be (over <maxBytes> bytes)". A directory, FIFO
// or device is refused before opening (a FIFO with no writer would block the open forever); a
// file over maxBytes is refused after reading at most maxBytes + 1 bytes of it.
std::optional<std::vector<uint8_t>> readFileBytes(const std::filesystem::path& file,
                                                  const FileKind& kind, std::string& error);

// readFileBytes in pieces, for files too large to hold twice: calls `piece` with each part read
// (at most pieceBytes, in order) instead of keeping the whole file. The same refusals and messages;
// false with the reason in `error` (pieces already given stay given).
bool readFilePieces(const std::filesystem::path& file, const FileKind& kind, std::string& error,
                    size_t pieceBytes, const std::function<void(std::span<const uint8_t>)>& piece);

// readFileBytes, throwing the loader's own error type (DataError, ImageError, ModelFileError).
template <class E>
std::vector<uint8_t> readWholeFile(const std::filesystem::path& file, const FileKind& kind)
{
    std::string error;
    std::optional<std::vector<uint8_t>> bytes = readFileBytes(file, kind, error);
    if (!bytes) throw E(error);
    return std::move(*bytes);
}

} // namespace nnviz
