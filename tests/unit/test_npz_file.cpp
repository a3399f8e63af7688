// NumPy .npz models (README.md, "NumPy .npz layout"): archives built here by hand — a zip and
// .npy writer of the test's own, independent of core/zip_archive.cpp and core/npy_array.cpp — read
// to the exact weights; .nnvz → .npz → .nnvz byte-exact; what nnviz writes read back member by
// member; and every broken archive refused with its reason.
#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/npz_file.hpp"
#include "core/zip_archive.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <bit>
#include <cfloat>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>

#include "random_network.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using nnviz::Activation;
using nnviz::ModelFileError;
using nnviz::Network;
using Bytes = std::vector<uint8_t>;

namespace {

// [SECTION] The test's own .npy and zip writers

void le(Bytes& b, uint64_t v, int bytes) // bytes past the 8th are 0
{
    for (int i = 0; i < bytes; ++i)
        b.push_back(i < 8 ? uint8_t(v >> (8 * i)) : 0);
}

// An .npy version 1.0 array with the header text given literally, e.g. "'<f4'" and "(2, 3)".
Bytes npy(const std::string& descr, const std::string& shape, const Bytes& data,
          bool fortran = false)
{
    std::string h = "{'descr': " + descr + ", 'fortran_order': " + (fortran ? "True" : "False") +
                    ", 'shape': " + shape + ", }";
    while ((10 + h.size() + 1) % 64)
        h += ' ';
    h += '\n';
    Bytes b = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    le(b, h.size(), 2);
    b.insert(b.end(), h.begin(), h.end());
    b.insert(b.end(), data.begin(), data.end());
    return b;
}

Bytes f32s(std::initializer_list<float> values, bool bigEndian = false)
{
    Bytes b;
    for (float v : values) {
        const uint32_t u = std::bit_cast<uint32_t>(v);
        le(b, bigEndian ? __builtin_bswap32(u) : u, 4);
    }
    return b;
}

Bytes f64s(std::initializer_list<double> values)
{
    Bytes b;
    for (double v : values)
        le(b, std::bit_cast<uint64_t>(v), 8);
    return b;
}

// A '<U…' string array of shape (), as numpy.array("relu") is.
Bytes npyString(const std::string& s)
{
    Bytes data;
    for (char c : s)
        le(data, uint8_t(c), 4);
    return npy("'<U" + std::to_string(s.size()) + "'", "()", data);
}

Bytes rawDeflate(const Bytes& data)
{
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    Bytes out(deflateBound(&z, uLong(data.size())) + 1);
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = uInt(data.size());
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

using Members = std::vector<std::pair<std::string, Bytes>>;

// A zip of the members, stored (method 0) or deflated (8), as PKWARE's APPNOTE lays it out.
// `flags` goes into every header (bit 0: encrypted); `method` overrides the method code written.
Bytes zip(const Members& members, bool deflated = false, uint16_t flags = 0, int method = -1)
{
    Bytes out, central;
    for (const auto& [name, data] : members) {
        const Bytes body = deflated ? rawDeflate(data) : data;
        const uint32_t crc = uint32_t(crc32(0L, data.data(), uInt(data.size())));
        const uint32_t offset = uint32_t(out.size());
        const auto fields = [&](Bytes& b) {
            le(b, 20, 2);
            le(b, flags, 2);
            le(b, method >= 0 ? uint16_t(method) : deflated ? 8 : 0, 2);
            le(b, 0, 4); // time, date
            le(b, crc, 4);
            le(b, body.size(), 4);
            le(b, data.size(), 4);
            le(b, name.size(), 2);
            le(b, 0, 2);
        };
        le(out, 0x04034b50, 4);
        fields(out);
        out.insert(out.end(), name.begin(), name.end());
        out.insert(out.end(), body.begin(), body.end());
        le(central, 0x02014b50, 4);
        le(central, 20, 2);
        fields(central);
        le(central, 0, 2 + 2 + 2 + 4); // comment, disk, attributes
        le(central, offset, 4);
        central.insert(central.end(), name.begin(), name.end());
    }
    const size_t centralAt = out.size();
    out.insert(out.end(), central.begin(), central.end());
    le(out, 0x06054b50, 4);
    le(out, 0, 4);
    le(out, members.size(), 2);
    le(out, members.size(), 2);
    le(out, central.size(), 4);
    le(out, centralAt, 4);
    le(out, 0, 2);
    return out;
}

// The hand-checked 2 → 2 → 1 network: W0 = [[1, −2], [0.5, 3]], b0 = [0.25, −1], W1 = [[4,
// −0.125]], b1 = [2]; ReLU hidden, sigmoid output, Fashion-MNIST.
Members handMembers()
{
    return {{"W0.npy", npy("'<f4'", "(2, 2)", f32s({1, -2, 0.5f, 3}))},
            {"b0.npy", npy("'<f4'", "(2,)", f32s({0.25f, -1}))},
            {"W1.npy", npy("'<f4'", "(1, 2)", f32s({4, -0.125f}))},
            {"b1.npy", npy("'<f4'", "(1,)", f32s({2}))},
            {"hidden.npy", npyString("relu")},
            {"output.npy", npyString("sigmoid")},
            {"dataset.npy", npyString("fashion")}};
}

Members with(Members m, const std::string& name, const Bytes& data)
{
    for (auto& [n, d] : m)
        if (n == name) return d = data, m;
    m.emplace_back(name, data);
    return m;
}

Members without(Members m, const std::string& name)
{
    std::erase_if(m, [&](const auto& e) { return e.first == name; });
    return m;
}

Network parse(const Bytes& b)
{
    return nnviz::parseNpz(b, "m.npz");
}

Bytes readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

} // namespace

#define CHECK_NPZ_ERROR(expr, text)                                                                \
    CHECK_THROWS_WITH_AS(expr, doctest::Contains(std::string(text).c_str()), ModelFileError)

TEST_CASE("npz: a hand-built archive reads to its exact weights, stored or deflated")
{
    for (const bool deflated : {false, true}) {
        CAPTURE(deflated);
        const Network net = parse(zip(handMembers(), deflated));
        CHECK(net.sizes == std::vector<int>{2, 2, 1});
        CHECK((net.hidden == Activation::Relu));
        CHECK((net.output == Activation::Sigmoid));
        CHECK((net.dataset == nnviz::DatasetKind::Fashion));
        // Row j of W is neuron j's incoming weights, as in the file.
        CHECK(net.layers[0].W(0, 0) == 1.0f);
        CHECK(net.layers[0].W(0, 1) == -2.0f);
        CHECK(net.layers[0].W(1, 0) == 0.5f);
        CHECK(net.layers[0].W(1, 1) == 3.0f);
        CHECK(net.layers[0].b[1] == -1.0f);
        CHECK(net.layers[1].W(0, 1) == -0.125f);
        CHECK(net.layers[1].b[0] == 2.0f);
    }
}

TEST_CASE("npz: what NumPy also writes — Fortran order, big-endian, bytes and uint8 names, "
          "no dataset, any member order")
{
    Members m = handMembers();
    // Column-major: W0 = [[1, −2], [0.5, 3]] stored column by column.
    m = with(m, "W0.npy", npy("'<f4'", "(2, 2)", f32s({1, 0.5f, -2, 3}), true));
    m = with(m, "W1.npy", npy("'>f4'", "(1, 2)", f32s({4, -0.125f}, true)));
    m = with(m, "hidden.npy", npy("'|S4'", "()", {'r', 'e', 'l', 'u'}));
    m = with(m, "output.npy", npy("'|u1'", "(7,)", {'S', 'i', 'g', 'm', 'o', 'i', 'd'}));
    m = without(m, "dataset.npy");
    std::swap(m.front(), m.back());
    const Network net = parse(zip(m, true));
    const Network hand = parse(zip(handMembers()));
    CHECK(net.layers[0].W == hand.layers[0].W);
    CHECK(net.layers[1].W == hand.layers[1].W);
    CHECK((net.hidden == Activation::Relu));
    CHECK((net.output == Activation::Sigmoid));
    CHECK((net.dataset == nnviz::DatasetKind::Mnist)); // no dataset array: MNIST
    // .npy version 2.0 (a 4-byte header length) and a header with double quotes and no spaces.
    Bytes v2 = {0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0};
    const std::string h = "{\"shape\":(1,),\"descr\":\"<f4\",\"fortran_order\":False}\n";
    le(v2, h.size(), 4);
    v2.insert(v2.end(), h.begin(), h.end());
    const Bytes two = f32s({2});
    v2.insert(v2.end(), two.begin(), two.end());
    CHECK(parse(zip(with(handMembers(), "b1.npy", v2))).layers[1].b[0] == 2.0f);
}

TEST_CASE("npz: .nnvz → .npz → .nnvz is byte-exact, for hand-made and bundled networks")
{
    Network awkward = randomNetwork({784, 16, 16, 10}, Activation::Sigmoid, Activation::Softmax, 3);
    awkward.layers[0].W(0, 0) = -0.0f;
    awkward.layers[0].W(1, 0) = std::numeric_limits<float>::denorm_min();
    awkward.layers[1].W(2, 3) = FLT_MAX;
    awkward.layers[2].b[9] = -FLT_MIN;
    Network fashion = randomNetwork({5, 7, 3}, Activation::Relu, Activation::Sigmoid, 9);
    fashion.dataset = nnviz::DatasetKind::Fashion;
    std::vector<Bytes> models = {
        nnviz::serializeModel(awkward), nnviz::serializeModel(fashion),
        nnviz::serializeModel(randomNetwork({3, 1}, Activation::Sigmoid, Activation::Softmax, 1))};
    for (const char* file :
         {"sigmoid.nnvz", "relu.nnvz", "fashion-sigmoid.nnvz", "fashion-relu.nnvz"})
        models.push_back(readAll(fs::path(NNVIZ_ASSETS) / "models" / file));
    for (const Bytes& nnvz : models) {
        REQUIRE(nnvz.size() > 20);
        const Bytes npz = nnviz::serializeNpz(nnviz::parseModel(nnvz, "m.nnvz"));
        CHECK(nnviz::serializeNpz(parse(npz)) == npz); // the same network, the same bytes
        CHECK(nnviz::serializeModel(parse(npz)) == nnvz);
    }
}

TEST_CASE("npz: nnviz writes the documented members, each an .npy NumPy reads")
{
    const Network net = parse(zip(handMembers()));
    const Bytes npz = nnviz::serializeNpz(net);
    const std::vector<nnviz::ZipEntry> entries = nnviz::listZip(npz, "m.npz");
    std::vector<std::string> names;
    std::map<std::string, Bytes> data;
    for (const auto& e : entries) {
        CHECK(e.method == 8); // deflated
        names.push_back(e.name);
        data[e.name] = nnviz::extractZip(npz, e, "m.npz", 1 << 20);
    }
    CHECK(names == std::vector<std::string>{"W0.npy", "b0.npy", "W1.npy", "b1.npy", "hidden.npy",
                                            "output.npy", "dataset.npy"});
    // Byte for byte what the test's own writer makes, i.e. what numpy.save writes.
    for (const auto& [name, bytes] : handMembers()) {
        CAPTURE(name);
        CHECK(data[name] == bytes);
    }
}

TEST_CASE("npz: saveModel and loadModel choose the format by extension")
{
    TempDir dir("npz");
    const Network net = randomNetwork({784, 32, 10}, Activation::Relu, Activation::Softmax, 5);
    nnviz::saveModel(net, dir.path / "m.NPZ");
    const Bytes written = readAll(dir.path / "m.NPZ");
    REQUIRE(written.size() > 4);
    CHECK(std::memcmp(written.data(), "PK\x03\x04", 4) == 0);
    nnviz::saveModel(nnviz::loadModel(dir.path / "m.NPZ"), dir.path / "m.nnvz");
    CHECK(readAll(dir.path / "m.nnvz") == nnviz::serializeModel(net));
    // A .npz that is really an .nnvz says so.
    fs::copy_file(dir.path / "m.nnvz", dir.path / "wrong.npz");
    CHECK_NPZ_ERROR(nnviz::loadModel(dir.path / "wrong.npz"),
                    "not a zip archive: expected \"PK\\x03\\x04\", found \"NNVZ\"; it is an "
                    "nnviz model (.nnvz)");
    CHECK_NPZ_ERROR(nnviz::loadModel(dir.path / "missing.npz"), "missing.npz: no such file");
}

TEST_CASE("npz: broken archives are refused with their reason")
{
    const Members good = handMembers();
    SUBCASE("not a zip, empty, truncated anywhere")
    {
        CHECK_NPZ_ERROR(parse({}), "model file m.npz: the file is empty");
        CHECK_NPZ_ERROR(parse(Bytes{0x89, 'P', 'N', 'G', 0, 0}),
                        "not a zip archive: expected \"PK\\x03\\x04\", found \"\\x89PNG\"");
        for (const bool deflated : {false, true}) {
            const Bytes b = zip(good, deflated);
            for (size_t n = 1; n < b.size(); ++n) {
                CAPTURE(n);
                CHECK_THROWS_AS(parse(Bytes(b.begin(), b.begin() + long(n))), ModelFileError);
            }
        }
        const Bytes b = zip(good);
        CHECK_NPZ_ERROR(parse(Bytes(b.begin(), b.end() - 1)),
                        "no zip end-of-central-directory record; the file is truncated");
    }
    SUBCASE("missing and unexpected arrays")
    {
        CHECK_NPZ_ERROR(parse(zip(without(good, "b0.npy"))),
                        "missing array b0 (the archive has arrays up to layer 1)");
        CHECK_NPZ_ERROR(parse(zip(without(good, "W1.npy"))), "missing array W1");
        CHECK_NPZ_ERROR(parse(zip(without(good, "hidden.npy"))),
                        "missing array hidden ('sigmoid' or 'relu')");
        CHECK_NPZ_ERROR(parse(zip(without(good, "output.npy"))), "missing array output");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W3.npy", npy("'<f4'", "(1, 1)", f32s({1}))))),
                        "missing array W2 (the archive has arrays up to layer 3)");
        CHECK_NPZ_ERROR(parse(zip(with(good, "classes.npy", npyString("digits")))),
                        "unexpected array classes; an nnviz .npz holds W0, b0");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W01.npy", npy("'<f4'", "(1, 1)", f32s({1}))))),
                        "unexpected array W01");
        CHECK_NPZ_ERROR(parse(zip(with(good, "notes.txt", {'h', 'i'}))),
                        "member notes.txt is not an .npy array");
        CHECK_NPZ_ERROR(parse(zip({{"hidden.npy", npyString("relu")}})), "no weight arrays W0, b0");
    }
    SUBCASE("dtypes and shapes")
    {
        CHECK_NPZ_ERROR(parse(zip(with(good, "W1.npy", npy("'<f8'", "(1, 2)", f64s({4, 1}))))),
                        "array W1: dtype <f8 is not one nnviz reads");
        CHECK_NPZ_ERROR(parse(zip(with(good, "b0.npy", npy("'<i4'", "(2,)", f32s({0, 0}))))),
                        "dtype <i4 is not one nnviz reads (float32 '<f4' for weights");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W0.npy", npyString("relu")))),
                        "array W0 has dtype <U4, expected float32");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W1.npy", npy("'<f4'", "(2,)", f32s({4, 1}))))),
                        "array W1 has shape (2,); expected 2 dimensions (out, in)");
        // W1 as in × out (Keras's kernel): 2 × 1 instead of 1 × 2.
        CHECK_NPZ_ERROR(parse(zip(with(good, "W1.npy", npy("'<f4'", "(2, 1)", f32s({4, 1}))))),
                        "shapes do not chain: W0 has 2 outputs, but W1 is (2, 1), taking 1 "
                        "inputs; it looks transposed: W must be out × in");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W1.npy", npy("'<f4'", "(1, 3)", f32s({4, 1, 0}))))),
                        "W1 is (1, 3), taking 3 inputs; W1 must be (out, 2)");
        CHECK_NPZ_ERROR(parse(zip(with(good, "b1.npy", npy("'<f4'", "(2,)", f32s({4, 1}))))),
                        "array b1 has shape (2,), but W1 has 1 outputs: expected (1,)");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W0.npy", npy("'<f4'", "(2, 0)", {})))),
                        "array W0 has shape (2, 0); each layer has 1..100,000 neurons");
        CHECK_NPZ_ERROR(parse(zip(with(good, "W0.npy", npy("'<f4'", "(2, 2)", f32s({1, 2, 3}))))),
                        "array W0: holds 12 bytes of elements, but shape (2, 2) of <f4 needs 16");
        CHECK_NPZ_ERROR(parse(zip(with(good, "hidden.npy", npy("'<U4'", "(2,)", Bytes(32, 'a'))))),
                        "array hidden has shape (2,); expected one string");
    }
    SUBCASE("names and values")
    {
        CHECK_NPZ_ERROR(parse(zip(with(good, "hidden.npy", npyString("tanh")))),
                        "hidden activation 'tanh' is not one nnviz runs ('sigmoid' or 'relu')");
        CHECK_NPZ_ERROR(parse(zip(with(good, "hidden.npy", npyString("softmax")))),
                        "hidden activation 'softmax'");
        CHECK_NPZ_ERROR(parse(zip(with(good, "output.npy", npyString("relu")))),
                        "output activation 'relu' is not one nnviz runs");
        CHECK_NPZ_ERROR(parse(zip(with(good, "dataset.npy", npyString("cifar")))),
                        "dataset 'cifar' is unknown ('mnist' or 'fashion')");
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const float inf = std::numeric_limits<float>::infinity();
        CHECK_NPZ_ERROR(
            parse(zip(with(good, "W0.npy", npy("'<f4'", "(2, 2)", f32s({1, 2, 3, nan}))))),
            "array W0 has a non-finite value at [1][1] = nan");
        CHECK_NPZ_ERROR(parse(zip(with(good, "b1.npy", npy("'<f4'", "(1,)", f32s({-inf}))))),
                        "array b1 has a non-finite value at [0] = -inf");
    }
    SUBCASE(".npy headers")
    {
        Bytes notNpy = npy("'<f4'", "(1,)", f32s({2}));
        notNpy[1] = 'X';
        CHECK_NPZ_ERROR(parse(zip(with(good, "b1.npy", notNpy))),
                        "array b1: not a NumPy .npy array");
        Bytes v9 = npy("'<f4'", "(1,)", f32s({2}));
        v9[6] = 9;
        CHECK_NPZ_ERROR(parse(zip(with(good, "b1.npy", v9))), ".npy format version 9.0");
        Bytes longHeader = npy("'<f4'", "(1,)", f32s({2}));
        longHeader[8] = 0xff; // 118 → 255
        CHECK_NPZ_ERROR(
            parse(zip(with(good, "b1.npy", longHeader))),
            "b1: .npy header of 255 bytes, but only 122 follow; the array is truncated");
        CHECK_NPZ_ERROR(parse(zip(with(good, "b1.npy", npy("'<f4'", "(1,", f32s({2}))))),
                        "b1: .npy header expected");
        CHECK_NPZ_ERROR(
            parse(zip(with(good, "b1.npy", npy("'<f4', 'extra': 1", "(1,)", f32s({2}))))),
            "unexpected or repeated key 'extra'");
    }
    SUBCASE("zip structure")
    {
        CHECK_NPZ_ERROR(parse(zip(good, false, 1)), "member W0.npy is encrypted");
        CHECK_NPZ_ERROR(parse(zip(good, false, 0, 12)),
                        "member W0.npy is compressed with zip method 12");
        CHECK_NPZ_ERROR(parse(zip({good[0], good[0]})), "member W0.npy appears twice");
        // A flipped byte in a stored member's elements: the CRC catches it.
        Bytes b = zip(good);
        b[30 + 6 + 128] ^= 0x40; // after W0.npy's local header and its 128-byte .npy header
        CHECK_NPZ_ERROR(parse(b), "member W0.npy: CRC-32 mismatch");
        // A deflated member whose data is garbage.
        Bytes d = zip(good, true);
        for (size_t i = 36; i < 44; ++i)
            d[i] = 0xff;
        CHECK_THROWS_AS(parse(d), ModelFileError);
        // The directory claims a member inflates to 16 MiB, then 1 GiB, from a few bytes.
        Bytes huge = zip(good, true);
        const size_t centralAt = size_t(huge[huge.size() - 6]) | size_t(huge[huge.size() - 5]) << 8;
        huge[centralAt + 24] = huge[centralAt + 25] = huge[centralAt + 27] = 0;
        huge[centralAt + 26] = 1; // 65,536: deflate could, but the data does not
        CHECK_NPZ_ERROR(parse(huge), "member W0.npy: inflates to 144 bytes, but the directory "
                                     "declares 65536");
        huge[centralAt + 26] = 0;
        huge[centralAt + 27] = 1;
        CHECK_NPZ_ERROR(parse(huge), "member W0.npy: claims 16777216 bytes from");
        huge[centralAt + 27] = 0x40;
        CHECK_NPZ_ERROR(parse(huge), "member W0.npy: is 1073741824 bytes once extracted, more "
                                     "than the 400065536 a model's largest array can take");
    }
}
