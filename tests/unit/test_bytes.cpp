// core/bytes: the one file reader behind loadIdx, loadImage and loadModel (its messages, its size
// limit, the files it refuses before opening), byte-order loads and hex32.
#include "core/bytes.hpp"
#include "core/errors.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "temp_dir.hpp"

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

namespace {

void writeAll(const fs::path& p, const Bytes& bytes)
{
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    REQUIRE(f.good());
}

// The message readFileBytes gives for `file`, or "" when it reads it.
std::string errorOf(const fs::path& file, const nnviz::FileKind& kind)
{
    std::string error;
    const auto bytes = nnviz::readFileBytes(file, kind, error);
    CHECK(bytes.has_value() == error.empty());
    return error;
}

} // namespace

TEST_CASE("readFileBytes reads whole files and names what it refuses")
{
    TempDir dir("bytes");
    const nnviz::FileKind kind{"thing file ", "a thing", 10};
    Bytes ten(10);
    for (size_t i = 0; i < ten.size(); ++i)
        ten[i] = uint8_t(i * 25);
    writeAll(dir.path / "ten", ten);
    writeAll(dir.path / "eleven", Bytes(11, 7));
    writeAll(dir.path / "empty", {});

    std::string error;
    CHECK(nnviz::readFileBytes(dir.path / "ten", kind, error) == ten); // exactly the limit
    CHECK(nnviz::readFileBytes(dir.path / "empty", kind, error) == Bytes{});
    // 100 KB with no limit: larger than the first buffer when the size is unknown.
    Bytes big(100'000);
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = uint8_t(i * 7 + i / 251);
    writeAll(dir.path / "big", big);
    CHECK(nnviz::readFileBytes(dir.path / "big", {"", "a big thing"}, error) == big);

    const std::string name = (dir.path / "eleven").string();
    CHECK(errorOf(dir.path / "eleven", kind) ==
          "thing file " + name + ": larger than a thing can be (over 10 bytes)");
    CHECK(errorOf(dir.path / "missing", kind) ==
          "thing file " + (dir.path / "missing").string() + ": no such file");
    CHECK(errorOf(dir.path, kind) ==
          "thing file " + dir.path.string() + ": is a directory, expected a thing");
    const fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(errorOf(fifo, kind) ==
          "thing file " + fifo.string() + ": is not a regular file (a pipe, socket or device)");
    CHECK(errorOf("/proc/self/mem", kind) ==
          "thing file /proc/self/mem: read error: Input/output error");

    // The throwing form raises the loader's own type with the same message.
    CHECK_THROWS_WITH_AS(
        nnviz::readWholeFile<nnviz::DataError>(dir.path / "missing", kind),
        ("thing file " + (dir.path / "missing").string() + ": no such file").c_str(),
        nnviz::DataError);
}

TEST_CASE("32-bit loads in both byte orders, and hex32")
{
    const uint8_t b[4] = {0x00, 0x00, 0x08, 0x03};
    CHECK(nnviz::loadBigEndian32(b) == 0x00000803u);
    CHECK(nnviz::loadLittleEndian32(b) == 0x03080000u);
    const uint8_t c[4] = {0x8f, 0x6e, 0xa0, 0x63};
    CHECK(nnviz::loadLittleEndian32(c) == 0x63a06e8fu);
    CHECK(nnviz::hex32(0x803) == "0x00000803");
    CHECK(nnviz::hex32(0xffffffffu) == "0xffffffff");
}
