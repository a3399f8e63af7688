// Reading and writing zip archives for .npz files (see zip_archive.hpp). Layout per PKWARE's
// APPNOTE.TXT: each member is a local header, then its bytes; then the central directory (one
// record per member, the authority on names, sizes and offsets), then the end-of-central-directory
// record. Every offset and size read from the file is checked against the bytes present.
#include "core/zip_archive.hpp"

#include "core/errors.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>

namespace nnviz {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50;   // "PK\3\4"
constexpr uint32_t kCentralSig = 0x02014b50; // "PK\1\2"
constexpr uint32_t kEndSig = 0x06054b50;     // "PK\5\6"
constexpr size_t kLocalBytes = 30, kCentralBytes = 46, kEndBytes = 22;
constexpr uint16_t kStored = 0, kDeflate = 8;
constexpr uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01
// Deflate's best case is 258 bytes from 2 bits: at most 1032 times its input, plus its framing.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint16_t u16At(std::span<const uint8_t> b, size_t at)
{
    return uint16_t(b[at] | b[at + 1] << 8);
}
uint32_t u32At(std::span<const uint8_t> b, size_t at)
{
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
           uint32_t(b[at + 3]) << 24;
}
uint64_t u64At(std::span<const uint8_t> b, size_t at)
{
    return uint64_t(u32At(b, at)) | uint64_t(u32At(b, at + 4)) << 32;
}

void put16(std::vector<uint8_t>& b, uint16_t v)
{
    b.push_back(uint8_t(v));
    b.push_back(uint8_t(v >> 8));
}
void put32(std::vector<uint8_t>& b, uint32_t v)
{
    put16(b, uint16_t(v));
    put16(b, uint16_t(v >> 16));
}

uint32_t crcOf(std::span<const uint8_t> data)
{
    return uint32_t(crc32_z(crc32_z(0L, Z_NULL, 0), data.data(), data.size()));
}

// Raw deflate (no zlib header), as zip stores it.
std::vector<uint8_t> deflateRaw(std::span<const uint8_t> data)
{
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw ModelFileError("cannot start zlib's deflate");
    std::vector<uint8_t> out(deflateBound(&z, uLong(data.size())));
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = uInt(data.size());
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    const int status = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw ModelFileError("zlib's deflate did not finish");
    return out;
}

// Up to four bytes as text where printable, \xNN otherwise: "NNVZ", "\x89PNG".
std::string showMagic(std::span<const uint8_t> b)
{
    std::string s = "\"";
    for (size_t i = 0; i < b.size() && i < 4; ++i) {
        char buf[8];
        if (b[i] >= 0x20 && b[i] < 0x7f && b[i] != '"' && b[i] != '\\')
            s += char(b[i]);
        else
            s += (std::snprintf(buf, sizeof buf, "\\x%02x", b[i]), buf);
    }
    return s + "\"";
}

// The end-of-central-directory record's offset: the last "PK\5\6" whose comment length reaches
// exactly the end of the file (the comment may hold up to 65,535 bytes).
size_t findEndRecord(std::span<const uint8_t> b, const std::string& where)
{
    const size_t lowest = b.size() > kEndBytes + 0xFFFF ? b.size() - kEndBytes - 0xFFFF : 0;
    for (size_t at = b.size() - kEndBytes + 1; at-- > lowest;)
        if (u32At(b, at) == kEndSig && at + kEndBytes + u16At(b, at + 20) == b.size()) return at;
    throw ModelFileError(where + ": no zip end-of-central-directory record; the file is "
                                 "truncated or not a complete zip archive");
}

// Replaces the 32-bit fields that are 0xFFFFFFFF by the zip64 extra field's values (id 1, in the
// order size, compressed size, local header offset, each present only when its field is full).
void readZip64(std::span<const uint8_t> extra, ZipEntry& e, uint64_t& localOffset,
               const std::string& where)
{
    for (size_t at = 0; at + 4 <= extra.size();) {
        const uint16_t id = u16At(extra, at), len = u16At(extra, at + 2);
        if (at + 4 + len > extra.size()) break;
        if (id == 1) {
            size_t p = at + 4;
            for (uint64_t* field : {&e.size, &e.compressedSize, &localOffset}) {
                if (*field != 0xFFFFFFFF) continue;
                if (p + 8 > at + 4 + len)
                    throw ModelFileError(where + ": member " + e.name +
                                         " has a zip64 field too short for its sizes");
                *field = u64At(extra, p);
                p += 8;
            }
            return;
        }
        at += 4 + size_t(len);
    }
    if (e.size == 0xFFFFFFFF || e.compressedSize == 0xFFFFFFFF || localOffset == 0xFFFFFFFF)
        throw ModelFileError(where + ": member " + e.name + " needs a zip64 field it lacks");
}

} // namespace

