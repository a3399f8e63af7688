// A network ↔ an .npz archive (see npz_file.hpp and README.md, "NumPy .npz layout"). The zip layer
// (zip_archive.cpp) and the .npy headers (npy_array.cpp) are read first; here the arrays are
// matched to layers: names, dtypes, shapes that chain, then every value checked finite.
#include "core/npz_file.hpp"

#include "core/bytes.hpp"
#include "core/dataset.hpp"
#include "core/errors.hpp"
#include "core/npy_array.hpp"
#include "core/text.hpp"
#include "core/zip_archive.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

namespace nnviz {

namespace {

// The largest member a valid model can have: its largest W as float32, plus a generous header.
constexpr uint64_t kMaxMemberBytes = 4 * uint64_t(kMaxParameters) + 65536;

std::vector<uint8_t> floatBytes(const float* p, size_t n)
{
    std::vector<uint8_t> out(4 * n);
    for (size_t i = 0; i < n; ++i) {
        const uint32_t u = std::bit_cast<uint32_t>(p[i]);
        for (int k = 0; k < 4; ++k)
            out[4 * i + size_t(k)] = uint8_t(u >> (8 * k));
    }
    return out;
}

// A string as a 0-d '<U…' array, as numpy.array("sigmoid") is: UTF-32LE, no terminator.
ZipMember stringMember(const std::string& name, std::string_view text)
{
    std::vector<uint8_t> utf32;
    for (char c : text) {
        utf32.push_back(uint8_t(c));
        utf32.insert(utf32.end(), 3, 0);
    }
    return {name + ".npy", writeNpy("<U" + std::to_string(text.size()), {}, utf32)};
}

// "W12" → 12 for prefix 'W'; nullopt for "W", "W01", "Wx", "W99999999999".
std::optional<int> layerIndex(const std::string& name, char prefix)
{
    if (name.size() < 2 || name.size() > 4 || name[0] != prefix) return std::nullopt;
    if (name[1] == '0' && name.size() > 2) return std::nullopt;
    int v = 0;
    for (size_t i = 1; i < name.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
        v = v * 10 + (name[i] - '0');
    }
    return v;
}

// The reader's state: the archive's arrays by name (without .npy), extracted on demand.
class NpzReader {
  public:
    NpzReader(std::span<const uint8_t> bytes, const std::string& name)
        : m_bytes(bytes), m_where("model file " + name)
    {
        for (ZipEntry& e : listZip(bytes, m_where)) {
            if (e.name.size() < 5 || e.name.substr(e.name.size() - 4) != ".npy")
                fail("member " + e.name + " is not an .npy array; " + kLayoutHint);
            const std::string key = e.name.substr(0, e.name.size() - 4);
            m_entries.emplace(key, std::move(e));
        }
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw ModelFileError(m_where + ": " + what);
    }
    bool has(const std::string& key) const { return m_entries.count(key) != 0; }
    std::vector<std::string> keys() const
    {
        std::vector<std::string> k;
        for (const auto& [key, e] : m_entries)
            k.push_back(key);
        return k;
    }

    // The array `key`: its header and element bytes (kept alive in m_buffers).
    NpyArray array(const std::string& key)
    {
        const auto it = m_entries.find(key);
        if (it == m_entries.end()) fail("missing array " + key + "; " + kLayoutHint);
        m_buffers.push_back(extractZip(m_bytes, it->second, m_where, kMaxMemberBytes));
        return parseNpy(m_buffers.back(), m_where + ": array " + key);
    }

    // A string array: '<U…'/'>U…' or '|S…' of shape () or (1,), or a 1-D uint8 array; lower case.
    std::string text(const std::string& key)
    {
        const NpyArray a = array(key);
        const char kind = a.descr.size() > 1 ? a.descr[1] : '?';
        const bool bytes = kind == 'u', wide = kind == 'U';
        if (kind != 'U' && kind != 'S' && !bytes)
            fail("array " + key + " has dtype " + a.descr +
                 "; expected a string (numpy.array(\"name\"))");
        if (bytes ? a.shape.size() != 1 : !(a.shape.empty() || a.shape == std::vector<uint64_t>{1}))
            fail("array " + key + " has shape " + npyShapeText(a.shape) +
                 "; expected one string, shape ()");
        std::string s;
        const size_t step = wide ? 4 : 1;
        for (size_t i = 0; i + step <= a.data.size(); i += step) {
            uint32_t c = a.data[i];
            if (wide)
                c = a.descr[0] == '>' ? loadBigEndian32(&a.data[i])
                                      : loadLittleEndian32(&a.data[i]);
            if (c == 0) break; // NumPy pads shorter strings with NULs
            s += c < 0x80 ? char(std::tolower(int(c))) : '?';
        }
        return s;
    }

