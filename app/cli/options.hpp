// Shared helpers for the subcommands: enum-valued flags, the dataset flags, the hidden layer
// sizes' per-element check, and the error convention (exit 0 ok, 1 failure, 2 bad usage).
#pragma once

#include "core/dataset.hpp"
#include "core/network.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nnviz::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// The names an enum-valued flag accepts, in the order the help lists them.
template <typename Enum> using Choices = std::vector<std::pair<std::string, Enum>>;

// --flag NAME for an enum-valued option: CLI11's CheckedTransformer maps the names (any case) to
// the enum. The help shows "a|b|c=<target's current value>"; anything else is refused with
// "'x' is not one of a|b|c" (CLI11's own text would list the enum's integer codes). CLI11 also
// lets the integer codes themselves through.
template <typename Enum>
CLI::Option* addChoice(CLI::App& cmd, const std::string& flag, Enum& target,
                       const std::string& help, const Choices<Enum>& names)
{
    std::string list, fallback;
    for (const auto& [name, value] : names) {
        list += (list.empty() ? "" : "|") + name;
        if (value == target && fallback.empty()) fallback = name;
    }
    const CLI::Validator lookup = CLI::CheckedTransformer(names, CLI::ignore_case);
    const CLI::Validator named(
        [lookup, list](std::string& text) {
            const std::string given = text;
            return lookup(text).empty() ? std::string() : "'" + given + "' is not one of " + list;
        },
        "");
    return cmd.add_option(flag, target, help)
        ->transform(named)
        ->type_name(list)
        ->default_str(fallback);
}

// Where a command reads its dataset: --dataset mnist|fashion, --data DIR.
struct DataOptions {
    DatasetKind kind = DatasetKind::Mnist;
    bool kindGiven = false;    // --dataset was on the command line
    std::filesystem::path dir; // empty = defaultDataDir()
    std::filesystem::path resolvedDir() const { return dir.empty() ? defaultDataDir() : dir; }
    // --dataset when given, else the dataset the model was trained on (eval, predict).
    DatasetKind kindOr(DatasetKind model) const { return kindGiven ? kind : model; }
};
// --dataset; with followsModel its help says it defaults to the model's dataset.
void addDatasetOption(CLI::App& cmd, DataOptions& data, bool followsModel);
// --dataset and --data.
void addDataOptions(CLI::App& cmd, DataOptions& data, bool followsModel = false);

// The test split a model is scored on (eval, ablate), after checking that the model reads its
// images and has one output per class; ConfigError naming the model otherwise.
Dataset loadTestSetFor(const Network& net, const std::filesystem::path& model,
                       const DataOptions& data);

// --model FILE (.nnvz or .npz), optional: left out, the bundled sigmoid model, as in the window.
void addModelOption(CLI::App& cmd, std::filesystem::path& model, bool followsDataset);
// The model a command reads: `given`, or the bundled sigmoid model of `dataset` (MNIST's or
// Fashion-MNIST's); ModelFileError naming where it looked when that is missing.
std::filesystem::path modelOrBundled(const std::filesystem::path& given, DatasetKind dataset);

// One element of --hidden 16,16 (CLI11 splits at the commas): a whole number 1..kMaxHidden, or
// "'x' is not a whole number" / "a hidden layer of N neurons is out of range (1..kMaxHidden)".
inline constexpr int kMaxHidden = 4096;
CLI::Validator hiddenLayerSize();

} // namespace nnviz::cli
