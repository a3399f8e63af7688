// Reading and writing nnviz model files (.nnvz). The byte layout is specified in
// README.md ("Model file format"); every field is little-endian whatever the host, and the reader checks the
// header against the byte count before allocating so a corrupt or hostile file costs nothing.
#include "core/model_file.hpp"

#include "core/bytes.hpp"
#include "core/errors.hpp"
#include "core/npz_file.hpp"
#include "core/text.hpp"

#include <zlib.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <system_error>

namespace nnviz {

namespace {

namespace fs = std::filesystem;

// The network's own limits (kMaxLayers, kMaxNeurons, kMaxParameters in network.hpp) keep a
// corrupt header from describing an absurd network.
constexpr size_t kFixedHeader = 4 + 4 + 4;     // magic, version, layer count
constexpr size_t kActivationBlock = 1 + 1 + 2; // hidden, output, dataset (v2) and reserved
constexpr size_t kCrcBytes = 4;
constexpr uint64_t kMaxFileBytes =
    kFixedHeader + 4 * kMaxLayers + kActivationBlock + 4 * uint64_t(kMaxParameters) + kCrcBytes;

// Dataset codes on disk (version 2).
constexpr uint8_t kMnist = 0, kFashion = 1;

std::optional<DatasetKind> datasetFromCode(uint8_t code)
{
    if (code == kMnist) return DatasetKind::Mnist;
    if (code == kFashion) return DatasetKind::Fashion;
    return std::nullopt;
}

// Activation codes on disk. Hidden layers: sigmoid or ReLU; output: sigmoid or softmax.
constexpr uint8_t kSigmoid = 0, kRelu = 1, kSoftmax = 2;

std::optional<uint8_t> activationCode(Activation f, bool isOutput)
{
    switch (f) {
    case Activation::Sigmoid:
        return kSigmoid;
    case Activation::Relu:
        if (!isOutput) return kRelu;
        break;
    case Activation::Softmax:
        if (isOutput) return kSoftmax;
        break;
    }
    return std::nullopt;
}

std::optional<Activation> activationFromCode(uint8_t code, bool isOutput)
{
    if (code == kSigmoid) return Activation::Sigmoid;
    if (code == kRelu && !isOutput) return Activation::Relu;
    if (code == kSoftmax && isOutput) return Activation::Softmax;
    return std::nullopt;
}

class Writer {
  public:
    explicit Writer(size_t capacity) { m_bytes.reserve(capacity); }
    void u8(uint8_t v) { m_bytes.push_back(v); }
    void u16(uint16_t v)
    {
        u8(uint8_t(v));
        u8(uint8_t(v >> 8));
    }
    void u32(uint32_t v)
    {
        for (int s = 0; s < 32; s += 8)
            u8(uint8_t(v >> s));
    }
    void f32(float v) { u32(std::bit_cast<uint32_t>(v)); }
    void raw(const char* p, size_t n) { m_bytes.insert(m_bytes.end(), p, p + n); }
    std::vector<uint8_t>& bytes() { return m_bytes; }

  private:
    std::vector<uint8_t> m_bytes;
};

// Bounds are proven by the caller (header vs. byte count) before any read.
class Reader {
  public:
    explicit Reader(std::span<const uint8_t> bytes) : m_bytes(bytes) {}
    uint8_t u8() { return m_bytes[m_pos++]; }
    uint16_t u16()
    {
        const uint16_t lo = u8();
        return uint16_t(lo | uint16_t(u8()) << 8);
    }
    uint32_t u32()
    {
        uint32_t v = 0;
        for (int s = 0; s < 32; s += 8)
            v |= uint32_t(u8()) << s;
        return v;
    }
    float f32() { return std::bit_cast<float>(u32()); }
    size_t pos() const { return m_pos; }

