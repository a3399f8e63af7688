// Shared helpers for the subcommands: parsing enum-valued flags, the dataset flags, and the error
// convention (exit 0 ok, 1 failure, 2 bad usage).
#pragma once

#include "core/dataset.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace nnviz::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Where a command reads its dataset: --dataset mnist|fashion, --data DIR.
struct DataOptions {
    DatasetKind kind = DatasetKind::Mnist;
    std::filesystem::path dir; // empty = defaultDataDir()
    std::filesystem::path resolvedDir() const { return dir.empty() ? defaultDataDir() : dir; }
};
void addDataOptions(CLI::App& cmd, DataOptions& data);

// "16,16" → {16, 16}; each 1..kMaxHidden. Empty string → no hidden layer. Throws
// CLI::ValidationError with the reason.
inline constexpr int kMaxHidden = 4096;
std::vector<int> parseHiddenSizes(const std::string& text);

} // namespace nnviz::cli
