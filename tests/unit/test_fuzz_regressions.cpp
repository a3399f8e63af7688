// Replays every input in tests/fuzz/regressions/<target>/ (each once crashed a loader or made it
// allocate far more than its size) through the same entry point as its fuzzer: the loader must
// answer with its typed error or a valid result. Runs in the g++ build and under ASan/UBSan.
#include "../fuzz/targets/idx_input.hpp"

#include "core/dataset.hpp"
#include "core/errors.hpp"
#include "core/image.hpp"
#include "core/model_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> regressions(const char* target)
{
    std::vector<fs::path> files;
    const fs::path dir = fs::path(NNVIZ_FUZZ_REGRESSIONS) / target;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    return files;
}

std::vector<uint8_t> readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("fuzz regressions: models, IDX pairs and images end in a typed error or a result")
{
    for (const fs::path& p : regressions("model")) {
        CAPTURE(p.string());
        const auto bytes = readAll(p);
        try {
            nnviz::parseModel(bytes, p.filename().string());
        } catch (const nnviz::ModelFileError&) {
        }
    }
    for (const fs::path& p : regressions("idx")) {
        CAPTURE(p.string());
        const auto bytes = readAll(p);
        const auto in = nnviz_fuzz::splitIdxInput(bytes);
        try {
            nnviz::parseIdx(in.images, in.labels, "images", "labels");
        } catch (const nnviz::DataError&) {
        }
    }
    const auto images = regressions("image");
    CHECK(images.size() >= 3); // the three found while writing the fuzzers
    for (const fs::path& p : images) {
        CAPTURE(p.string());
        CHECK_THROWS_AS(nnviz::decodeImage(readAll(p), p.filename().string()), nnviz::ImageError);
    }
}
