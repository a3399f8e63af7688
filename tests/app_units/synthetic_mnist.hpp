// A small MNIST-shaped dataset on disk and a short training request, for the app model tests
// that train (test_app_model.cpp, test_timeline.cpp); tickUntil is in app_model_fixture.hpp.
#pragma once

#include "app/gui/model/app_model.hpp"
#include "tests/app_units/app_model_fixture.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace nnviz::gui::test {

namespace fs = std::filesystem;

inline void writeBytes(const fs::path& file, const std::vector<uint8_t>& bytes)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

inline void putU32(std::vector<uint8_t>& out, uint32_t v) // IDX is big-endian
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(uint8_t(v >> shift));
}

// An MNIST-shaped split in <dir>/mnist: digit k is a bright vertical bar at column 2 + 2k, with
// faint noise, so a few batches learn it.
inline void writeSplit(const fs::path& dir, const char* prefix, int count, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<uint8_t> images, labels;
    putU32(images, 0x803);
    putU32(images, uint32_t(count));
    putU32(images, 28);
    putU32(images, 28);
    putU32(labels, 0x801);
    putU32(labels, uint32_t(count));
    for (int i = 0; i < count; ++i) {
        const int k = int(rng() % 10);
        labels.push_back(uint8_t(k));
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const bool bar = y >= 4 && y < 24 && x >= 2 + 2 * k && x < 4 + 2 * k;
                images.push_back(bar ? 255 : uint8_t(rng() % 40));
            }
    }
    writeBytes(dir / "mnist" / (std::string(prefix) + "-images-idx3-ubyte"), images);
    writeBytes(dir / "mnist" / (std::string(prefix) + "-labels-idx1-ubyte"), labels);
}

// A synthetic MNIST in dir: `train` training and `test` test images.
inline void writeSyntheticData(const fs::path& dir, int train, int test, uint32_t seed)
{
    writeSplit(dir, "train", train, seed);
    writeSplit(dir, "t10k", test, seed + 1);
}

inline TrainRequest shortRun(int epochs)
{
    TrainRequest r;
    r.config.learningRate = 0.01f;
    r.config.batchSize = 10;
    r.config.epochs = epochs;
    r.config.threads = 1;
    return r;
}

} // namespace nnviz::gui::test
