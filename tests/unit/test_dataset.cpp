// IDX dataset reading: small synthetic files (plain and gzipped) written to a temp directory,
// every malformed case rejected with its message, and the real MNIST test set when present.
#include "core/dataset.hpp"
#include "core/errors.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "idx_files.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using nnviz::DataError;
using namespace nnviz::test; // Bytes, imagesIdx, labelsIdx, writeFile

namespace {

void writeGz(const fs::path& p, const Bytes& bytes)
{
    gzFile gz = gzopen(p.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, bytes.data(), unsigned(bytes.size())) == int(bytes.size()));
    REQUIRE(gzclose(gz) == Z_OK);
}

Bytes readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

nnviz::Dataset parse(const Bytes& images, const Bytes& labels)
{
    return nnviz::parseIdx(images, labels, "images.idx", "labels.idx");
}

// Sets an environment variable for the scope, restoring the previous value.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> old;
    ScopedEnv(std::string n, const char* value) : name(std::move(n))
    {
        if (const char* v = std::getenv(name.c_str())) old = v;
        if (value)
            ::setenv(name.c_str(), value, 1);
        else
            ::unsetenv(name.c_str());
    }
    ~ScopedEnv()
    {
        if (old)
            ::setenv(name.c_str(), old->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

} // namespace

#define CHECK_DATA_ERROR(expr, text) CHECK_THROWS_WITH_AS(expr, doctest::Contains(text), DataError)

TEST_CASE("parseIdx reads images and labels")
{
    const auto d = parse(imagesIdx(3), labelsIdx({7, 0, 9}));
    CHECK(d.size() == 3);
    CHECK(d.rows == 28);
    CHECK(d.cols == 28);
    CHECK(d.pixelCount() == 784);
    CHECK(d.pixelBytes().size() == 3 * 784);
    CHECK(d.labels == Bytes{7, 0, 9});
    CHECK(d.image(1)[0] == 31);
    CHECK(d.image(2)[5] == 67);
}

TEST_CASE("an empty (0-image) set is valid")
{
    const auto d = parse(imagesIdx(0), labelsIdx({}));
    CHECK(d.size() == 0);
}

TEST_CASE("Dataset::input and inputs convert uint8 to [0, 1] columns")
{
    const auto d = parse(imagesIdx(5), labelsIdx({1, 2, 3, 4, 5}));
    const Eigen::VectorXf x = d.input(2);
    REQUIRE(x.size() == 784);
    CHECK(x[0] == doctest::Approx(62.0 / 255.0));
    CHECK(x[10] == float(72) / 255.0f);

    Eigen::MatrixXf X;
    d.inputs(1, 3, X);
    REQUIRE(X.rows() == 784);
    REQUIRE(X.cols() == 3);
    for (int c = 0; c < 3; ++c)
        CHECK((X.col(c).array() == d.input(size_t(1 + c)).array()).all()); // bit for bit
    CHECK((X.array() >= 0.0f && X.array() <= 1.0f).all());

    // Reusing the matrix with a new shape, and the whole set.
    d.inputs(0, 5, X);
    CHECK(X.cols() == 5);
    d.inputs(5, 0, X);
    CHECK(X.cols() == 0);

    CHECK_DATA_ERROR(d.inputs(4, 2, X), "out of range");
    CHECK_DATA_ERROR(d.inputs(6, 0, X), "out of range");
    CHECK_DATA_ERROR(d.input(5), "out of range");
}

TEST_CASE("malformed IDX bytes are rejected with a message naming the problem")
{
    const Bytes goodImages = imagesIdx(2), goodLabels = labelsIdx({3, 4});
    REQUIRE_NOTHROW(parse(goodImages, goodLabels));

    SUBCASE("wrong image magic")
    {
        Bytes b = goodImages;
        b[3] = 0x01;
        CHECK_DATA_ERROR(parse(b, goodLabels), "images.idx: expected IDX image magic 0x00000803");
        CHECK_DATA_ERROR(parse(b, goodLabels), "swapped");
        b[2] = 0x09;
        CHECK_DATA_ERROR(parse(b, goodLabels), "found 0x00000901");
    }
    SUBCASE("wrong label magic")
    {
        Bytes b = goodLabels;
        b[0] = 0xff;
        CHECK_DATA_ERROR(parse(goodImages, b), "labels.idx: expected IDX label magic 0x00000801");
    }
    SUBCASE("wrong image size")
    {
        CHECK_DATA_ERROR(parse(imagesIdx(2, 32, 32), goodLabels), "images are 32×32 pixels");
        CHECK_DATA_ERROR(parse(imagesIdx(2, 28, 27), goodLabels), "nnviz needs 28×28");
    }
    SUBCASE("header truncated")
    {
        CHECK_DATA_ERROR(parse({}, goodLabels), "truncated: 0 bytes");
        CHECK_DATA_ERROR(parse(Bytes(goodImages.begin(), goodImages.begin() + 15), goodLabels),
                         "16-byte header");
        CHECK_DATA_ERROR(parse(goodImages, Bytes(goodLabels.begin(), goodLabels.begin() + 7)),
                         "8-byte header");
    }
    SUBCASE("pixels truncated")
    {
        Bytes b = goodImages;
        b.resize(b.size() - 1);
        CHECK_DATA_ERROR(parse(b, goodLabels), "truncated: the header promises 2 images");
        CHECK_DATA_ERROR(parse(b, goodLabels), "has only 1583 bytes");
    }
    SUBCASE("labels truncated")
    {
        Bytes b = goodLabels;
        b.resize(b.size() - 1);
        CHECK_DATA_ERROR(parse(goodImages, b), "truncated: the header promises 2 labels");
    }
    SUBCASE("counts disagree with the file size (extra bytes)")
    {
        Bytes b = goodImages;
        b.push_back(0);
        CHECK_DATA_ERROR(parse(b, goodLabels), "the counts disagree");
        Bytes l = goodLabels;
        l.push_back(1);
        CHECK_DATA_ERROR(parse(goodImages, l), "the counts disagree");
    }
    SUBCASE("image and label counts differ")
    {
        CHECK_DATA_ERROR(parse(goodImages, labelsIdx({1, 2, 3})),
                         "images.idx has 2 images but labels.idx has 3 labels");
    }
    SUBCASE("label outside 0..9")
    {
        CHECK_DATA_ERROR(parse(goodImages, labelsIdx({3, 10})), "label 1 is 10, expected 0..9");
    }
    SUBCASE("a header claiming 2^31 images in a 100-byte file is rejected before allocating")
    {
        Bytes b = imagesIdx(0);
        b[4] = 0x80; // count = 0x80000000: 1.7 TB of pixels
        b.resize(100, 0);
        // A DataError (not std::bad_alloc) proves the size was checked first.
        CHECK_DATA_ERROR(parse(b, goodLabels), "header promises 2147483648 images");
        Bytes l = labelsIdx({});
        l[4] = 0x80;
        CHECK_DATA_ERROR(parse(goodImages, l), "2147483648 labels");
    }
}

TEST_CASE("loadIdx reads plain and gzipped files, detecting gzip by content")
{
    TempDir dir("load");
    const Bytes images = imagesIdx(4), labels = labelsIdx({0, 1, 2, 9});
    writeFile(dir.path / "plain-images", images);
    writeFile(dir.path / "plain-labels", labels);
    // Gzipped under names that do not say so, and under names that do.
    writeGz(dir.path / "gz-images", images);
    writeGz(dir.path / "gz-labels.gz", labels);

    const auto plain = nnviz::loadIdx(dir.path / "plain-images", dir.path / "plain-labels");
    const auto gz = nnviz::loadIdx(dir.path / "gz-images", dir.path / "gz-labels.gz");
    CHECK(plain.size() == 4);
    CHECK(plain.pixelBytes() == gz.pixelBytes());
    CHECK(plain.labels == gz.labels);
    CHECK(plain.labels == Bytes{0, 1, 2, 9});

    // A plain file named .gz is still read as plain.
    writeFile(dir.path / "really-plain.gz", labels);
    CHECK(nnviz::loadIdx(dir.path / "gz-images", dir.path / "really-plain.gz").size() == 4);

    // Concatenated gzip members decompress as one stream.
    const Bytes half1(labels.begin(), labels.begin() + 5), half2(labels.begin() + 5, labels.end());
    writeGz(dir.path / "part1.gz", half1);
    writeGz(dir.path / "part2.gz", half2);
    Bytes cat = readAll(dir.path / "part1.gz");
    const Bytes p2 = readAll(dir.path / "part2.gz");
    cat.insert(cat.end(), p2.begin(), p2.end());
    writeFile(dir.path / "cat.gz", cat);
    CHECK(nnviz::loadIdx(dir.path / "plain-images", dir.path / "cat.gz").labels == plain.labels);
}

TEST_CASE("loadIdx file problems: missing, directory, corrupt or truncated gzip")
{
    TempDir dir("files");
    writeFile(dir.path / "images", imagesIdx(2));
    writeFile(dir.path / "labels", labelsIdx({1, 2}));
    writeGz(dir.path / "images.gz", imagesIdx(2));

    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "nope", dir.path / "labels"), "nope: no such file");
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "images", dir.path / "missing-labels"),
                     "missing-labels: no such file");
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path, dir.path / "labels"), "is a directory");

    Bytes gz = readAll(dir.path / "images.gz");
    Bytes truncated(gz.begin(), gz.begin() + std::ptrdiff_t(gz.size() / 2));
    writeFile(dir.path / "truncated.gz", truncated);
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "truncated.gz", dir.path / "labels"),
                     "gzip data is truncated");

    Bytes corrupt = gz;
    for (size_t i = 12; i < corrupt.size() - 8; ++i)
        corrupt[i] ^= 0x5a;
    writeFile(dir.path / "corrupt.gz", corrupt);
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "corrupt.gz", dir.path / "labels"),
                     "corrupt.gz: corrupt gzip data");

    Bytes trailing = gz;
    trailing.insert(trailing.end(), {1, 2, 3});
    writeFile(dir.path / "trailing.gz", trailing);
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "trailing.gz", dir.path / "labels"),
                     "unexpected bytes after the end of the gzip data");
}

