// Replays every input in tests/fuzz/regressions/<target>/ for the four loaders (model, npz, idx,
// image) through the same entry point as its fuzzer: each input once crashed a loader or made it
// allocate far more than its size (image/, found by the fuzzers), or is a hand-made file of that
// kind (model/, npz/ and idx/, written by tests/fuzz/make_regressions.py). Every one must be
// refused with the loader's typed error, for the reason listed below where one is. A missing or
// empty directory fails the test: a replay that finds nothing proves nothing. Runs in the g++
// build and under ASan/UBSan.
#include "../fuzz/targets/idx_input.hpp"

#include "core/dataset.hpp"
#include "core/errors.hpp"
#include "core/image.hpp"
#include "core/model_file.hpp"
#include "core/npz_file.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

namespace {

// The files in regressions/<target>/, sorted; fails the test when there are none.
std::vector<fs::path> regressions(const char* target)
{
    const fs::path dir = fs::path(NNVIZ_FUZZ_REGRESSIONS) / target;
    INFO("regression directory " << dir.string());
    REQUIRE(fs::is_directory(dir));
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE_FALSE(files.empty());
    return files;
}

Bytes readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& p, std::span<const uint8_t> bytes, bool gzip)
{
    if (gzip) {
        gzFile gz = gzopen(p.c_str(), "wb");
        REQUIRE(gz != nullptr);
        REQUIRE(gzwrite(gz, bytes.data(), unsigned(bytes.size())) == int(bytes.size()));
        REQUIRE(gzclose(gz) == Z_OK);
        return;
    }
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    REQUIRE(f.good());
}

// The IDX fuzzer's entry point (idx_input.hpp): mode 0 parses the bytes, modes 1..3 go through
// files and loadIdx, gzipping the images (2, 3) and the labels (3) first.
void loadIdxInput(std::span<const uint8_t> input)
{
    const nnviz_fuzz::IdxInput in = nnviz_fuzz::splitIdxInput(input);
    if (in.mode == 0) {
        nnviz::parseIdx(in.images, in.labels, "images", "labels");
        return;
    }
    TempDir dir("fuzz-idx");
    writeFile(dir.path / "images", in.images, in.mode >= 2);
    writeFile(dir.path / "labels", in.labels, in.mode == 3);
    nnviz::loadIdx(dir.path / "images", dir.path / "labels");
}

// Replays `target`'s inputs through `load`; each must throw E, whose message contains
// reasons[file name] when that is listed. Returns how many inputs were replayed.
template <class E>
size_t replay(const char* target, const std::function<void(const Bytes&, const std::string&)>& load,
              const std::map<std::string, std::string>& reasons)
{
    size_t replayed = 0;
    for (const fs::path& p : regressions(target)) {
        const std::string name = p.filename().string();
        CAPTURE(name);
        const auto reason = reasons.find(name);
        const std::string expected = reason == reasons.end() ? "" : reason->second;
        CHECK_THROWS_WITH_AS(load(readAll(p), name), doctest::Contains(expected.c_str()), E);
        ++replayed;
    }
    // Every listed reason belongs to a file that is there.
    for (const auto& [name, why] : reasons) {
        CAPTURE(name);
        CHECK(fs::is_regular_file(fs::path(NNVIZ_FUZZ_REGRESSIONS) / target / name));
    }
    return replayed;
}

} // namespace

TEST_CASE(
    "fuzz regressions: every model, .npz, IDX pair and image on file is refused with its typed "
    "error")
{
    const size_t models = replay<nnviz::ModelFileError>(
        "model", [](const Bytes& b, const std::string& name) { nnviz::parseModel(b, name); },
        {
            // Refused from the header, before any parameter storage exists.
            {"400MB-of-parameters-in-32-bytes", "truncated: 32 bytes, but the header describes "
                                                "99900999 parameters"},
            {"2e10-parameters-in-32-bytes", "more than the 100,000,000 nnviz supports"},
            {"layer-count-4294967295", "header says 4294967295 layers"},
            {"sizes-cut-short", "truncated in the header"},
            {"layer-of-2147483648-neurons", "layer 0 has 2147483648 neurons"},
            {"nan-bias-valid-crc", "non-finite parameter b[0] = nan"},
            {"inf-weight-valid-crc", "non-finite parameter W[0][0] = inf"},
            {"checksum-cut-off", "truncated"},
            {"trailing-byte-after-checksum", "1 trailing bytes after the checksum"},
            {"unknown-dataset-valid-crc", "dataset code 255 is unknown"},
        });
    const size_t archives = replay<nnviz::ModelFileError>(
        "npz", [](const Bytes& b, const std::string& name) { nnviz::parseNpz(b, name); },
        {
            {"member-claims-1GiB", "member W0.npy: is 1073741824 bytes once extracted"},
            {"shape-overflows-64-bits", "needs more than 2^64"},
            {"npy-header-past-end", "array b0: .npy header of 65535 bytes, but only 8 follow"},
            {"nan-weight", "array W1 has a non-finite value at [0][1] = nan"},
            {"central-directory-past-end", "the central directory (377 bytes at 2147483647)"},
            {"nnvz-not-zip", "found \"NNVZ\"; it is an nnviz model"},
        });
    const size_t pairs = replay<nnviz::DataError>(
        "idx", [](const Bytes& b, const std::string&) { loadIdxInput(b); },
        {
            {"2pow31-images-in-100-bytes", "the header promises 2147483648 images"},
            {"rows-and-cols-4294967295", "images are 4294967295×4294967295 pixels"},
            {"4294967295-labels-in-9-bytes", "the header promises 4294967295 labels"},
            {"both-files-empty", "truncated: 0 bytes"},
            {"gzip-trailer-claims-4GiB", "corrupt gzip data (zlib: incorrect length check)"},
            {"gzip-then-garbage", "unexpected bytes after the end of the gzip data"},
            {"gzipped-label-200", "label 1 is 200, expected 0..9"},
        });
    const size_t images = replay<nnviz::ImageError>(
        "image", [](const Bytes& b, const std::string& name) { nnviz::decodeImage(b, name); },
        {
            {"pgm-header-claims-36M-pixels", "truncated"},
            {"pgm-maxval-without-digits", "truncated"},
            {"png-chunk-claims-1GiB", "claims"},
        });
    MESSAGE("replayed " << models << " model, " << archives << " .npz, " << pairs << " IDX and "
                        << images << " image regression inputs");
    // Each listed reason above is one of the files replayed; nothing was silently skipped.
    CHECK(models >= 9);
    CHECK(archives >= 6);
    CHECK(pairs >= 7);
    CHECK(images >= 3);
}
