// `nnviz ablate`: loads a model and the test split, kills each hidden neuron in turn (activation
// forced to 0) and prints the accuracy without it and the drop, most important first, as a table
// or one JSON object. Layers are counted from 1 = the first hidden layer.
#include "app/cli/ablate_command.hpp"

#include "core/model_file.hpp"
#include "core/rescore.hpp"
#include "core/text.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

namespace nnviz::cli {

CLI::App* addAblateCommand(CLI::App& parent, AblateOptions& o)
{
    CLI::App* cmd = parent.add_subcommand(
        "ablate",
        "Kill each hidden neuron in turn: the test accuracy without it, most important first");
    addModelOption(*cmd, o.model, true);
    addDataOptions(*cmd, o.data, true);
    cmd->add_flag("--json", o.json,
                  "print one JSON object {\"base\",\"neurons\":[{\"layer\",\"neuron\",\"accuracy\","
                  "\"drop\"}]} (layer 1 = first hidden)");
    return cmd;
}

int runAblate(const AblateOptions& o)
{
    const std::filesystem::path model = modelOrBundled(o.model, o.data.kindOr(DatasetKind::Mnist));
    const Network net = loadModel(model);
    auto test = std::make_shared<const Dataset>(loadTestSetFor(net, model, o.data));
    Rescorer rescorer(test);
    const auto start = std::chrono::steady_clock::now();
    const Ablation ab = ablateHiddenNeurons(rescorer, net);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (o.json) {
        nlohmann::json j;
        j["base"] = ab.base;
        j["neurons"] = nlohmann::json::array();
        for (const auto& n : ab.neurons)
            j["neurons"].push_back({{"layer", n.layer},
                                    {"neuron", n.neuron},
                                    {"accuracy", n.accuracy},
                                    {"drop", n.drop}});
        std::printf("%s\n", j.dump().c_str());
        return kExitOk;
    }
    std::printf("%s on %s: accuracy %.2f%% with every neuron (%s images)\n",
                model.string().c_str(), test->name.c_str(), 100.0 * ab.base,
                withThousands(int64_t(test->size())).c_str());
    std::printf("each hidden neuron killed in turn (layer 1 = first hidden), most important first; "
                "%zu re-scorings in %.3f s\n\n",
                ab.neurons.size(), seconds);
    std::printf("  rank  neuron  accuracy  change (points)\n");
    int rank = 0;
    for (const auto& n : ab.neurons)
        std::printf("  %4d  %6s  %7.2f%%  %+6.2f\n", ++rank,
                    (std::to_string(n.layer) + ":" + std::to_string(n.neuron)).c_str(),
                    100.0 * n.accuracy, -100.0 * n.drop);
    return kExitOk;
}

} // namespace nnviz::cli
