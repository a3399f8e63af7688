// `nnviz convert IN OUT`: a model between nnviz's .nnvz and NumPy's .npz (README.md, "NumPy .npz
// layout"), so a network trained in PyTorch or any other framework can be opened, and back.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>

namespace nnviz::cli {

struct ConvertOptions {
    std::filesystem::path in;  // .nnvz or .npz
    std::filesystem::path out; // .nnvz or .npz, written atomically
};

CLI::App* addConvertCommand(CLI::App& parent, ConvertOptions& options);
int runConvert(const ConvertOptions& options);

} // namespace nnviz::cli
