// Shared flag parsing and checks for the subcommands.
#include "app/cli/options.hpp"

#include "core/errors.hpp"
#include "core/share_dir.hpp"

#include <charconv>

namespace nnviz::cli {

void addDatasetOption(CLI::App& cmd, DataOptions& data, bool followsModel)
{
    CLI::Option* option = addChoice<DatasetKind>(
        cmd, "--dataset", data.kind,
        followsModel ? "mnist (digits) or fashion (Fashion-MNIST); default: the dataset the "
                       "model was trained on (recorded in its file)"
                     : "mnist (digits) or fashion (Fashion-MNIST)",
        {{"mnist", DatasetKind::Mnist}, {"fashion", DatasetKind::Fashion}});
    option->each([&data](const std::string&) { data.kindGiven = true; });
    if (followsModel) option->default_str("the model's");
}

void addDataOptions(CLI::App& cmd, DataOptions& data, bool followsModel)
{
    addDatasetOption(cmd, data, followsModel);
    cmd.add_option("--data", data.dir,
                   "data directory (default: $NNVIZ_DATA, else $XDG_CACHE_HOME/nnviz, else "
                   "~/.cache/nnviz)");
}

Dataset loadTestSetFor(const Network& net, const std::filesystem::path& model,
                       const DataOptions& data)
{
    // The model's own dataset unless --dataset says otherwise.
    Dataset test = loadDataset(data.kindOr(net.dataset), Split::Test, data.resolvedDir());
    if (net.inputSize() != test.pixelCount() || net.outputSize() != kClassCount)
        throw ConfigError("model " + model.string() + " is " + std::to_string(net.inputSize()) +
                          "→" + std::to_string(net.outputSize()) + ", but " + test.name +
                          " needs " + std::to_string(test.pixelCount()) + "→" +
                          std::to_string(kClassCount));
    return test;
}

void addModelOption(CLI::App& cmd, std::filesystem::path& model, bool followsDataset)
{
    cmd.add_option("--model", model,
                   std::string("model file (.nnvz or .npz); default: the bundled sigmoid model") +
                       (followsDataset ? " (fashion-sigmoid.nnvz with --dataset fashion)" : ""))
        ->default_str("sigmoid.nnvz");
}

std::filesystem::path modelOrBundled(const std::filesystem::path& given, DatasetKind dataset)
{
    return given.empty() ? bundledModel(dataset, Activation::Sigmoid) : given;
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
