// `nnviz predict`: reads PNG/PGM images, preprocesses them like the canvas and prints the answer.
#pragma once

#include "app/cli/options.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <vector>

namespace nnviz::cli {

struct PredictOptions {
    std::filesystem::path model;
    std::vector<std::filesystem::path> images;
    bool json = false;
    bool raw = false; // skip the MNIST-style centring, only downsample
    DataOptions data; // --dataset only: the class names and how the ink is fitted
};

CLI::App* addPredictCommand(CLI::App& parent, PredictOptions& options);
int runPredict(const PredictOptions& options);

} // namespace nnviz::cli
