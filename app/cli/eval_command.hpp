// `nnviz eval`: test-set accuracy, per-class accuracy and the confusion matrix of a model.
#pragma once

#include "app/cli/options.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

namespace nnviz::cli {

struct EvalOptions {
    std::filesystem::path model;
    DataOptions data;
    bool json = false;
};

CLI::App* addEvalCommand(CLI::App& parent, EvalOptions& options);
int runEval(const EvalOptions& options);

} // namespace nnviz::cli