std::vector<uint8_t> writeZip(const std::vector<ZipMember>& members)
{
    if (members.size() > 0xFFFF)
        throw ModelFileError("cannot write a zip of " + std::to_string(members.size()) +
                             " members (at most 65,535)");
    std::vector<uint8_t> out, central;
    for (const ZipMember& m : members) {
        if (m.data.size() >= 0xFFFFFFFF || m.name.size() > 0xFFFF || out.size() >= 0xFFFFFFFF)
            throw ModelFileError("cannot write zip member " + m.name + ": over 4 GiB");
        const std::vector<uint8_t> packed = deflateRaw(m.data);
        const uint32_t crc = crcOf(m.data), offset = uint32_t(out.size());
        // The fields a local header and a central record share, from "version needed" on.
        const auto common = [&](std::vector<uint8_t>& b) {
            put16(b, 20); // version needed: 2.0 (deflate)
            put16(b, 0);  // flags
            put16(b, kDeflate);
            put16(b, 0); // time 00:00
            put16(b, kDosDate1980);
            put32(b, crc);
            put32(b, uint32_t(packed.size()));
            put32(b, uint32_t(m.data.size()));
            put16(b, uint16_t(m.name.size()));
            put16(b, 0); // extra field length
        };
        put32(out, kLocalSig);
        common(out);
        out.insert(out.end(), m.name.begin(), m.name.end());
        out.insert(out.end(), packed.begin(), packed.end());

        put32(central, kCentralSig);
        put16(central, 20); // made by: 2.0, MS-DOS attributes
        common(central);
        put16(central, 0); // comment length
        put16(central, 0); // disk number
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central.insert(central.end(), m.name.begin(), m.name.end());
    }
    if (out.size() + central.size() >= 0xFFFFFFFF)
        throw ModelFileError("cannot write a zip over 4 GiB");
    const uint32_t centralAt = uint32_t(out.size());
    out.insert(out.end(), central.begin(), central.end());
    put32(out, kEndSig);
    put16(out, 0); // this disk
    put16(out, 0); // the central directory's disk
    put16(out, uint16_t(members.size()));
    put16(out, uint16_t(members.size()));
    put32(out, uint32_t(central.size()));
    put32(out, centralAt);
    put16(out, 0); // comment length
    return out;
}

std::vector<ZipEntry> listZip(std::span<const uint8_t> b, const std::string& where)
{
    const auto fail = [&where](const std::string& what) {
        throw ModelFileError(where + ": " + what);
    };
    if (b.empty()) fail("the file is empty; expected a NumPy .npz archive");
    if (b.size() < 4 || u32At(b, 0) != kLocalSig) {
        const std::span<const uint8_t> head = b.first(std::min<size_t>(4, b.size()));
        const bool nnvz = b.size() >= 4 && std::memcmp(b.data(), "NNVZ", 4) == 0;
        fail("not a zip archive: expected \"PK\\x03\\x04\", found " + showMagic(head) +
             (nnvz ? "; it is an nnviz model (.nnvz), name it so"
                   : "; an .npz file is a zip of .npy arrays (numpy.savez)"));
    }
    if (b.size() < kLocalBytes + kEndBytes)
        fail("truncated: " + std::to_string(b.size()) + " bytes is too short for a zip archive");
    const size_t end = findEndRecord(b, where);
    const uint16_t disk = u16At(b, end + 4), centralDisk = u16At(b, end + 6);
    const uint16_t onDisk = u16At(b, end + 8), count = u16At(b, end + 10);
    const uint32_t centralSize = u32At(b, end + 12), centralAt = u32At(b, end + 16);
    if (disk != 0 || centralDisk != 0 || onDisk != count)
        fail("a multi-disk (split) zip archive; join it into one file first");
    if (count == 0xFFFF || centralAt == 0xFFFFFFFF || centralSize == 0xFFFFFFFF)
        fail("a zip64 archive (over 65,535 members or 4 GiB), far larger than a model");
    if (uint64_t(centralAt) + centralSize > end)
        fail("truncated or corrupt: the central directory (" + std::to_string(centralSize) +
             " bytes at " + std::to_string(centralAt) +
             ") does not end before the end record (at " + std::to_string(end) + ")");

    std::vector<ZipEntry> entries;
    std::set<std::string> names;
    size_t at = centralAt;
    for (uint16_t i = 0; i < count; ++i) {
        if (at + kCentralBytes > size_t(centralAt) + centralSize || u32At(b, at) != kCentralSig)
            fail("corrupt central directory: record " + std::to_string(i + 1) + " of " +
                 std::to_string(count) + " is missing or damaged");
        ZipEntry e;
        const uint16_t flags = u16At(b, at + 8);
        e.method = u16At(b, at + 10);
        e.crc = u32At(b, at + 16);
        e.compressedSize = u32At(b, at + 20);
        e.size = u32At(b, at + 24);
        const size_t nameLen = u16At(b, at + 28), extraLen = u16At(b, at + 30),
                     commentLen = u16At(b, at + 32);
        uint64_t localAt = u32At(b, at + 42);
        const size_t next = at + kCentralBytes + nameLen + extraLen + commentLen;
        if (next > size_t(centralAt) + centralSize)
            fail("corrupt central directory: record " + std::to_string(i + 1) +
                 " runs past its end");
        e.name.assign(reinterpret_cast<const char*>(&b[at + kCentralBytes]), nameLen);
        readZip64(b.subspan(at + kCentralBytes + nameLen, extraLen), e, localAt, where);
        if (flags & 1) fail("member " + e.name + " is encrypted; nnviz reads unencrypted .npz");
        if (e.method != kStored && e.method != kDeflate)
            fail("member " + e.name + " is compressed with zip method " + std::to_string(e.method) +
                 "; nnviz reads stored (0) and deflated (8) members, as numpy.savez and "
                 "numpy.savez_compressed write them");
        if (!names.insert(e.name).second) fail("member " + e.name + " appears twice");
        if (localAt > centralAt || centralAt - localAt < kLocalBytes || // no wrap-around
            u32At(b, size_t(localAt)) != kLocalSig)
            fail("member " + e.name + ": no local header at offset " + std::to_string(localAt) +
                 "; the archive is corrupt");
        e.dataOffset =
            localAt + kLocalBytes + u16At(b, size_t(localAt) + 26) + u16At(b, size_t(localAt) + 28);
        if (e.dataOffset + e.compressedSize > centralAt)
            fail("member " + e.name + " is truncated: " + std::to_string(e.compressedSize) +
                 " bytes at offset " + std::to_string(e.dataOffset) +
                 " run into the central directory (at " + std::to_string(centralAt) + ")");
        entries.push_back(std::move(e));
        at = next;
    }
    return entries;
}