TEST_CASE("loadDataset finds <dataDir>/mnist, plain or .gz, and says how to fetch it when absent")
{
    TempDir dir("kinds");
    CHECK_DATA_ERROR(nnviz::loadDataset(nnviz::DatasetKind::Mnist, nnviz::Split::Test, dir.path),
                     "run third_party/fetch-data");
    CHECK_DATA_ERROR(nnviz::loadDataset(nnviz::DatasetKind::Mnist, nnviz::Split::Train, dir.path),
                     "MNIST train set not found");

    fs::create_directories(dir.path / "mnist");
    writeGz(dir.path / "mnist" / "t10k-images-idx3-ubyte.gz", imagesIdx(3));
    writeFile(dir.path / "mnist" / "t10k-labels-idx1-ubyte", labelsIdx({7, 2, 1}));
    const auto d = nnviz::loadDataset(nnviz::DatasetKind::Mnist, nnviz::Split::Test, dir.path);
    CHECK(d.name == "mnist/test");
    CHECK(d.size() == 3);
    CHECK(d.labels[0] == 7);

    // Fashion-MNIST: <dataDir>/fashion first, then Debian's package.
    fs::create_directories(dir.path / "fashion");
    writeFile(dir.path / "fashion" / "train-images-idx3-ubyte", imagesIdx(2));
    writeGz(dir.path / "fashion" / "train-labels-idx1-ubyte.gz", labelsIdx({5, 9}));
    const auto f = nnviz::loadDataset(nnviz::DatasetKind::Fashion, nnviz::Split::Train, dir.path);
    CHECK(f.name == "fashion/train");
    CHECK(f.size() == 2);

    if (fs::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")) {
        const auto t =
            nnviz::loadDataset(nnviz::DatasetKind::Fashion, nnviz::Split::Test, dir.path);
        CHECK(t.size() == 10000);
        CHECK(t.labels[0] == 9); // Fashion-MNIST's first test item is an ankle boot
    } else {
        CHECK_DATA_ERROR(
            nnviz::loadDataset(nnviz::DatasetKind::Fashion, nnviz::Split::Test, dir.path),
            "apt-get install dataset-fashion-mnist");
    }
}

