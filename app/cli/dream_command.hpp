// `nnviz dream`: the image that excites one neuron most (activation maximisation), as a PNG.
#pragma once

#include "app/cli/options.hpp"
#include "core/dream.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

namespace nnviz::cli {

struct DreamOptions {
    std::filesystem::path model;
    int layer = 1, neuron = 0; // --neuron L:J, layer 1 = first hidden, the last = outputs
    std::filesystem::path out;
    int scale = 10; // each pixel drawn as scale × scale
    DreamConfig config;
    bool json = false;
};

CLI::App* addDreamCommand(CLI::App& parent, DreamOptions& options);
int runDream(const DreamOptions& options);

// "L:J" → layer L ≥ 1 and neuron J ≥ 0, else "'x' is not LAYER:NEURON ...".
CLI::Validator neuronSpec(int& layer, int& neuron);

} // namespace nnviz::cli