std::vector<uint8_t> extractZip(std::span<const uint8_t> b, const ZipEntry& e,
                                const std::string& where, uint64_t maxSize)
{
    const auto fail = [&](const std::string& what) {
        throw ModelFileError(where + ": member " + e.name + ": " + what);
    };
    if (e.size > maxSize)
        fail("is " + std::to_string(e.size) + " bytes once extracted, more than the " +
             std::to_string(maxSize) + " a model's largest array can take");
    if (e.method == kStored && e.compressedSize != e.size)
        fail("stored uncompressed, yet " + std::to_string(e.compressedSize) +
             " bytes in the archive and " + std::to_string(e.size) + " extracted");
    if (e.method == kDeflate && e.size > e.compressedSize * kMaxDeflateRatio + 64)
        fail("claims " + std::to_string(e.size) + " bytes from " +
             std::to_string(e.compressedSize) +
             " deflated bytes, more than deflate can expand to; the archive is corrupt");
    const std::span<const uint8_t> packed =
        b.subspan(size_t(e.dataOffset), size_t(e.compressedSize));
    std::vector<uint8_t> out;
    if (e.method == kStored) {
        out.assign(packed.begin(), packed.end());
    } else {
        out.resize(size_t(e.size) + 1); // never empty: zlib refuses a null output pointer
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail("cannot start zlib's inflate");
        z.next_in = const_cast<Bytef*>(packed.data());
        z.avail_in = uInt(packed.size());
        z.next_out = out.data();
        z.avail_out = uInt(e.size);
        const int status = inflate(&z, Z_FINISH);
        const std::string msg = z.msg ? z.msg : "";
        const uint64_t produced = z.total_out;
        const bool full = z.avail_out == 0;
        inflateEnd(&z);
        out.resize(size_t(e.size));
        if (status == Z_DATA_ERROR) fail("corrupt deflate data (zlib: " + msg + ")");
        if (status == Z_BUF_ERROR && full)
            fail("inflates to more than the " + std::to_string(e.size) +
                 " bytes the directory declares; the archive is corrupt");
        if (status != Z_STREAM_END)
            fail("its deflate data ends early (" + std::to_string(produced) + " of " +
                 std::to_string(e.size) + " bytes); the file is truncated");
        if (produced != e.size)
            fail("inflates to " + std::to_string(produced) + " bytes, but the directory declares " +
                 std::to_string(e.size));
    }
    const uint32_t crc = crcOf(out);
    if (crc != e.crc) {
        char buf[80];
        std::snprintf(buf, sizeof buf, "CRC-32 mismatch (stored 0x%08x, computed 0x%08x)", e.crc,
                      crc);
        fail(std::string(buf) + "; the archive is corrupt");
    }
    return out;
}

} // namespace nnviz
