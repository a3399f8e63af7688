// `nnviz eval`: loads a model and the test split, prints accuracy, per-class accuracy and the
// confusion matrix (rows = true class, columns = predicted), as text or one JSON object.
#include "app/cli/eval_command.hpp"

#include "core/evaluate.hpp"
#include "core/model_file.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace nnviz::cli {

CLI::App* addEvalCommand(CLI::App& parent, EvalOptions& o)
{
    CLI::App* cmd = parent.add_subcommand("eval", "Measure a model on the 10,000 test images");
    addModelOption(*cmd, o.model, true);
    addDataOptions(*cmd, o.data, true);
    cmd->add_flag("--json", o.json,
                  "print one JSON object {\"accuracy\",\"per_class\",\"confusion\"}");
    return cmd;
}

int runEval(const EvalOptions& o)
{
    const std::filesystem::path model = modelOrBundled(o.model, o.data.kindOr(DatasetKind::Mnist));
    const Network net = loadModel(model);
    const Dataset test = loadTestSetFor(net, model, o.data);
    const Evaluation e = evaluate(net, test);

    if (o.json) {
        nlohmann::json j;
        j["accuracy"] = e.accuracy;
        j["per_class"] = e.perClass;
        j["confusion"] = e.confusion;
        j["count"] = e.count;
        std::printf("%s\n", j.dump().c_str());
        return kExitOk;
    }
    const auto& names = classNames(o.data.kindOr(net.dataset));
    std::printf("%s on %s: accuracy %.2f%% (%zu images)\n\n", model.string().c_str(),
                test.name.c_str(), 100.0 * e.accuracy, e.count);
    std::printf("per class:\n");
    for (size_t c = 0; c < e.perClass.size(); ++c)
        std::printf("  %-12s %6.2f%%\n", names[c].c_str(), 100.0 * e.perClass[c]);
    std::printf("\nconfusion (rows: true, columns: predicted):\n      ");
    for (size_t c = 0; c < e.confusion.size(); ++c) std::printf("%6zu", c);
    std::printf("\n");
    for (size_t t = 0; t < e.confusion.size(); ++t) {
        std::printf("  %2zu  ", t);
        for (int n : e.confusion[t]) std::printf("%6d", n);
        std::printf("\n");
    }
    return kExitOk;
}

} // namespace nnviz::cli