  private:
    std::span<const uint8_t> m_bytes;
    size_t m_pos = 0;
};

uint32_t crc32Of(const uint8_t* p, size_t n)
{
    return uint32_t(crc32_z(crc32_z(0L, Z_NULL, 0), p, n));
}

// Up to four bytes shown as text where printable, \xNN otherwise: found "PK\x03\x04".
std::string showBytes(std::span<const uint8_t> b)
{
    std::string s = "\"";
    for (size_t i = 0; i < b.size() && i < 4; ++i) {
        if (b[i] >= 0x20 && b[i] < 0x7f && b[i] != '"' && b[i] != '\\') {
            s += char(b[i]);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", b[i]);
            s += buf;
        }
    }
    return s + "\"";
}

std::string modelError(const std::string& name, const std::string& what)
{
    return "model file " + name + ": " + what;
}

} // namespace

std::vector<uint8_t> serializeModel(const Network& net)
{
    const auto fail = [](const std::string& why) {
        throw ModelFileError("cannot save model: " + why);
    };
    // The sizes within the network's limits (which are the format's), softmax only as output.
    try {
        validateArchitecture(net.sizes, net.hidden, net.output);
    } catch (const ConfigError& e) {
        fail(e.what());
    }
    const size_t n = net.sizes.size();
    if (net.layers.size() != n - 1)
        fail(std::to_string(net.layers.size()) + " weight layers for " + std::to_string(n) +
             " sizes; expected " + std::to_string(n - 1));
    uint64_t params = 0;
    for (size_t l = 0; l + 1 < n; ++l) {
        const Layer& layer = net.layers[l];
        const int in = net.sizes[l], out = net.sizes[l + 1];
        if (layer.W.rows() != out || layer.W.cols() != in || layer.b.size() != out)
            fail("layer " + std::to_string(l) + " has W " + std::to_string(layer.W.rows()) + "×" +
                 std::to_string(layer.W.cols()) + " and b " + std::to_string(layer.b.size()) +
                 ", but sizes say W " + std::to_string(out) + "×" + std::to_string(in) + " and b " +
                 std::to_string(out));
        params += uint64_t(out) * uint64_t(in) + uint64_t(out);
    }
    const auto hidden = activationCode(net.hidden, false);
    const auto output = activationCode(net.output, true);
    if (!hidden)
        fail("hidden activation " + std::string(toString(net.hidden)) +
             " is not allowed (sigmoid or relu)");
    if (!output)
        fail("output activation " + std::string(toString(net.output)) +
             " is not allowed (sigmoid or softmax)");

    Writer w(kFixedHeader + 4 * n + kActivationBlock + 4 * params + kCrcBytes);
    const bool mnist = net.dataset == DatasetKind::Mnist;
    w.raw(kModelMagic, 4);
    w.u32(mnist ? 1 : 2); // the oldest version that holds the network (see kModelVersion)
    w.u32(uint32_t(n));
    for (int s : net.sizes)
        w.u32(uint32_t(s));
    w.u8(*hidden);
    w.u8(*output);
    w.u8(mnist ? 0 : kFashion); // version 1: reserved, 0; version 2: the dataset
    w.u8(0);                    // reserved
    for (const Layer& layer : net.layers) {
        for (Eigen::Index j = 0; j < layer.W.rows(); ++j) // row-major: neuron j's weights
            for (Eigen::Index i = 0; i < layer.W.cols(); ++i)
                w.f32(layer.W(j, i));
        for (Eigen::Index j = 0; j < layer.b.size(); ++j)
            w.f32(layer.b[j]);
    }
    std::vector<uint8_t>& bytes = w.bytes();
    w.u32(crc32Of(bytes.data(), bytes.size()));
    return std::move(bytes);
}

Network parseModel(std::span<const uint8_t> bytes, const std::string& name)
{
    const auto fail = [&name](const std::string& what) {
        throw ModelFileError(modelError(name, what));
    };
    if (bytes.empty()) fail("the file is empty; expected an nnviz model (.nnvz)");
    if (bytes.size() < 4 || std::memcmp(bytes.data(), kModelMagic, 4) != 0)
        fail("expected magic NNVZ, found " +
             showBytes(bytes.first(std::min<size_t>(4, bytes.size()))) +
             "; was it written by nnviz?");
    if (bytes.size() < kFixedHeader)
        fail("too short: " + std::to_string(bytes.size()) +
             " bytes, the header alone is at least 12; the file is truncated");

    Reader r(bytes);
    r.u32(); // magic, checked above
    const uint32_t version = r.u32();
    if (version > kModelVersion)
        fail("format version " + std::to_string(version) + ", but this nnviz reads versions 1 to " +
             std::to_string(kModelVersion) + "; it was written by a newer nnviz");
    if (version == 0) fail("unknown format version 0 (expected 1 or 2)");
    const uint32_t n = r.u32();
    if (n < 2 || n > uint32_t(kMaxLayers))
        fail("header says " + std::to_string(n) + " layers; a model has 2.." +
             std::to_string(kMaxLayers) + "; the file is corrupt");
    const size_t headerBytes = kFixedHeader + 4 * size_t(n) + kActivationBlock;
    if (bytes.size() < headerBytes)
        fail("truncated in the header: " + std::to_string(bytes.size()) +
             " bytes, the header of a " + std::to_string(n) + "-layer model takes " +
             std::to_string(headerBytes));

    std::vector<int> sizes(n);
    uint64_t params = 0;
    for (uint32_t l = 0; l < n; ++l) {
        const uint32_t s = r.u32();
        if (s < 1 || s > uint32_t(kMaxNeurons))
            fail("layer " + std::to_string(l) + " has " + std::to_string(s) + " neurons; at most " +
                 withThousands(kMaxNeurons) + " are supported; the file is corrupt");
        sizes[l] = int(s);
        if (l > 0) params += uint64_t(s) * uint64_t(sizes[l - 1]) + s;
    }
    if (params > uint64_t(kMaxParameters))
        fail("header describes " + std::to_string(params) + " parameters, more than the " +
             withThousands(kMaxParameters) + " nnviz supports; the file is corrupt");
    const uint8_t hiddenCode = r.u8(), outputCode = r.u8();
    // Version 1: a u16 reserved field; version 2: the dataset's code, then a u8 reserved field.
    const uint8_t datasetCode = version >= 2 ? r.u8() : 0;
    const uint16_t reserved = version >= 2 ? r.u8() : r.u16();
    const auto dataset = datasetFromCode(datasetCode);
    const auto hidden = activationFromCode(hiddenCode, false);
    const auto output = activationFromCode(outputCode, true);
    if (!hidden)
        fail("hidden activation code " + std::to_string(hiddenCode) +
             " is invalid (0 sigmoid, 1 relu)");
    if (!output)
        fail("output activation code " + std::to_string(outputCode) +
             " is invalid (0 sigmoid, 2 softmax)");
    if (!dataset)
        fail("dataset code " + std::to_string(datasetCode) +
             " is unknown (0 MNIST, 1 Fashion-MNIST); the file is corrupt or from a newer nnviz");
    if (reserved != 0)
        fail("reserved header field is " + std::to_string(reserved) + ", expected 0");

    // The whole size is now known; compare before allocating any parameter storage.
    const uint64_t expected = uint64_t(headerBytes) + 4 * params + kCrcBytes;
    if (bytes.size() < expected)
        fail("truncated: " + std::to_string(bytes.size()) + " bytes, but the header describes " +
             std::to_string(params) + " parameters (" + std::to_string(expected) + " bytes)");
    if (bytes.size() > expected)
        fail(std::to_string(bytes.size() - expected) + " trailing bytes after the checksum (" +
             std::to_string(bytes.size()) + " bytes, the header describes " +
             std::to_string(expected) + "); the file is corrupt");
    const size_t body = size_t(expected) - kCrcBytes;
    const uint32_t stored = loadLittleEndian32(bytes.data() + body);
    const uint32_t computed = crc32Of(bytes.data(), body);
    if (stored != computed)
        fail("checksum mismatch (stored " + hex32(stored) + ", computed " + hex32(computed) +
             "); the file is corrupt or was modified");

    Network net;
    net.sizes = sizes;
    net.hidden = *hidden;
    net.output = *output;
    net.dataset = *dataset;
    net.layers.resize(n - 1);
    for (uint32_t l = 0; l + 1 < n; ++l) {
        Layer& layer = net.layers[l];
        const int in = sizes[l], out = sizes[l + 1];
        layer.W.resize(out, in);
        layer.b.resize(out);
        const auto nonFinite = [&](const std::string& what, float v) {
            fail("layer " + std::to_string(l) + " (" + std::to_string(in) + " → " +
                 std::to_string(out) + ") has a non-finite parameter " + what + " = " +
                 std::to_string(v) + "; the model diverged before it was saved");
        };
        for (int j = 0; j < out; ++j)
            for (int i = 0; i < in; ++i) {
                const float v = r.f32();
                if (!std::isfinite(v))
                    nonFinite("W[" + std::to_string(j) + "][" + std::to_string(i) + "]", v);
                layer.W(j, i) = v;
            }
        for (int j = 0; j < out; ++j) {
            const float v = r.f32();
            if (!std::isfinite(v)) nonFinite("b[" + std::to_string(j) + "]", v);
            layer.b[j] = v;
        }
    }
    return net;
}

namespace {

// Removes "<file>.tmp-<pid>" files left by saves that were killed before their rename: those
// whose process no longer exists. A live process's temp file (a save in progress) is kept.
void sweepStaleTemps(const fs::path& file)
{
    const std::string prefix = file.filename().string() + ".tmp-";
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const pid_t pid = pid_t(std::stol(digits));
        if (pid <= 0 || pid == ::getpid())
            continue;
        if (::kill(pid, 0) != 0 && errno == ESRCH)
            ::unlink(it->path().c_str());
    }
}

} // namespace

