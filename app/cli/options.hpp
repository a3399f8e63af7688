// Shared helpers for the subcommands: parsing enum-valued flags, the dataset flags, and the error
// convention (exit 0 ok, 1 failure, 2 bad usage).
#pragma once

#include "core/dataset.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace nnviz::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// --flag NAME for an enum-valued option: one of `names` (any case), shown in the help as
// "a|b|c=default"; anything else is refused with "'x' is not one of a|b|c".
template <typename Enum>
CLI::Option* addChoice(CLI::App& cmd, const std::string& flag, Enum& target,
                       const std::string& help,
                       std::initializer_list<std::pair<std::string, Enum>> names,
                       const std::string& fallback)
{
    std::vector<std::pair<std::string, Enum>> table(names);
    std::string choices;
    for (const auto& entry : table)
        choices += (choices.empty() ? "" : "|") + entry.first;
    auto toValue = [table, choices](std::string& text) -> std::string {
        std::string lower = text;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        for (const auto& [name, value] : table)
            if (name == lower) {
                text = std::to_string(static_cast<int>(value)); // CLI11 reads enums as integers
                return {};
            }
        return "'" + text + "' is not one of " + choices;
    };
    return cmd.add_option(flag, target, help)
        ->transform(CLI::Validator(toValue, ""))
        ->type_name(choices)
        ->default_str(fallback);
}

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
