// libFuzzer target: the IDX reader, plain and gzipped (input layout in idx_input.hpp). Files are
// memfds opened through /proc/self/fd, so loadIdx runs its real path (stat, read, gunzip,
// validate) without touching the disk. A DataError is the expected answer to a bad pair.
#include "idx_input.hpp"

#include "core/dataset.hpp"
#include "core/errors.hpp"

#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::vector<uint8_t> gzip(std::span<const uint8_t> in)
{
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    std::vector<uint8_t> out(deflateBound(&zs, uLong(in.size())));
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = uInt(in.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) std::abort();
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// An anonymous in-memory file holding `bytes`, closed on scope exit.
struct MemFile {
    int fd = -1;
    explicit MemFile(std::span<const uint8_t> bytes)
    {
        fd = memfd_create("nnviz-fuzz", MFD_CLOEXEC);
        if (fd < 0) std::abort();
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (w <= 0) std::abort();
            done += size_t(w);
        }
    }
    ~MemFile() { ::close(fd); }
    std::string path() const { return "/proc/self/fd/" + std::to_string(fd); }
};

void checkDataset(const nnviz::Dataset& d)
{
    if (d.images.size() != d.size() || d.pixelBytes().size() != d.size() * size_t(d.pixelCount()))
        std::abort();
    for (uint8_t label : d.labels)
        if (label > 9) std::abort();
    Eigen::MatrixXf X;
    d.inputs(0, d.size(), X);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const nnviz_fuzz::IdxInput in = nnviz_fuzz::splitIdxInput({data, size});
    try {
        if (in.mode == 0) {
            checkDataset(nnviz::parseIdx(in.images, in.labels, "images", "labels"));
            return 0;
        }
        std::vector<uint8_t> images(in.images.begin(), in.images.end());
        std::vector<uint8_t> labels(in.labels.begin(), in.labels.end());
        if (in.mode >= 2) images = gzip(images);
        if (in.mode == 3) labels = gzip(labels);
        const MemFile imageFile(images), labelFile(labels);
        checkDataset(nnviz::loadIdx(imageFile.path(), labelFile.path()));
    } catch (const nnviz::DataError&) {
    }
    return 0;
}
