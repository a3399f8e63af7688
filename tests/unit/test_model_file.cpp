// .nnvz model files: the byte layout of README.md ("Model file format"), bit-exact round trips, every corrupt
// case rejected with its message, and saves that never damage the file they replace.
#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/random.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "random_network.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using nnviz::Activation;
using nnviz::ModelFileError;
using nnviz::Network;
using Bytes = std::vector<uint8_t>;

namespace {

bool bitIdentical(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

void checkSame(const Network& a, const Network& b)
{
    CHECK(a.sizes == b.sizes);
    // Double parentheses: doctest would otherwise find nnviz::toString(Activation) by ADL.
    CHECK((a.hidden == b.hidden));
    CHECK((a.output == b.output));
    CHECK((a.dataset == b.dataset));
    REQUIRE(a.layers.size() == b.layers.size());
    for (size_t l = 0; l < a.layers.size(); ++l) {
        CHECK(bitIdentical(a.layers[l].W, b.layers[l].W));
        CHECK(bitIdentical(a.layers[l].b, b.layers[l].b));
    }
}

void putU32(Bytes& b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[at + size_t(i)] = uint8_t(v >> (8 * i));
}

void putF32(Bytes& b, size_t at, float v)
{
    putU32(b, at, std::bit_cast<uint32_t>(v));
}

// Recomputes the trailing CRC so a deliberate edit reaches the check after it.
void fixCrc(Bytes& b)
{
    putU32(b, b.size() - 4, uint32_t(crc32(0L, b.data(), uInt(b.size() - 4))));
}

Bytes readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

void writeAll(const fs::path& p, const Bytes& bytes)
{
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    REQUIRE(f.good());
}

Network parse(const Bytes& b)
{
    return nnviz::parseModel(b, "m.nnvz");
}

bool hasTempFiles(const fs::path& dir)
{
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
    return false;
}

} // namespace

#define CHECK_MODEL_ERROR(expr, text)                                                              \
    CHECK_THROWS_WITH_AS(expr, doctest::Contains(std::string(text).c_str()), ModelFileError)

TEST_CASE("model file layout: a hand-checked 2 → 1 network")
{
    Network net;
    net.sizes = {2, 1};
    net.hidden = Activation::Relu;
    net.output = Activation::Softmax;
    net.layers.resize(1);
    net.layers[0].W.resize(1, 2);
    net.layers[0].W << 1.0f, -2.0f;
    net.layers[0].b.resize(1);
    net.layers[0].b << 0.5f;

    const Bytes bytes = nnviz::serializeModel(net);
    const Bytes expected = {
        'N',  'N',  'V',  'Z',  // magic
        1,    0,    0,    0,    // version 1
        2,    0,    0,    0,    // 2 sizes
        2,    0,    0,    0,    // 2 inputs
        1,    0,    0,    0,    // 1 output
        1,    2,    0,    0,    // relu hidden, softmax output, reserved
        0,    0,    0x80, 0x3f, // W[0][0] = 1.0f
        0,    0,    0,    0xc0, // W[0][1] = -2.0f
        0,    0,    0,    0x3f, // b[0] = 0.5f
        0x8f, 0x6e, 0xa0, 0x63, // CRC-32 0x63a06e8f, as in README.md ("Model file format")
    };
    CHECK(bytes == expected);
    checkSame(parse(bytes), net);
}

TEST_CASE("format version 2 holds the dataset; version 1 reads as MNIST")
{
    Network net = randomNetwork({6, 4, 3}, Activation::Relu, Activation::Softmax, 3);
    const Bytes v1 = nnviz::serializeModel(net);
    // An MNIST network is written as version 1 (older nnviz read it), byte 26 reserved.
    CHECK(v1[4] == 1);
    CHECK(v1[26] == 0);
    CHECK((parse(v1).dataset == nnviz::DatasetKind::Mnist));

    net.dataset = nnviz::DatasetKind::Fashion;
    const Bytes v2 = nnviz::serializeModel(net);
    REQUIRE(v2.size() == v1.size()); // the same layout: the dataset takes a reserved byte
    CHECK(v2[4] == 2);
    CHECK(v2[26] == 1); // the dataset: 1 = Fashion-MNIST
    CHECK(v2[27] == 0); // still reserved
    checkSame(parse(v2), net);
    CHECK(nnviz::serializeModel(parse(v2)) == v2);

    SUBCASE("a version 2 file of an MNIST network reads as MNIST")
    {
        Bytes b = v2;
        b[26] = 0;
        fixCrc(b);
        CHECK((parse(b).dataset == nnviz::DatasetKind::Mnist));
    }
    SUBCASE("an unknown dataset is refused, naming the code")
    {
        Bytes b = v2;
        b[26] = 7;
        fixCrc(b);
        CHECK_MODEL_ERROR(parse(b), "model file m.nnvz: dataset code 7 is unknown (0 MNIST, 1 "
                                    "Fashion-MNIST); the file is corrupt or from a newer nnviz");
    }
    SUBCASE("version 2's reserved byte must be 0")
    {
        Bytes b = v2;
        b[27] = 1;
        fixCrc(b);
        CHECK_MODEL_ERROR(parse(b), "reserved header field is 1");
    }
    SUBCASE("in version 1 the dataset's byte is reserved")
    {
        Bytes b = v2;
        putU32(b, 4, 1);
        fixCrc(b);
        CHECK_MODEL_ERROR(parse(b), "reserved header field is 1");
    }
}

TEST_CASE("serialize → parse is bit-exact, including awkward floats")
{
    Network net = randomNetwork({784, 16, 16, 10}, Activation::Sigmoid, Activation::Sigmoid, 42);
    net.layers[0].W(0, 0) = -0.0f;
    net.layers[0].W(1, 0) = std::numeric_limits<float>::denorm_min();
    net.layers[1].W(2, 3) = FLT_MAX;
    net.layers[2].b[9] = -FLT_MIN;
    const Bytes bytes = nnviz::serializeModel(net);
    // 12 + 4·4 sizes + 4 activations + 13,002 parameters · 4 + 4 CRC
    CHECK(bytes.size() == 12 + 16 + 4 + 13002 * 4 + 4);
    const Network back = parse(bytes);
    checkSame(back, net);
    CHECK(std::signbit(back.layers[0].W(0, 0)));
    CHECK(nnviz::serializeModel(back) == bytes);

    const Network relu = randomNetwork({5, 7, 3}, Activation::Relu, Activation::Softmax, 7);
    checkSame(parse(nnviz::serializeModel(relu)), relu);
}

TEST_CASE("saveModel → loadModel through a file, replacing an existing one")
{
    TempDir dir("save");
    const fs::path file = dir.path / "model.nnvz";
    const Network a = randomNetwork({784, 16, 16, 10}, Activation::Sigmoid, Activation::Sigmoid, 1);
    const Network b = randomNetwork({784, 32, 10}, Activation::Relu, Activation::Softmax, 2);
    nnviz::saveModel(a, file);
    checkSame(nnviz::loadModel(file), a);
    nnviz::saveModel(b, file);
    checkSame(nnviz::loadModel(file), b);
    CHECK_FALSE(hasTempFiles(dir.path));

    // A relative name with no directory part also works.
    const fs::path old = fs::current_path();
    fs::current_path(dir.path);
    nnviz::saveModel(a, "relative.nnvz");
    fs::current_path(old);
    checkSame(nnviz::loadModel(dir.path / "relative.nnvz"), a);
}

TEST_CASE("corrupt model bytes are rejected with a message naming the problem")
{
    const Network net = randomNetwork({6, 4, 3}, Activation::Sigmoid, Activation::Softmax, 9);
    const Bytes good = nnviz::serializeModel(net);
    // Section boundaries: magic 0..4, version ..8, count ..12, sizes ..24, activations ..28,
    // W0 ..124, b0 ..140, W1 ..188, b1 ..200, CRC ..204.
    REQUIRE(good.size() == 204);
    REQUIRE_NOTHROW(parse(good));

    SUBCASE("empty")
    {
        CHECK_MODEL_ERROR(parse({}), "model file m.nnvz: the file is empty");
    }
    SUBCASE("truncated anywhere")
    {
        for (size_t n = 1; n < good.size(); ++n)
            CHECK_THROWS_AS(parse(Bytes(good.begin(), good.begin() + std::ptrdiff_t(n))),
                            ModelFileError);
        const auto cut = [&](size_t n) { return Bytes(good.begin(), good.begin() + ptrdiff_t(n)); };
        CHECK_MODEL_ERROR(parse(cut(3)), "expected magic NNVZ, found \"NNV\"");
        CHECK_MODEL_ERROR(parse(cut(4)), "too short: 4 bytes");
        CHECK_MODEL_ERROR(parse(cut(8)), "too short: 8 bytes");
        CHECK_MODEL_ERROR(parse(cut(12)), "truncated in the header: 12 bytes");
        CHECK_MODEL_ERROR(parse(cut(24)), "truncated in the header: 24 bytes");
        for (size_t n : {28, 124, 140, 188, 200})
            CHECK_MODEL_ERROR(parse(cut(n)),
                              "truncated: " + std::to_string(n) +
                                  " bytes, but the header describes 43 parameters (204 bytes)");
    }
    SUBCASE("wrong magic")
    {
        Bytes b = good;
        b[0] = 'P';
        b[1] = 'K';
        b[2] = 3;
        b[3] = 4;
        CHECK_MODEL_ERROR(parse(b), "model file m.nnvz: expected magic NNVZ, found "
                                    "\"PK\\x03\\x04\"; was it written by nnviz?");
    }
    SUBCASE("future and unknown versions")
    {
        Bytes b = good;
        putU32(b, 4, 3);
        CHECK_MODEL_ERROR(parse(b), "format version 3, but this nnviz reads versions 1 to 2; it "
                                    "was written by a newer nnviz");
        putU32(b, 4, 0);
        CHECK_MODEL_ERROR(parse(b), "unknown format version 0");
    }
    SUBCASE("layer count out of range")
    {
        Bytes b = good;
        putU32(b, 8, 1);
        CHECK_MODEL_ERROR(parse(b), "header says 1 layers");
        putU32(b, 8, 65);
        CHECK_MODEL_ERROR(parse(b), "header says 65 layers");
        putU32(b, 8, 0xffffffff);
        CHECK_MODEL_ERROR(parse(b), "layers; a model has 2..64");
    }
    SUBCASE("dimensions disagreeing with the file size")
    {
        Bytes b = good;
        putU32(b, 16, 5); // 4 → 5 hidden neurons: more parameters than bytes
        CHECK_MODEL_ERROR(parse(b), "truncated: 204 bytes, but the header describes 53 parameters");
        putU32(b, 16, 3); // fewer: bytes left over
        CHECK_MODEL_ERROR(parse(b), "trailing bytes after the checksum");
        putU32(b, 16, 0);
        CHECK_MODEL_ERROR(parse(b), "layer 1 has 0 neurons");
    }
    SUBCASE("absurd dimensions are rejected before allocating")
    {
        Bytes b = good;
        putU32(b, 12, 100'001);
        CHECK_MODEL_ERROR(parse(b), "layer 0 has 100001 neurons; at most 100,000");
        putU32(b, 12, 100'000);
        putU32(b, 16, 100'000);
        putU32(b, 20, 100'000); // 2·10^10 parameters in a 204-byte file
        CHECK_MODEL_ERROR(parse(b), "more than the 100,000,000 nnviz supports");
        putU32(b, 16, 10'000);
        putU32(b, 20, 1); // 10^9 + ... still too many
        CHECK_MODEL_ERROR(parse(b), "100,000,000");
        putU32(b, 16, 900); // 9·10^7: allowed, but the file is far too short
        CHECK_MODEL_ERROR(parse(b), "truncated: 204 bytes");
    }
    SUBCASE("bad activation codes")
    {
        Bytes b = good;
        b[24] = 2; // softmax is not a hidden activation
        CHECK_MODEL_ERROR(parse(b), "hidden activation code 2 is invalid");
        b[24] = 0;
        b[25] = 1; // ReLU is not an output activation in format v1
        CHECK_MODEL_ERROR(parse(b), "output activation code 1 is invalid");
        b[25] = 200;
        CHECK_MODEL_ERROR(parse(b), "output activation code 200");
        b[25] = 2;
        b[26] = 1;
        CHECK_MODEL_ERROR(parse(b), "reserved header field is 1");
    }
    SUBCASE("NaN and infinite parameters name the layer")
    {
        Bytes b = good;
        putF32(b, 140 + 4 * 5,
               std::numeric_limits<float>::quiet_NaN()); // layer 1 (3×4), element 5 = W[1][1]
        fixCrc(b);
        CHECK_MODEL_ERROR(parse(b), "layer 1 (4 → 3) has a non-finite parameter W[1][1] = nan");
        b = good;
        putF32(b, 124 + 4 * 2, -std::numeric_limits<float>::infinity()); // layer 0, b[2]
        fixCrc(b);
        CHECK_MODEL_ERROR(parse(b), "layer 0 (6 → 4) has a non-finite parameter b[2] = -inf");
    }
    SUBCASE("checksum mismatch")
    {
        Bytes b = good;
        b[100] ^= 0x01; // one bit of one weight
        CHECK_MODEL_ERROR(parse(b), "checksum mismatch");
        b = good;
        b.back() ^= 0xff;
        CHECK_MODEL_ERROR(parse(b), "the file is corrupt or was modified");
    }
    SUBCASE("trailing bytes")
    {
        Bytes b = good;
        b.push_back(0);
        CHECK_MODEL_ERROR(parse(b), "1 trailing bytes after the checksum");
    }
}

TEST_CASE("loadModel: directories, missing and corrupt files")
{
    TempDir dir("load");
    CHECK_MODEL_ERROR(nnviz::loadModel(dir.path),
                      "is a directory, expected an nnviz model (.nnvz)");
    CHECK_MODEL_ERROR(nnviz::loadModel(dir.path / "missing.nnvz"), "missing.nnvz: no such file");
    writeAll(dir.path / "empty.nnvz", {});
    CHECK_MODEL_ERROR(nnviz::loadModel(dir.path / "empty.nnvz"),
                      "model file " + (dir.path / "empty.nnvz").string() + ": the file is empty");
    writeAll(dir.path / "text.nnvz", {'h', 'e', 'l', 'l', 'o'});
    CHECK_MODEL_ERROR(nnviz::loadModel(dir.path / "text.nnvz"), "found \"hell\"");
}

TEST_CASE("saveModel sweeps temp files left by killed saves, not those of live processes")
{
    TempDir dir("sweep");
    const fs::path file = dir.path / "model.nnvz";
    // A process that has exited: its pid no longer exists once it is reaped.
    const pid_t dead = fork();
    REQUIRE(dead >= 0);
    if (dead == 0)
        _exit(0);
    int status = 0;
    REQUIRE(waitpid(dead, &status, 0) == dead);
    const fs::path stale = dir.path / ("model.nnvz.tmp-" + std::to_string(dead));
    const fs::path live = dir.path / ("model.nnvz.tmp-" + std::to_string(getppid()));
    const fs::path other = dir.path / ("other.nnvz.tmp-" + std::to_string(dead));
    const fs::path notPid = dir.path / "model.nnvz.tmp-abc";
    for (const fs::path& f : {stale, live, other, notPid})
        writeAll(f, {1, 2, 3});

    nnviz::saveModel(randomNetwork({10, 5, 2}, Activation::Sigmoid, Activation::Sigmoid, 3), file);
    CHECK_FALSE(fs::exists(stale)); // its saver is gone: a torn leftover
    CHECK(fs::exists(live));        // a save in progress elsewhere is left alone
    CHECK(fs::exists(other));       // another model's temp files are not this save's business
    CHECK(fs::exists(notPid));
}

TEST_CASE("saveModel is atomic: a failed save leaves the old file intact and no temp file")
{
    TempDir dir("atomic");
    const Network a = randomNetwork({10, 5, 2}, Activation::Sigmoid, Activation::Sigmoid, 3);
    const Network b = randomNetwork({10, 6, 2}, Activation::Sigmoid, Activation::Sigmoid, 4);

    SUBCASE("the target is a directory")
    {
        const fs::path target = dir.path / "model.nnvz";
        fs::create_directories(target);
        writeAll(target / "keep", {1, 2, 3});
        CHECK_MODEL_ERROR(nnviz::saveModel(b, target), "Is a directory");
        CHECK(fs::is_directory(target));
        CHECK(readAll(target / "keep") == Bytes{1, 2, 3});
        CHECK_FALSE(hasTempFiles(dir.path));
    }
    SUBCASE("the target directory does not exist")
    {
        CHECK_MODEL_ERROR(nnviz::saveModel(a, dir.path / "no" / "model.nnvz"),
                          "No such file or directory");
    }
    SUBCASE("the target directory cannot be written, even by root (/proc)")
    {
        CHECK_THROWS_AS(nnviz::saveModel(a, "/proc/nnviz-test-model.nnvz"), ModelFileError);
    }
    SUBCASE("the target directory is read-only")
    {
        const fs::path sub = dir.path / "ro";
        fs::create_directories(sub);
        nnviz::saveModel(a, sub / "model.nnvz");
        const Bytes before = readAll(sub / "model.nnvz");
        fs::permissions(sub, fs::perms::owner_read | fs::perms::owner_exec);
        if (::geteuid() == 0) {
            MESSAGE("skipped the read-only directory check: root ignores permissions");
        } else {
            CHECK_MODEL_ERROR(nnviz::saveModel(b, sub / "model.nnvz"), "Permission denied");
            CHECK(readAll(sub / "model.nnvz") == before);
            checkSame(nnviz::loadModel(sub / "model.nnvz"), a);
            CHECK_FALSE(hasTempFiles(sub));
        }
        fs::permissions(sub, fs::perms::owner_all);
    }
}

TEST_CASE("serializeModel refuses networks the format cannot hold")
{
    Network net = randomNetwork({4, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, 5);
    Network bad = net;
    bad.layers[1].W.resize(2, 4);
    CHECK_MODEL_ERROR(nnviz::serializeModel(bad), "layer 1 has W 2×4");
    bad = net;
    bad.layers.pop_back();
    CHECK_MODEL_ERROR(nnviz::serializeModel(bad), "1 weight layers for 3 sizes");
    bad = net;
    bad.output = Activation::Relu;
    CHECK_MODEL_ERROR(nnviz::serializeModel(bad), "output activation relu is not allowed");
    bad = net;
    bad.hidden = Activation::Softmax;
    CHECK_MODEL_ERROR(nnviz::serializeModel(bad),
                      "cannot save model: softmax can only be the output activation");
    CHECK_MODEL_ERROR(nnviz::serializeModel(Network{}),
                      "cannot save model: network needs at least 2 layers (input and output), "
                      "got 0");
    bad = net;
    bad.sizes[1] = nnviz::kMaxNeurons + 1;
    CHECK_MODEL_ERROR(nnviz::serializeModel(bad), "layer 1 size must be 1..100,000, got 100001");
}

// The model file holds exactly the networks makeNetwork and the trainer accept: the limits live
// in network.hpp, and both sides are checked at and just past each of them.
TEST_CASE("the model file's limits are the network's")
{
    // A header for `sizes` (no parameters): parseModel then either refuses the sizes, or accepts
    // them and finds the file too short for their parameters.
    const auto header = [](const std::vector<uint32_t>& sizes) {
        Bytes b = {'N', 'N', 'V', 'Z', 1, 0, 0, 0, 0, 0, 0, 0};
        putU32(b, 8, uint32_t(sizes.size()));
        for (uint32_t s : sizes) {
            b.resize(b.size() + 4);
            putU32(b, b.size() - 4, s);
        }
        b.insert(b.end(), {0, 2, 0, 0}); // sigmoid hidden, softmax output
        return b;
    };
    const auto accepted = [](const std::vector<int>& sizes) {
        try {
            nnviz::validateArchitecture(sizes, Activation::Sigmoid, Activation::Softmax);
            return true;
        } catch (const nnviz::ConfigError&) {
            return false;
        }
    };
    const auto parsedSizes = [&](const std::vector<uint32_t>& sizes) {
        try {
            parse(header(sizes));
        } catch (const ModelFileError& e) {
            return std::string(e.what()).find("truncated: ") != std::string::npos;
        }
        FAIL("a header without parameters was accepted");
        return false;
    };
    const int maxN = nnviz::kMaxNeurons;
    const std::vector<std::vector<int>> cases = {
        std::vector<int>(size_t(nnviz::kMaxLayers), 1),     // as many layers as allowed
        std::vector<int>(size_t(nnviz::kMaxLayers) + 1, 1), // one more
        {maxN, 10},                                         // the widest layer, as input
        {maxN + 1, 10},
        {10, maxN},
        {10, maxN + 1},
        {10'000, 9'999},  // 99,999,999 parameters: the most, nearly
        {10'000, 10'000}, // 100,010,000: too many
        {maxN, 999},      // 99,900,999
        {maxN, 1'000},    // 100,001,000
    };
    for (const std::vector<int>& sizes : cases) {
        CAPTURE(sizes.size());
        CAPTURE(sizes.front());
        CAPTURE(sizes.back());
        const std::vector<uint32_t> u(sizes.begin(), sizes.end());
        CHECK(accepted(sizes) == parsedSizes(u));
    }
    CHECK(accepted(cases[0]));
    CHECK_FALSE(accepted(cases[1]));
    CHECK(accepted(cases[6]));
    CHECK_FALSE(accepted(cases[7]));
}

// Files that exist but cannot be read as a model: each gives a message, none blocks or crashes.
TEST_CASE("loadModel: a FIFO, an unreadable file, and one that fails while reading")
{
    TempDir dir("unreadable");
    // A FIFO with no writer would block open() forever; it is refused before opening.
    const fs::path fifo = dir.path / "model.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_MODEL_ERROR(nnviz::loadModel(fifo), "model.fifo: is not a regular file");
    CHECK_MODEL_ERROR(nnviz::loadModel("/dev/null"), "/dev/null: is not a regular file");

    // /proc/self/mem is a regular file whose read fails (EIO) even for root.
    CHECK_MODEL_ERROR(nnviz::loadModel("/proc/self/mem"),
                      "model file /proc/self/mem: read error: Input/output error");

    const fs::path locked = dir.path / "locked.nnvz";
    nnviz::saveModel(randomNetwork({3, 2}, Activation::Sigmoid, Activation::Sigmoid, 1), locked);
    fs::permissions(locked, fs::perms::none);
    if (::geteuid() == 0) {
        MESSAGE("skipped the permission-denied check: root ignores file permissions");
    } else {
        CHECK_MODEL_ERROR(nnviz::loadModel(locked), "cannot open: Permission denied");
    }
}

// A full disk, without root: RLIMIT_FSIZE makes write() fail with EFBIG once the file would pass
// the limit, which is how a save that runs out of space midway fails (ENOSPC takes the same
// path). Run in a child process so the limit and the ignored SIGXFSZ stay there.
TEST_CASE("saveModel when the disk fills midway: fails with a message, keeps the old file")
{
    TempDir dir("full");
    const fs::path file = dir.path / "model.nnvz";
    const Network small = randomNetwork({4, 3, 2}, Activation::Sigmoid, Activation::Softmax, 1);
    const Network large = randomNetwork({200, 30, 10}, Activation::Relu, Activation::Softmax, 2);
    nnviz::saveModel(small, file);
    const Bytes before = readAll(file);
    REQUIRE(before.size() < 4096);
    REQUIRE(nnviz::serializeModel(large).size() > 4096);

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            nnviz::saveModel(large, file);
            ::_exit(10); // the save should have failed
        } catch (const ModelFileError& e) {
            const std::string what = e.what();
            ::_exit(what.find("cannot save model to " + file.string()) != std::string::npos &&
                            what.find("File too large") != std::string::npos
                        ? 0
                        : 11);
        } catch (...) {
            ::_exit(12);
        }
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0); // 10: saved anyway, 11: wrong message, 12: wrong exception
    CHECK(readAll(file) == before);
    checkSame(nnviz::loadModel(file), small);
    CHECK_FALSE(hasTempFiles(dir.path));
}
