// `nnviz ablate`: each hidden neuron killed in turn, the test accuracy without it and the drop.
#pragma once

#include "app/cli/options.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

namespace nnviz::cli {

struct AblateOptions {
    std::filesystem::path model;
    DataOptions data;
    bool json = false;
};

CLI::App* addAblateCommand(CLI::App& parent, AblateOptions& options);
int runAblate(const AblateOptions& options);

} // namespace nnviz::cli