TEST_CASE("defaultDataDir: $NNVIZ_DATA, else $XDG_CACHE_HOME/nnviz, else ~/.cache/nnviz")
{
    {
        ScopedEnv a("NNVIZ_DATA", "/some/data"), b("XDG_CACHE_HOME", "/xdg");
        CHECK(nnviz::defaultDataDir() == fs::path("/some/data"));
    }
    {
        ScopedEnv a("NNVIZ_DATA", nullptr), b("XDG_CACHE_HOME", "/xdg");
        CHECK(nnviz::defaultDataDir() == fs::path("/xdg/nnviz"));
    }
    {
        ScopedEnv a("NNVIZ_DATA", ""), b("XDG_CACHE_HOME", nullptr), c("HOME", "/home/u");
        CHECK(nnviz::defaultDataDir() == fs::path("/home/u/.cache/nnviz"));
    }
}

TEST_CASE("class names and kind names")
{
    CHECK(nnviz::classNames(nnviz::DatasetKind::Mnist).size() == 10);
    CHECK(nnviz::classNames(nnviz::DatasetKind::Mnist)[7] == "7");
    CHECK(nnviz::classNames(nnviz::DatasetKind::Fashion).size() == 10);
    CHECK(nnviz::classNames(nnviz::DatasetKind::Fashion)[0] == "T-shirt/top");
    CHECK(nnviz::classNames(nnviz::DatasetKind::Fashion)[9] == "Ankle boot");
    CHECK(nnviz::toString(nnviz::DatasetKind::Mnist) == "mnist");
    CHECK(nnviz::toString(nnviz::DatasetKind::Fashion) == "fashion");
}

