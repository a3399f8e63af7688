// IDX dataset reading (MNIST, Fashion-MNIST), plain or gzipped, and conversion of the uint8
// images into the float columns the network reads. Every size in a header is checked against the
// bytes actually present before anything is allocated, so a hostile header cannot cost memory.
#include "core/dataset.hpp"

#include "core/bytes.hpp"
#include "core/errors.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
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

using Piece = std::function<void(std::span<const uint8_t>)>;

// What a gzip trailer says the data inflates to (its size mod 2^32), +1 so the end of the stream
// is seen without growing, bounded by what deflate can expand to (~1032:1) and by kMaxInflated:
// a first size for buffers that a lying trailer cannot make large.
size_t inflatedHint(std::span<const uint8_t> gz)
{
    if (gz.size() < 18) return 1 << 16;
    const size_t hint = loadLittleEndian32(gz.data() + gz.size() - 4);
    return std::min({hint + 1, kMaxInflated + 1, gz.size() * 1032});
}

// Inflates gzip data (one or more concatenated members, as `cat a.gz b.gz` makes), handing it
// to `piece` in parts of at most pieceBytes.
void inflateGzip(std::span<const uint8_t> gz, const std::string& name, size_t pieceBytes,
                 const Piece& piece)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw DataError(name + ": cannot initialise zlib");
    struct End {
        z_stream& zs;
        ~End() { inflateEnd(&zs); }
    } end{zs};

    std::vector<uint8_t> out(pieceBytes);
    size_t used = 0;
    uint64_t total = 0;
    zs.next_in = const_cast<Bytef*>(gz.data());
    size_t inLeft = gz.size();
    for (;;) {
        if (used == out.size()) {
            total += used;
            if (total > kMaxInflated)
                throw DataError(name +
                                ": decompresses to more than 1 GiB; not an MNIST-sized IDX file");
            piece({out.data(), used});
            used = 0;
        }
        const Bytef* inBefore = zs.next_in;
        zs.avail_in = uInt(std::min<size_t>(inLeft, 1u << 30));
        zs.next_out = out.data() + used;
        zs.avail_out = uInt(out.size() - used);
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
            throw DataError(name + ": " + std::to_string(inLeft) +
                            " unexpected bytes after the end of the gzip data");
        }
        if (rc == Z_BUF_ERROR && inLeft == 0 && zs.avail_out != 0)
            throw DataError(name + ": gzip data is truncated (the download may be incomplete)");
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            throw DataError(name + ": corrupt gzip data (zlib: " +
                            (zs.msg ? zs.msg : "error " + std::to_string(rc)) + ")");
    }
    if (total + used > kMaxInflated)
        throw DataError(name + ": decompresses to more than 1 GiB; not an MNIST-sized IDX file");
    piece({out.data(), used});
}

std::vector<uint8_t> gunzip(std::span<const uint8_t> gz, const std::string& name)
{
    std::vector<uint8_t> out;
    out.reserve(inflatedHint(gz));
    inflateGzip(gz, name, size_t(1) << 20,
                [&](std::span<const uint8_t> p) { out.insert(out.end(), p.begin(), p.end()); });
    return out;
}

std::vector<uint8_t> readIdxBytes(const fs::path& file)
{
    std::vector<uint8_t> bytes = readWholeFile<DataError>(file, {"", "an IDX file"});
    if (isGzip(bytes)) return gunzip(bytes, file.string());
    return bytes;
}

