// IDX dataset reading (MNIST, Fashion-MNIST), plain or gzipped, and conversion of the uint8
// images into the float columns the network reads. Every size in a header is checked against the
// bytes actually present before anything is allocated, so a hostile header cannot cost memory.
#include "core/dataset.hpp"

#include "core/bytes.hpp"
#include "core/errors.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <utility>

namespace nnviz {

namespace {

namespace fs = std::filesystem;

// The two kinds of IDX file nnviz reads: a big-endian u32 magic, then one u32 per dimension.
struct IdxKind {
    uint32_t magic;         // 0x08 = unsigned byte, then the number of dimensions
    size_t header;          // bytes before the data: magic and dimensions
    const char* name;       // "image": "an IDX image file", "IDX image magic"
    const char* headerSize; // "a 16-byte header"
    const char* aFile;      // "an image file", when the other file holds this magic
};
// Dimensions (count, rows, cols) and (count).
constexpr IdxKind kImageIdx{0x00000803, 16, "image", "a 16-byte header", "an image file"};
constexpr IdxKind kLabelIdx{0x00000801, 8, "label", "an 8-byte header", "a label file"};
constexpr size_t kImageHeader = kImageIdx.header;
constexpr size_t kLabelHeader = kLabelIdx.header;
constexpr int kSide = 28;                    // the network's input is 28 × 28
// A decompressed IDX file larger than this is not an MNIST-sized set (train images: 47 MB).
constexpr size_t kMaxInflated = size_t(1) << 30;

bool isGzip(std::span<const uint8_t> bytes)
{
    return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

// Inflates gzip data (one or more concatenated members, as `cat a.gz b.gz` makes).
std::vector<uint8_t> gunzip(std::span<const uint8_t> gz, const std::string& name)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw DataError(name + ": cannot initialise zlib");

    // The gzip trailer holds the uncompressed size mod 2^32: a good first size for the buffer
    // (+1 so the end of the stream is seen without growing). Deflate cannot expand more than
    // ~1032:1, which bounds what a lying trailer can make us allocate.
    size_t hint = 1 << 16;
    if (gz.size() >= 18) {
        hint = loadLittleEndian32(gz.data() + gz.size() - 4);
        hint = std::min({hint + 1, kMaxInflated + 1, gz.size() * 1032});
    }
    std::vector<uint8_t> out(hint);
    size_t used = 0;

    zs.next_in = const_cast<Bytef*>(gz.data());
    size_t inLeft = gz.size();
    for (;;) {
        if (used == out.size()) {
            if (used > kMaxInflated) {
                inflateEnd(&zs);
                throw DataError(name +
                                ": decompresses to more than 1 GiB; not an MNIST-sized IDX file");
            }
            out.resize(std::min(out.size() * 2, kMaxInflated + 1));
        }
        const Bytef* inBefore = zs.next_in;
        zs.avail_in = uInt(std::min<size_t>(inLeft, 1u << 30));
        zs.next_out = out.data() + used;
        zs.avail_out = uInt(std::min<size_t>(out.size() - used, 1u << 30));
        const uInt outBefore = zs.avail_out;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        inLeft -= size_t(zs.next_in - inBefore);
        used += outBefore - zs.avail_out;
        if (rc == Z_STREAM_END) {
            // Another member may follow; anything else after the stream is an error.
            if (inLeft == 0) break;
            if (inLeft >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            inflateEnd(&zs);
            throw DataError(name + ": " + std::to_string(inLeft) +
                            " unexpected bytes after the end of the gzip data");
        }
        if (rc == Z_BUF_ERROR && inLeft == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw DataError(name + ": gzip data is truncated (the download may be incomplete)");
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string why = zs.msg ? zs.msg : "error " + std::to_string(rc);
            inflateEnd(&zs);
            throw DataError(name + ": corrupt gzip data (zlib: " + why + ")");
        }
    }
    out.resize(used);
    inflateEnd(&zs);
    return out;
}

std::vector<uint8_t> readIdxBytes(const fs::path& file)
{
    std::vector<uint8_t> bytes = readWholeFile<DataError>(file, {"", "an IDX file"});
    if (isGzip(bytes)) return gunzip(bytes, file.string());
    return bytes;
}

// Checks that `bytes` holds exactly `header + payload` bytes; names the problem otherwise.
void checkLength(std::span<const uint8_t> bytes, size_t header, uint64_t payload,
                 const std::string& what, const std::string& name)
{
    const uint64_t expected = uint64_t(header) + payload;
    if (bytes.size() < expected)
        throw DataError(name + ": truncated: the header promises " + what + " (" +
                        std::to_string(expected) + " bytes) but the file has only " +
                        std::to_string(bytes.size()) + " bytes");
    if (bytes.size() > expected)
        throw DataError(name + ": the header promises " + what + " (" + std::to_string(expected) +
                        " bytes) but the file has " + std::to_string(bytes.size()) +
                        " bytes; the counts disagree");
}

struct Candidate {
    fs::path images, labels;
};

// `<dir>/<stem>` or `<dir>/<stem>.gz`, whichever exists (plain preferred); empty if neither.
fs::path findIdx(const fs::path& dir, const std::string& stem)
{
    std::error_code ec;
    for (const fs::path& p : {dir / stem, dir / (stem + ".gz")})
        if (fs::is_regular_file(p, ec)) return p;
    return {};
}

std::optional<Candidate> findSplit(const fs::path& dir, Split split)
{
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    Candidate c{findIdx(dir, prefix + "-images-idx3-ubyte"),
                findIdx(dir, prefix + "-labels-idx1-ubyte")};
    if (c.images.empty() || c.labels.empty()) return std::nullopt;
    return c;
}

std::string envOr(const char* name)
{
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

} // namespace

Eigen::VectorXf Dataset::input(size_t i) const
{
    if (i >= size())
        throw DataError(name + ": image index " + std::to_string(i) + " out of range (" +
                        std::to_string(size()) + " images)");
    const auto img = image(i);
    Eigen::VectorXf x(pixelCount());
    for (int k = 0; k < pixelCount(); ++k)
        x[k] = pixelInput(img[size_t(k)]);
    return x;
}

void Dataset::inputs(size_t first, size_t n, Eigen::MatrixXf& X) const
{
    if (first > size() || n > size() - first)
        throw DataError(name + ": images [" + std::to_string(first) + ", " +
                        std::to_string(first + n) + ") out of range (" + std::to_string(size()) +
                        " images)");
    const Eigen::Index d = pixelCount();
    X.resize(d, Eigen::Index(n)); // no-op when the shape already matches: batches reuse storage
    // The images are stored back to back, so [first, first+n) is one column-major (d, n) block.
    using ByteMatrix = Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
    const Eigen::Map<const ByteMatrix> src(pixels.data() + first * size_t(d), d, Eigen::Index(n));
    X = src.cast<float>() /
        255.0f; // pixelInput, vectorised: input() and inputs() agree bit for bit
}

namespace {

// The dimensions after the magic of an IDX file of `kind` (`other` is the kind it is read with,
// named when the two look swapped): (count, rows, cols) for images, (count) for labels.
std::vector<uint32_t> idxDimensions(std::span<const uint8_t> bytes, const IdxKind& kind,
                                    const IdxKind& other, const std::string& name)
{
    if (bytes.size() < kind.header)
        throw DataError(name + ": truncated: " + std::to_string(bytes.size()) + " bytes, an IDX " +
                        kind.name + " file starts with " + kind.headerSize);
    const uint32_t magic = loadBigEndian32(bytes.data());
    if (magic != kind.magic)
        throw DataError(name + ": expected IDX " + kind.name + " magic " + hex32(kind.magic) +
                        ", found " + hex32(magic) +
                        (magic == other.magic
                             ? std::string(" (") + other.aFile + "; are the two swapped?)"
                             : std::string("; is this an IDX ") + kind.name + "s file?"));
    std::vector<uint32_t> dims;
    for (size_t at = 4; at < kind.header; at += 4)
        dims.push_back(loadBigEndian32(bytes.data() + at));
    return dims;
}

// Checks both files completely (headers, sizes, labels); returns rows and cols of the images.
std::pair<int, int> validateIdx(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                                const std::string& imagesName, const std::string& labelsName)
{
    const std::vector<uint32_t> imageDims = idxDimensions(images, kImageIdx, kLabelIdx, imagesName);
    const uint32_t count = imageDims[0], rows = imageDims[1], cols = imageDims[2];
    if (rows != kSide || cols != kSide)
        throw DataError(imagesName + ": images are " + std::to_string(rows) + "×" +
                        std::to_string(cols) + " pixels; nnviz needs 28×28 (MNIST format)");
    checkLength(images, kImageHeader, uint64_t(count) * rows * cols,
                std::to_string(count) + " images of 28×28", imagesName);

    const uint32_t labelCount = idxDimensions(labels, kLabelIdx, kImageIdx, labelsName)[0];
    checkLength(labels, kLabelHeader, labelCount, std::to_string(labelCount) + " labels",
                labelsName);
    if (labelCount != count)
        throw DataError(imagesName + " has " + std::to_string(count) + " images but " + labelsName +
                        " has " + std::to_string(labelCount) +
                        " labels; they must come from the same split");
    for (size_t i = 0; i < labelCount; ++i)
        if (labels[kLabelHeader + i] > 9)
            throw DataError(labelsName + ": label " + std::to_string(i) + " is " +
                            std::to_string(labels[kLabelHeader + i]) + ", expected 0..9");

    return {int(rows), int(cols)};
}

} // namespace

Dataset parseIdx(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                 const std::string& imagesName, const std::string& labelsName)
{
    const auto [rows, cols] = validateIdx(images, labels, imagesName, labelsName);
    // Only now, with every size proven by the bytes present, allocate.
    Dataset d;
    d.rows = rows;
    d.cols = cols;
    d.pixels.assign(images.begin() + kImageHeader, images.end());
    d.labels.assign(labels.begin() + kLabelHeader, labels.end());
    return d;
}

Dataset loadIdx(const fs::path& images, const fs::path& labels)
{
    std::vector<uint8_t> imageBytes = readIdxBytes(images);
    std::vector<uint8_t> labelBytes = readIdxBytes(labels);
    const auto [rows, cols] = validateIdx(imageBytes, labelBytes, images.string(), labels.string());
    // Reuse the buffers instead of copying 47 MB: drop the headers in place.
    Dataset d;
    d.name = images.filename().string();
    d.rows = rows;
    d.cols = cols;
    imageBytes.erase(imageBytes.begin(), imageBytes.begin() + kImageHeader);
    labelBytes.erase(labelBytes.begin(), labelBytes.begin() + kLabelHeader);
    d.pixels = std::move(imageBytes);
    d.labels = std::move(labelBytes);
    return d;
}

std::string_view toString(DatasetKind k)
{
    switch (k) {
    case DatasetKind::Mnist:
        return "mnist";
    case DatasetKind::Fashion:
        return "fashion";
    }
    return "unknown";
}

fs::path defaultDataDir()
{
    if (const std::string d = envOr("NNVIZ_DATA"); !d.empty()) return d;
    if (const std::string d = envOr("XDG_CACHE_HOME"); !d.empty()) return fs::path(d) / "nnviz";
    if (const std::string home = envOr("HOME"); !home.empty())
        return fs::path(home) / ".cache" / "nnviz";
    return fs::path(".cache") / "nnviz"; // no home directory: relative to the working directory
}

Dataset loadDataset(DatasetKind kind, Split split, const fs::path& dataDir)
{
    const std::string splitName = split == Split::Train ? "train" : "test";
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    std::vector<fs::path> dirs;
    if (kind == DatasetKind::Mnist) {
        dirs = {dataDir / "mnist"};
    } else {
        dirs = {dataDir / "fashion", "/usr/share/datasets/fashion-mnist"};
    }
    for (const fs::path& dir : dirs) {
        if (const auto c = findSplit(dir, split)) {
            Dataset d = loadIdx(c->images, c->labels);
            d.name = std::string(toString(kind)) + "/" + splitName;
            return d;
        }
    }

    std::string looked;
    for (const fs::path& dir : dirs)
        looked += (looked.empty() ? "" : " and ") + dir.string();
    const std::string files =
        prefix + "-images-idx3-ubyte and " + prefix + "-labels-idx1-ubyte (plain or .gz)";
    if (kind == DatasetKind::Mnist)
        throw DataError("MNIST " + splitName + " set not found: looked for " + files + " in " +
                        looked + "; run third_party/fetch-data to download it (set NNVIZ_DATA " +
                        "to use another data directory)");
    throw DataError("Fashion-MNIST " + splitName + " set not found: looked for " + files + " in " +
                    looked + "; install it with `sudo apt-get install dataset-fashion-mnist`");
}

const std::vector<std::string>& classNames(DatasetKind kind)
{
    static const std::vector<std::string> digits = {"0", "1", "2", "3", "4",
                                                    "5", "6", "7", "8", "9"};
    static const std::vector<std::string> fashion = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return kind == DatasetKind::Fashion ? fashion : digits;
}

} // namespace nnviz