TEST_CASE("the real MNIST test set, when present")
{
    const fs::path dataDir = nnviz::defaultDataDir();
    if (!fs::exists(dataDir / "mnist" / "t10k-images-idx3-ubyte") &&
        !fs::exists(dataDir / "mnist" / "t10k-images-idx3-ubyte.gz")) {
        MESSAGE("skipped: MNIST not found in " << dataDir.string()
                                               << " (run third_party/fetch-data)");
        return;
    }
    const auto d = nnviz::loadDataset(nnviz::DatasetKind::Mnist, nnviz::Split::Test, dataDir);
    REQUIRE(d.size() == 10000);
    CHECK(d.rows == 28);
    CHECK(d.cols == 28);
    CHECK(d.labels[0] == 7); // the famous first test digit
    CHECK(d.labels[1] == 2);
    CHECK(d.labels[2] == 1);

    // The t10k label histogram is well known.
    std::array<int, 10> hist{};
    for (uint8_t l : d.labels)
        ++hist[l];
    CHECK(hist == std::array<int, 10>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});

    // MNIST digits: black background, ink near the centre, nothing touching the corner.
    const auto img = d.image(0);
    CHECK(img[0] == 0);
    CHECK(*std::max_element(img.begin(), img.end()) == 255);
    double mean = 0;
    const std::vector<uint8_t> pixels = d.pixelBytes();
    for (uint8_t v : pixels)
        mean += v;
    mean /= double(pixels.size()) * 255.0;
    CHECK(mean == doctest::Approx(0.1325).epsilon(0.02));

    // Held as runs of ink: well under a third of the 7.84 MB of bytes.
    MESSAGE("MNIST test set packed: " << d.images.bytes() << " bytes for " << pixels.size());
    CHECK(d.images.bytes() < pixels.size() / 3);
}

