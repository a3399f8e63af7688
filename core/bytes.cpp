// Reading whole files for the loaders, and hex32. One reader for IDX files, images and models,
// so each refuses the same things (missing, directory, FIFO, device, unreadable) in the same words.
#include "core/bytes.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace nnviz {

namespace fs = std::filesystem;

std::string hex32(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

namespace {

// Opens `file` for reading after refusing what nnviz never reads (missing, directory, FIFO,
// device); null with the reason in `why`.
std::FILE* openRegular(const fs::path& file, const FileKind& kind, std::string& why)
{
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (!fs::exists(status)) why = "no such file";
    else if (fs::is_directory(status))
        why = "is a directory, expected " + std::string(kind.expected);
    // A FIFO or device could block the open or never end; every file nnviz reads is regular.
    else if (!fs::is_regular_file(status))
        why = "is not a regular file (a pipe, socket or device)";
    if (!why.empty()) return nullptr;
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) why = std::string("cannot open: ") + std::strerror(errno);
    return f;
}

// Closes f after `bytesRead` bytes were read from it: why the read went wrong (an error, or more
// than kind.maxBytes), or empty.
std::string closeAfterRead(std::FILE* f, uint64_t bytesRead, const FileKind& kind)
{
    const bool failed = std::ferror(f) != 0;
    const int err = errno;
    std::fclose(f);
    if (failed) return std::string("read error: ") + std::strerror(err);
    if (bytesRead > kind.maxBytes)
        return "larger than " + std::string(kind.expected) + " can be (over " +
               std::to_string(kind.maxBytes) + " bytes)";
    return {};
}

} // namespace

std::optional<std::vector<uint8_t>> readFileBytes(const fs::path& file, const FileKind& kind,
                                                  std::string& error)
{
    const auto fail = [&](const std::string& why) {
        error = std::string(kind.prefix) + file.string() + ": " + why;
        return std::nullopt;
    };
    std::string why;
    std::FILE* f = openRegular(file, kind, why);
    if (!f) return fail(why);
    // Read straight into a buffer of the file's size (47 MB for the MNIST training images), one
    // byte more to see the end without growing; keep reading past it in case the file grew
    // meanwhile, and stop one byte past maxBytes.
    const uint64_t limit =
        kind.maxBytes == std::numeric_limits<uint64_t>::max() ? kind.maxBytes : kind.maxBytes + 1;
    std::error_code ec;
    const uint64_t size = fs::file_size(file, ec);
    std::vector<uint8_t> bytes(size_t(std::min(ec ? 0 : size + 1, limit)));
    size_t used = 0;
    for (;;) {
        if (used == bytes.size()) {
            if (used >= limit) break;
            bytes.resize(
                size_t(std::min<uint64_t>(std::max<size_t>(bytes.size() * 2, 1 << 16), limit)));
        }
        const size_t got = std::fread(bytes.data() + used, 1, bytes.size() - used, f);
        used += got;
        if (got == 0) break;
    }
    bytes.resize(used);
    why = closeAfterRead(f, used, kind);
    if (!why.empty()) return fail(why);
    return bytes;
}

bool readFilePieces(const fs::path& file, const FileKind& kind, std::string& error,
                    size_t pieceBytes, const std::function<void(std::span<const uint8_t>)>& piece)
{
    const auto fail = [&](const std::string& why) {
        error = std::string(kind.prefix) + file.string() + ": " + why;
        return false;
    };
    std::string why;
    std::FILE* f = openRegular(file, kind, why);
    if (!f) return fail(why);
    std::vector<uint8_t> buffer(pieceBytes);
    uint64_t total = 0;
    for (;;) {
        const size_t got = std::fread(buffer.data(), 1, buffer.size(), f);
        if (got == 0) break;
        total += got;
        if (total > kind.maxBytes) break;
        try {
            piece({buffer.data(), got});
        } catch (...) {
            std::fclose(f);
            throw;
        }
    }
    why = closeAfterRead(f, total, kind);
    return why.empty() || fail(why);
}

} // namespace nnviz
