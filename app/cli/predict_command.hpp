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
};

CLI::App* addPredictCommand(CLI::App& parent, PredictOptions& options);
int runPredict(const PredictOptions& options);

} // namespace nnviz::cli