// The families the reliability issue lists that the cases above leave open: every section
// boundary, empty files on disk, a gzip checksum mismatch, files that cannot be read at all.
TEST_CASE("IDX truncated at every section boundary, empty files, gzip CRC, unreadable files")
{
    const Bytes images = imagesIdx(2), labels = labelsIdx({3, 4});
    const auto cut = [](const Bytes& b, size_t n) { return Bytes(b.begin(), b.begin() + ptrdiff_t(n)); };
    // Images: magic ..4, count ..8, rows ..12, cols ..16, image 0 ..800, image 1 ..1584.
    // (doctest::Contains takes a C string, hence the named messages.)
    for (size_t n : {0, 4, 8, 12}) {
        const std::string msg = "images.idx: truncated: " + std::to_string(n) +
                                " bytes, an IDX image file starts with a 16-byte header";
        CHECK_DATA_ERROR(parse(cut(images, n), labels), msg.c_str());
    }
    for (size_t n : {16, 800}) {
        const std::string msg = "images.idx: truncated: the header promises 2 images of 28×28 "
                                "(1584 bytes) but the file has only " +
                                std::to_string(n) + " bytes";
        CHECK_DATA_ERROR(parse(cut(images, n), labels), msg.c_str());
    }
    // Labels: magic ..4, count ..8, label 0 ..9, label 1 ..10.
    for (size_t n : {0, 4}) {
        const std::string msg = "labels.idx: truncated: " + std::to_string(n) +
                                " bytes, an IDX label file starts with an 8-byte header";
        CHECK_DATA_ERROR(parse(images, cut(labels, n)), msg.c_str());
    }
    for (size_t n : {8, 9}) {
        const std::string msg = "labels.idx: truncated: the header promises 2 labels (10 bytes) "
                                "but the file has only " + std::to_string(n) + " bytes";
        CHECK_DATA_ERROR(parse(images, cut(labels, n)), msg.c_str());
    }

    TempDir dir("unreadable");
    writeFile(dir.path / "images", images);
    writeFile(dir.path / "labels", labels);
    writeFile(dir.path / "empty", {});
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "empty", dir.path / "labels"),
                     "empty: truncated: 0 bytes");
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "images", dir.path / "empty"),
                     "empty: truncated: 0 bytes");

    // A flipped bit in the gzip trailer's CRC-32: the data inflates but fails its check.
    writeGz(dir.path / "images.gz", images);
    Bytes gz = readAll(dir.path / "images.gz");
    gz[gz.size() - 8] ^= 0x01;
    writeFile(dir.path / "badcrc.gz", gz);
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "badcrc.gz", dir.path / "labels"),
                     "badcrc.gz: corrupt gzip data (zlib: incorrect data check)");

    const fs::path fifo = dir.path / "images.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_DATA_ERROR(nnviz::loadIdx(fifo, dir.path / "labels"), "images.fifo: is not a regular file");
    CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "images", "/dev/zero"),
                     "/dev/zero: is not a regular file");
    CHECK_DATA_ERROR(nnviz::loadIdx("/proc/self/mem", dir.path / "labels"),
                     "/proc/self/mem: read error: Input/output error");
    fs::permissions(dir.path / "labels", fs::perms::none);
    if (::geteuid() == 0)
        MESSAGE("skipped the permission-denied check: root ignores file permissions");
    else
        CHECK_DATA_ERROR(nnviz::loadIdx(dir.path / "images", dir.path / "labels"),
                         "labels: cannot open: Permission denied");
    fs::permissions(dir.path / "labels", fs::perms::owner_all);
}
