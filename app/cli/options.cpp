// Shared flag parsing and checks for the subcommands.
#include "app/cli/options.hpp"

#include "core/errors.hpp"

#include <charconv>

namespace nnviz::cli {

void addDataOptions(CLI::App& cmd, DataOptions& data)
{
    addChoice<DatasetKind>(cmd, "--dataset", data.kind, "mnist (digits) or fashion (Fashion-MNIST)",
                           {{"mnist", DatasetKind::Mnist}, {"fashion", DatasetKind::Fashion}});
    cmd.add_option("--data", data.dir,
                   "data directory (default: $NNVIZ_DATA, else $XDG_CACHE_HOME/nnviz, else "
                   "~/.cache/nnviz)");
}

Dataset loadTestSetFor(const Network& net, const std::filesystem::path& model,
                       const DataOptions& data)
{
    Dataset test = loadDataset(data.kind, Split::Test, data.resolvedDir());
    if (net.inputSize() != test.pixelCount() || net.outputSize() != kClassCount)
        throw ConfigError("model " + model.string() + " is " + std::to_string(net.inputSize()) +
                          "→" + std::to_string(net.outputSize()) + ", but " + test.name +
                          " needs " + std::to_string(test.pixelCount()) + "→" +
                          std::to_string(kClassCount));
    return test;
}

CLI::Validator hiddenLayerSize()
{
    return CLI::Validator(
        [](std::string& part) -> std::string {
            int value = 0;
            const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
            if (part.empty() || ec != std::errc() || end != part.data() + part.size())
                return "'" + part + "' is not a whole number (expected e.g. 16,16)";
            if (value < 1 || value > kMaxHidden)
                return "a hidden layer of " + part + " neurons is out of range (1.." +
                       std::to_string(kMaxHidden) + ")";
            return {};
        },
        "1.." + std::to_string(kMaxHidden));
}

} // namespace nnviz::cli