void saveModel(const Network& net, const fs::path& file)
{
    const std::vector<uint8_t> bytes = isNpzPath(file) ? serializeNpz(net) : serializeModel(net);
    const std::string target = file.string();
    const fs::path tmp = fs::path(target + ".tmp-" + std::to_string(::getpid()));
    const auto fail = [&](const std::string& what, int err) {
        ::unlink(tmp.c_str()); // best effort; the old file was never touched
        throw ModelFileError("cannot save model to " + target + ": " + what + ": " +
                             std::strerror(err));
    };

    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        throw ModelFileError("cannot save model to " + target + ": cannot create " + tmp.string() +
                             ": " + std::strerror(err));
    }
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            const int err = w < 0 ? errno : EIO;
            ::close(fd);
            fail("writing " + tmp.string(), err);
        }
        done += size_t(w);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail("flushing " + tmp.string() + " to disk", err);
    }
    if (::close(fd) != 0) fail("closing " + tmp.string(), errno);
    if (std::rename(tmp.c_str(), file.c_str()) != 0)
        fail("renaming " + tmp.string() + " over it", errno);

    // Make the rename itself durable; a failure here cannot undo the save, so it is ignored.
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    sweepStaleTemps(file);
}

Network loadModel(const fs::path& file)
{
    // The largest valid model is kMaxFileBytes (an .npz of it, stored, a few KiB more); reading
    // stops just past that.
    if (isNpzPath(file))
        return parseNpz(readWholeFile<ModelFileError>(
                            file, {"model file ", "a NumPy .npz archive", kMaxFileBytes + 65536}),
                        file.string());
    const std::vector<uint8_t> bytes = readWholeFile<ModelFileError>(
        file, {"model file ", "an nnviz model (.nnvz)", kMaxFileBytes});
    return parseModel(bytes, file.string());
}

} // namespace nnviz