// Checks that `bytes` holds exactly `header + payload` bytes; names the problem otherwise.
void checkLength(uint64_t size, size_t header, uint64_t payload, const std::string& what,
                 const std::string& name)
{
    const uint64_t expected = uint64_t(header) + payload;
    if (size < expected)
        throw DataError(name + ": truncated: the header promises " + what + " (" +
                        std::to_string(expected) + " bytes) but the file has only " +
                        std::to_string(size) + " bytes");
    if (size > expected)
        throw DataError(name + ": the header promises " + what + " (" + std::to_string(expected) +
                        " bytes) but the file has " + std::to_string(size) +
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
    Eigen::VectorXf x(pixelCount());
    images.unpackInput(i, x.data());
    return x;
}

void Dataset::inputs(size_t first, size_t n, Eigen::MatrixXf& X) const
{
    if (images.size() != size() || images.pixelCount() != pixelCount())
        throw DataError(name + ": " + std::to_string(images.size()) + " images of " +
                        std::to_string(images.pixelCount()) + " pixels for " +
                        std::to_string(size()) + " labels of " + std::to_string(pixelCount()) +
                        "-pixel images");
    if (first > size() || n > size() - first)
        throw DataError(name + ": images [" + std::to_string(first) + ", " +
                        std::to_string(first + n) + ") out of range (" + std::to_string(size()) +
                        " images)");
    X.resize(pixelCount(), Eigen::Index(n)); // no-op when the shape matches: batches reuse storage
    for (size_t j = 0; j < n; ++j)
        images.unpackInput(first + j, X.col(Eigen::Index(j)).data());
}

std::vector<uint8_t> Dataset::image(size_t i) const
{
    std::vector<uint8_t> out(static_cast<size_t>(pixelCount()));
    copyImage(i, out.data());
    return out;
}

void Dataset::setPixels(std::span<const uint8_t> pixels)
{
    const size_t P = size_t(pixelCount());
    images = InkImages(pixelCount());
    for (size_t at = 0; P > 0 && at + P <= pixels.size(); at += P)
        images.append(pixels.data() + at);
}

std::vector<uint8_t> Dataset::pixelBytes() const
{
    const size_t P = size_t(pixelCount());
    std::vector<uint8_t> out(images.size() * P);
    for (size_t i = 0; i < images.size(); ++i)
        copyImage(i, out.data() + i * P);
    return out;
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

// Packs an IDX image file's images as its bytes arrive, in pieces of any size, so the file is
// never held whole (47 MB for MNIST's training images): the header is checked as soon as it is
// complete, each image packed as soon as it is, and the length against the header at the end.
class IdxImageReader {
  public:
    // sizeHint: what the file's size is thought to be (bounds what is reserved up front).
    IdxImageReader(std::string name, uint64_t sizeHint) : m_name(std::move(name)), m_hint(sizeHint)
    {
    }

    void read(std::span<const uint8_t> piece)
    {
        m_total += piece.size();
        while (!piece.empty() && m_headerUsed < kImageHeader) {
            m_header[m_headerUsed++] = piece[0];
            piece = piece.subspan(1);
            if (m_headerUsed == kImageHeader) start();
        }
        while (!piece.empty() && m_images.size() < m_count) {
            const size_t n = std::min(piece.size(), m_image.size() - m_imageUsed);
            std::copy_n(piece.begin(), n, m_image.begin() + std::ptrdiff_t(m_imageUsed));
            m_imageUsed += n;
            piece = piece.subspan(n);
            if (m_imageUsed == m_image.size()) {
                m_images.append(m_image.data());
                m_imageUsed = 0;
            }
        }
    }

    // The images, once the whole file has been read; throws DataError when the file is shorter
    // or longer than its header says.
    InkImages finish()
    {
        if (m_headerUsed < kImageHeader) // the same message as any other too-short file
            idxDimensions({m_header, m_headerUsed}, kImageIdx, kLabelIdx, m_name);
        checkLength(m_total, kImageHeader, m_count * kSide * kSide,
                    std::to_string(m_count) + " images of 28×28", m_name);
        return std::move(m_images);
    }

    uint64_t count() const { return m_count; }
    // A better guess at the file's size (a gzip file's inflated size), before the first read.
    void expect(uint64_t bytes) { m_hint = bytes; }

  private:
    void start()
    {
        const std::vector<uint32_t> dims =
            idxDimensions({m_header, kImageHeader}, kImageIdx, kLabelIdx, m_name);
        const uint32_t rows = dims[1], cols = dims[2];
        if (rows != kSide || cols != kSide)
            throw DataError(m_name + ": images are " + std::to_string(rows) + "×" +
                            std::to_string(cols) + " pixels; nnviz needs 28×28 (MNIST format)");
        m_count = dims[0];
        const uint64_t P = uint64_t(kSide) * kSide;
        m_image.resize(size_t(P));
        m_images = InkImages(int(P));
        // Room for the images the file can hold, in pages that cost nothing until written.
        const uint64_t fits = std::min<uint64_t>(m_count, m_hint / P);
        m_images.reserve(size_t(fits), size_t(fits * P));
    }

    std::string m_name;
    uint64_t m_hint;
    uint8_t m_header[kImageHeader] = {};
    size_t m_headerUsed = 0;
    uint64_t m_total = 0; // bytes read, header included
    uint64_t m_count = 0; // images the header promises
    std::vector<uint8_t> m_image; // (28·28) the image being read
    size_t m_imageUsed = 0;
    InkImages m_images;
};

// Checks a label file against the image count; returns its labels.
std::vector<uint8_t> readLabels(std::span<const uint8_t> labels, uint64_t count,
                                const std::string& imagesName, const std::string& labelsName)
{
    const uint32_t labelCount = idxDimensions(labels, kLabelIdx, kImageIdx, labelsName)[0];
    checkLength(labels.size(), kLabelHeader, labelCount,
                std::to_string(labelCount) + " labels", labelsName);
    if (labelCount != count)
        throw DataError(imagesName + " has " + std::to_string(count) + " images but " + labelsName +
                        " has " + std::to_string(labelCount) +
                        " labels; they must come from the same split");
    for (size_t i = 0; i < labelCount; ++i)
        if (labels[kLabelHeader + i] > 9)
            throw DataError(labelsName + ": label " + std::to_string(i) + " is " +
                            std::to_string(labels[kLabelHeader + i]) + ", expected 0..9");
    return {labels.begin() + kLabelHeader, labels.end()};
}

// An IDX image file, plain or gzipped (detected by content), read into `reader` in pieces.
void readIdxImages(const fs::path& file, IdxImageReader& reader)
{
    constexpr size_t kPiece = size_t(1) << 20;
    std::vector<uint8_t> gz; // the whole file once it is seen to be gzip (a fifth of the data)
    bool first = true, gzipped = false;
    std::string error;
    const bool ok = readFilePieces(file, {"", "an IDX file"}, error, kPiece,
                                   [&](std::span<const uint8_t> piece) {
                                       if (first) gzipped = isGzip(piece);
                                       first = false;
                                       if (gzipped) gz.insert(gz.end(), piece.begin(), piece.end());
                                       else reader.read(piece);
                                   });
    if (!ok) throw DataError(error);
    if (!gzipped) return;
    reader.expect(inflatedHint(gz));
    inflateGzip(gz, file.string(), kPiece, [&](std::span<const uint8_t> p) { reader.read(p); });
}

} // namespace

Dataset parseIdx(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                 const std::string& imagesName, const std::string& labelsName)
{
    IdxImageReader reader(imagesName, images.size());
    reader.read(images);
    Dataset d;
    d.rows = d.cols = kSide;
    d.images = reader.finish();
    d.labels = readLabels(labels, reader.count(), imagesName, labelsName);
    return d;
}

Dataset loadIdx(const fs::path& images, const fs::path& labels)
{
    std::error_code ec;
    const uint64_t size = fs::file_size(images, ec);
    IdxImageReader reader(images.string(), ec ? 0 : size);
    readIdxImages(images, reader);
    Dataset d;
    d.name = images.filename().string();
    d.rows = d.cols = kSide;
    d.images = reader.finish();
    d.labels = readLabels(readIdxBytes(labels), reader.count(), images.string(), labels.string());
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