    // A float32 array of `dims` dimensions, row-major whatever its order; its shape goes to shape.
    std::vector<float> floats(const std::string& key, size_t dims, std::vector<uint64_t>& shape)
    {
        const NpyArray a = array(key);
        if (a.descr != "<f4" && a.descr != ">f4")
            fail("array " + key + " has dtype " + a.descr +
                 ", expected float32 ('<f4'); convert it with .astype(numpy.float32)");
        if (a.shape.size() != dims)
            fail("array " + key + " has shape " + npyShapeText(a.shape) + "; expected " +
                 (dims == 2 ? "2 dimensions (out, in), as PyTorch's Linear.weight"
                            : "1 dimension (out,), as PyTorch's Linear.bias"));
        shape = a.shape;
        const size_t n = size_t(a.elementCount());
        std::vector<float> v(n);
        const bool big = a.descr[0] == '>';
        const size_t rows = size_t(shape[0]), cols = dims == 2 ? size_t(shape[1]) : 1;
        for (size_t k = 0; k < n; ++k) {
            const uint8_t* p = a.data.data() + 4 * k;
            const uint32_t u = big ? loadBigEndian32(p) : loadLittleEndian32(p);
            // Fortran order: element k is (k % rows, k / rows).
            const size_t at = a.fortranOrder ? (k % rows) * cols + k / rows : k;
            v[at] = std::bit_cast<float>(u);
        }
        return v;
    }

    static constexpr const char* kLayoutHint =
        "an nnviz .npz holds W0, b0, W1, b1, … (float32, W as out × in), hidden, output and "
        "optionally dataset (README.md, \"NumPy .npz layout\")";

