// `nnviz train`: trains a network on MNIST or Fashion-MNIST and writes a model file.
#pragma once

#include "app/cli/options.hpp"
#include "core/trainer.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace nnviz::cli {

struct TrainOptions {
    std::vector<int> hidden = kVideoHiddenSizes; // hidden layer sizes, input to output
    Activation hiddenActivation = Activation::Sigmoid;
    Activation outputActivation = Activation::Softmax;
    TrainConfig config;
    DataOptions data;
    std::filesystem::path out;
    bool quiet = false;
};

CLI::App* addTrainCommand(CLI::App& parent, TrainOptions& options);
int runTrain(const TrainOptions& options);

} // namespace nnviz::cli
