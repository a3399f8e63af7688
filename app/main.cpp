// nnviz entry point. No subcommand: open the window. `train`, `eval`, `predict`, `ablate`,
// `dream`, `convert`: headless tools.
// Exit codes: 0 success, 1 failure (the message says why), 2 bad usage (reason + usage).
#include "app/cli/ablate_command.hpp"
#include "app/cli/convert_command.hpp"
#include "app/cli/dream_command.hpp"
#include "app/cli/eval_command.hpp"
#include "app/cli/predict_command.hpp"
#include "app/cli/train_command.hpp"
#include "app/gui/window/window_options.hpp"
#include "core/errors.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

// "1600x1000" → width, height (each 64..16384).
bool parseWindowSize(const std::string& text, int& width, int& height)
{
    int w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
        return false;
    if (w < 64 || h < 64 || w > 16384 || h > 16384) return false;
    width = w;
    height = h;
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace nnviz;
    CLI::App app{"nnviz: draw a digit and watch a small neural network read it, neuron by neuron.\n"
                 "Without a subcommand, opens the window.",
                 "nnviz"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", "nnviz " NNVIZ_VERSION); // CMake's project version

    gui::WindowOptions window;
    app.add_option("--window", "window size WxH (default 1600x1000)")
        ->check(CLI::Validator(
            [&window](std::string& s) {
                return parseWindowSize(s, window.width, window.height)
                           ? std::string()
                           : "expected WxH with each side 64..16384, e.g. 1600x1000";
            },
            "WxH"));
    app.add_option("--model", window.model,
                   "model file to open, .nnvz or .npz (default: the bundled sigmoid model; e.g. "
                   "assets/models/fashion-sigmoid.nnvz for Fashion-MNIST)")
        ->check(CLI::ExistingFile);
    app.add_option("--data", window.dataDir,
                   "data directory with mnist/ and fashion/ (default: ~/.cache/nnviz; "
                   "Fashion-MNIST also from /usr/share/datasets/fashion-mnist)");
    app.add_option("--image", window.image,
                   "PNG or PGM image put on the drawing pad at start, as if dropped on the window")
        ->check(CLI::ExistingFile);
    app.add_option_function<std::string>(
           "--edges",
           [&window](const std::string& mode) {
               window.edges =
                   mode == "contribution" ? gui::EdgeMode::Contribution : gui::EdgeMode::Weight;
           },
           "what the network view's edges show at start: weight (w, the default) or "
           "contribution (w·a for the drawn digit)")
        ->check(CLI::IsMember({"weight", "contribution"}));
    app.add_option("--tab", window.tab,
                   "the bottom tab shown at start: weights, matrix, mistakes, data, backprop, "
                   "explain, train, timeline, surgery or compare (with --bench-frames: frames "
                   "with that tab open)")
        ->check(CLI::IsMember({"weights", "matrix", "mistakes", "data", "backprop", "explain",
                               "train", "timeline", "surgery", "compare"}));
    app.add_option("--screenshot", window.screenshot, "write a PNG of the window after the first frames and exit");
    app.add_option("--bench-frames", window.benchFrames,
                   "render N frames with a digit being drawn, print frame-time percentiles as JSON, exit")
        ->check(CLI::Range(1, 1000000));
    app.add_flag(
        "--timing", window.timing,
        "print how long each start-up stage takes on stderr; with --bench-frames, also the "
        "median time of each stage of a frame");
    app.add_flag("--log-events", window.logEvents, "print one JSON object per line on stdout for each UI event");
    app.add_flag("--present", window.present,
                 "start in presentation mode: full screen, the pad, the network and the answer "
                 "large, the Learn steps as captions (F11 toggles, Esc leaves)");
    app.add_option("--scale", window.scale,
                   "zoom the whole interface by X, 0.75 to 3, for this run only (default: the "
                   "zoom last chosen with Ctrl +/Ctrl -, kept in $XDG_CONFIG_HOME/nnviz/settings, "
                   "else ~/.config/nnviz/settings)")
        ->check(CLI::Validator(
            [](std::string& s) {
                char* end = nullptr;
                const double x = std::strtod(s.c_str(), &end);
                return !s.empty() && *end == '\0' && x >= 0.75 && x <= 3.0
                           ? std::string()
                           : "expected a zoom from 0.75 to 3 (1 = 100 %), e.g. 1.5";
            },
            "X"));

    cli::TrainOptions trainOptions;
    cli::EvalOptions evalOptions;
    cli::PredictOptions predictOptions;
    CLI::App* trainCmd = cli::addTrainCommand(app, trainOptions);
    CLI::App* evalCmd = cli::addEvalCommand(app, evalOptions);
    CLI::App* predictCmd = cli::addPredictCommand(app, predictOptions);
    cli::AblateOptions ablateOptions;
    cli::DreamOptions dreamOptions;
    CLI::App* ablateCmd = cli::addAblateCommand(app, ablateOptions);
    CLI::App* dreamCmd = cli::addDreamCommand(app, dreamOptions);
    cli::ConvertOptions convertOptions;
    CLI::App* convertCmd = cli::addConvertCommand(app, convertOptions);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::Error& e) {
        const CLI::App* failed = &app;
        for (const CLI::App* sub : {trainCmd, evalCmd, predictCmd, ablateCmd, dreamCmd, convertCmd})
            if (sub->parsed()) failed = sub;
        std::fprintf(stderr, "nnviz: %s\n\n%s", e.what(), failed->help().c_str());
        return cli::kExitUsage;
    }

    try {
        if (trainCmd->parsed()) return cli::runTrain(trainOptions);
        if (evalCmd->parsed()) return cli::runEval(evalOptions);
        if (predictCmd->parsed()) return cli::runPredict(predictOptions);
        if (ablateCmd->parsed()) return cli::runAblate(ablateOptions);
        if (dreamCmd->parsed()) return cli::runDream(dreamOptions);
        if (convertCmd->parsed()) return cli::runConvert(convertOptions);
        return gui::runWindow(window);
    } catch (const Error& e) {
        std::fprintf(stderr, "nnviz: %s\n", e.what());
        return cli::kExitFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nnviz: unexpected error: %s\n", e.what());
        return cli::kExitFailure;
    }
}