  private:
    std::span<const uint8_t> m_bytes;
    std::string m_where;
    std::map<std::string, ZipEntry> m_entries;
    std::vector<std::vector<uint8_t>> m_buffers;
};

// How many layers the W<l> arrays describe, after checking every array's name: W0..W<L−1> and
// b0..b<L−1> with no gap, hidden and output present, nothing else but dataset.
int countLayers(const NpzReader& r)
{
    int layers = 0;
    for (const std::string& key : r.keys()) {
        if (key == "hidden" || key == "output" || key == "dataset") continue;
        const auto w = layerIndex(key, 'W'), b = layerIndex(key, 'b');
        if (!w && !b) r.fail("unexpected array " + key + "; " + NpzReader::kLayoutHint);
        layers = std::max(layers, 1 + (w ? *w : *b));
    }
    if (layers == 0) r.fail("no weight arrays W0, b0, …; " + std::string(NpzReader::kLayoutHint));
    if (layers + 1 > kMaxLayers)
        r.fail(std::to_string(layers) + " layers; nnviz reads at most " +
               std::to_string(kMaxLayers - 1));
    for (int l = 0; l < layers; ++l)
        for (const char* prefix : {"W", "b"})
            if (!r.has(prefix + std::to_string(l)))
                r.fail("missing array " + std::string(prefix) + std::to_string(l) +
                       " (the archive has arrays up to layer " + std::to_string(layers - 1) +
                       "); " + NpzReader::kLayoutHint);
    for (const char* key : {"hidden", "output"})
        if (!r.has(key))
            r.fail("missing array " + std::string(key) + " (" +
                   (key[0] == 'h' ? "'sigmoid' or 'relu'" : "'sigmoid' or 'softmax'") + "); " +
                   NpzReader::kLayoutHint);
    return layers;
}

} // namespace

bool isNpzPath(const std::filesystem::path& file)
{
    std::string ext = file.extension().string();
    for (char& c : ext)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".npz";
}

std::vector<uint8_t> serializeNpz(const Network& net)
{
    // The same checks as an .nnvz save, so every network saved one way saves the other.
    try {
        validateArchitecture(net.sizes, net.hidden, net.output);
    } catch (const ConfigError& e) {
        throw ModelFileError(std::string("cannot save model: ") + e.what());
    }
    std::vector<ZipMember> members;
    for (size_t l = 0; l < net.layers.size(); ++l) {
        const Layer& layer = net.layers[l];
        // Eigen is column-major; the file is row-major (row j = neuron j's incoming weights).
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> W = layer.W;
        const uint64_t out = uint64_t(W.rows()), in = uint64_t(W.cols());
        members.push_back({"W" + std::to_string(l) + ".npy",
                           writeNpy("<f4", {out, in}, floatBytes(W.data(), size_t(W.size())))});
        members.push_back({"b" + std::to_string(l) + ".npy",
                           writeNpy("<f4", {uint64_t(layer.b.size())},
                                    floatBytes(layer.b.data(), size_t(layer.b.size())))});
    }
    members.push_back(stringMember("hidden", toString(net.hidden)));
    members.push_back(stringMember("output", toString(net.output)));
    members.push_back(stringMember("dataset", toString(net.dataset)));
    return writeZip(members);
}

Network parseNpz(std::span<const uint8_t> bytes, const std::string& name)
{
    NpzReader r(bytes, name);
    const int layers = countLayers(r);

    Network net;
    const std::string hidden = r.text("hidden"), output = r.text("output");
    const auto h = activationFromString(hidden), o = activationFromString(output);
    if (!h || *h == Activation::Softmax)
        r.fail("hidden activation '" + hidden + "' is not one nnviz runs ('sigmoid' or 'relu')");
    if (!o || *o == Activation::Relu)
        r.fail("output activation '" + output + "' is not one nnviz runs ('sigmoid' or 'softmax')");
    net.hidden = *h;
    net.output = *o;
    if (r.has("dataset")) {
        const std::string dataset = r.text("dataset");
        if (dataset == "mnist")
            net.dataset = DatasetKind::Mnist;
        else if (dataset == "fashion")
            net.dataset = DatasetKind::Fashion;
        else
            r.fail("dataset '" + dataset + "' is unknown ('mnist' or 'fashion')");
    }

    for (int l = 0; l < layers; ++l) {
        const std::string Wk = "W" + std::to_string(l), bk = "b" + std::to_string(l);
        std::vector<uint64_t> ws, bs;
        const std::vector<float> w = r.floats(Wk, 2, ws);
        const uint64_t out = ws[0], in = ws[1];
        for (uint64_t d : ws)
            if (d < 1 || d > uint64_t(kMaxNeurons))
                r.fail("array " + Wk + " has shape " + npyShapeText(ws) + "; each layer has 1.." +
                       withThousands(kMaxNeurons) + " neurons");
        if (l > 0 && in != uint64_t(net.sizes.back())) {
            const bool transposed = out == uint64_t(net.sizes.back());
            r.fail("shapes do not chain: W" + std::to_string(l - 1) + " has " +
                   std::to_string(net.sizes.back()) + " outputs, but " + Wk + " is " +
                   npyShapeText(ws) + ", taking " + std::to_string(in) + " inputs" +
                   (transposed ? "; it looks transposed: W must be out × in, as PyTorch's "
                                 "Linear.weight (not Keras's in × out kernel)"
                               : "; W" + std::to_string(l) + " must be (out, " +
                                     std::to_string(net.sizes.back()) + ")"));
        }
        const std::vector<float> b = r.floats(bk, 1, bs);
        if (bs[0] != out)
            r.fail("array " + bk + " has shape " + npyShapeText(bs) + ", but " + Wk + " has " +
                   std::to_string(out) + " outputs: expected (" + std::to_string(out) + ",)");
        if (l == 0) net.sizes.push_back(int(in));
        net.sizes.push_back(int(out));
        try {
            validateArchitecture(net.sizes, net.hidden, net.output);
        } catch (const ConfigError& e) {
            r.fail(e.what());
        }
        Layer layer;
        layer.W.resize(Eigen::Index(out), Eigen::Index(in));
        layer.b.resize(Eigen::Index(out));
        for (uint64_t j = 0; j < out; ++j) {
            for (uint64_t i = 0; i < in; ++i) {
                const float v = w[size_t(j * in + i)];
                if (!std::isfinite(v))
                    r.fail("array " + Wk + " has a non-finite value at [" + std::to_string(j) +
                           "][" + std::to_string(i) + "] = " + std::to_string(v));
                layer.W(Eigen::Index(j), Eigen::Index(i)) = v;
            }
            if (!std::isfinite(b[j]))
                r.fail("array " + bk + " has a non-finite value at [" + std::to_string(j) +
                       "] = " + std::to_string(b[j]));
            layer.b[Eigen::Index(j)] = b[j];
        }
        net.layers.push_back(std::move(layer));
    }
    return net;
}

} // namespace nnviz
