// `nnviz train`: flags → TrainConfig, a progress bar on a terminal (plain per-epoch lines
// otherwise), Ctrl-C cancels between batches, the model is saved atomically at the end.
#include "app/cli/train_command.hpp"

#include "core/errors.hpp"
#include "core/evaluate.hpp"
#include "core/model_file.hpp"
#include "core/text.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <unistd.h>

namespace nnviz::cli {
namespace {

// CLI11's Range lets "nan" through (every comparison with NaN is false): checked first.
const CLI::Validator kFinite(
    [](std::string& s) -> std::string {
        const double v = std::strtod(s.c_str(), nullptr);
        return std::isfinite(v) ? std::string() : "Value " + s + " is not a finite number";
    },
    "FINITE");

std::atomic<bool> g_cancel{false};
extern "C" void onInterrupt(int) { g_cancel.store(true); }

std::string formatDuration(double seconds)
{
    const long s = std::lround(std::max(0.0, seconds));
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

// One line redrawn in place: [epoch 3/30] ██████░░░░ 1200/1875  loss 0.1234  52,000 samples/s  ETA 0:12
class ProgressBar {
public:
    explicit ProgressBar(int epochs) : m_epochs(epochs) {}

    void update(const BatchReport& r)
    {
        const auto now = std::chrono::steady_clock::now();
        if (r.batch != r.batchesPerEpoch && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
        m_lastDraw = now;
        const double fraction = double(r.batch) / r.batchesPerEpoch;
        const int width = 24, filled = int(fraction * width);
        std::string bar;
        for (int i = 0; i < width; ++i) bar += i < filled ? "\u2588" : "\u2591";
        const double epochTime = fraction > 0 ? r.elapsedSeconds / fraction : 0;
        const double remaining =
            epochTime * (1 - fraction) + epochTime * (m_epochs - r.epoch);
        std::printf("\r[epoch %d/%d] %s %d/%d  loss %.4f  %.0f samples/s  ETA %s \x1b[K", r.epoch,
                    m_epochs, bar.c_str(), r.batch, r.batchesPerEpoch, double(r.loss),
                    r.samplesPerSecond, formatDuration(remaining).c_str());
        std::fflush(stdout);
    }
    void endLine() { std::printf("\r\x1b[K"); }

private:
    int m_epochs;
    std::chrono::steady_clock::time_point m_lastDraw{};
};

// --flag X for a float within [lo, hi] (finite), shown with its default.
void addBounded(CLI::App& cmd, const std::string& flag, float& target, const std::string& help,
                float lo, float hi)
{
    cmd.add_option(flag, target, help)->check(kFinite)->check(CLI::Range(lo, hi))
        ->capture_default_str();
}

} // namespace

CLI::App* addTrainCommand(CLI::App& parent, TrainOptions& o)
{
    CLI::App* cmd = parent.add_subcommand(
        "train", "Train a network on MNIST (or Fashion-MNIST) and save it as a model file");
    TrainConfig& c = o.config;
    // One hidden layer per comma-separated element, each checked on its own; at most
    // kMaxLayers − 2 of them (the input and output layers make up the rest).
    cmd->add_option("--hidden", o.hidden, "hidden layer sizes, comma-separated")
        ->delimiter(',')
        ->check(hiddenLayerSize())
        ->expected(1, kMaxLayers - 2)
        ->type_name("N,N,...")
        ->default_str(joined(kVideoHiddenSizes, ","));
    addChoice<Activation>(*cmd, "--activation", o.hiddenActivation,
                          "hidden activation: sigmoid or relu",
                          {{"sigmoid", Activation::Sigmoid}, {"relu", Activation::Relu}});
    addChoice<Activation>(*cmd, "--output", o.outputActivation,
                          "output activation: sigmoid or softmax",
                          {{"sigmoid", Activation::Sigmoid}, {"softmax", Activation::Softmax}});
    addChoice<Cost>(*cmd, "--cost", c.cost, "cost: mse (quadratic) or xent (cross-entropy)",
                    {{"mse", Cost::Mse}, {"xent", Cost::CrossEntropy}});
    addChoice<Optimizer>(
        *cmd, "--optimizer", c.optimizer, "sgd, momentum or adam",
        {{"sgd", Optimizer::Sgd}, {"momentum", Optimizer::Momentum}, {"adam", Optimizer::Adam}});
    addChoice<Schedule>(*cmd, "--schedule", c.schedule,
                        "learning-rate schedule: constant or cosine",
                        {{"constant", Schedule::Constant}, {"cosine", Schedule::Cosine}});
    addBounded(*cmd, "--lr", c.learningRate, "learning rate (> 0)", 1e-9f, 1e3f);
    addBounded(*cmd, "--momentum", c.momentum, "momentum coefficient for --optimizer momentum",
               0.0f, 0.9999f);
    addBounded(*cmd, "--l2", c.l2, "L2 weight decay λ (0 = off)", 0.0f, 10.0f);
    cmd->add_option("--batch", c.batchSize, "mini-batch size")
        ->check(CLI::Range(1, 60000))
        ->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "passes over the training set")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    cmd->add_option("--seed", c.seed, "random seed (initial weights, shuffling, augmentation)")
        ->capture_default_str();
    cmd->add_option("--threads", c.threads, "worker threads (results are deterministic per count)")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    cmd->add_flag("--augment", c.augment, "random small shifts, rotations and scalings");
    cmd->add_option("--validation", c.validation,
                    "hold out the last N training images (never trained on) and print the "
                    "accuracy on them after each epoch")
        ->check(CLI::Range(0, 100'000'000))
        ->capture_default_str();
    addDataOptions(*cmd, o.data);
    cmd->add_option("--out", o.out, "model file to write")->required();
    cmd->add_flag("--quiet", o.quiet, "print only the final result");
    return cmd;
}

int runTrain(const TrainOptions& o)
{
    const auto dataDir = o.data.resolvedDir();
    Dataset trainSet = loadDataset(o.data.kind, Split::Train, dataDir);
    Dataset testSet = loadDataset(o.data.kind, Split::Test, dataDir);
    std::vector<int> sizes{trainSet.pixelCount()};
    sizes.insert(sizes.end(), o.hidden.begin(), o.hidden.end());
    sizes.push_back(kClassCount);
    const std::string hidden = joined(o.hidden, ","); // "16,16", for the first line

    Network net = makeNetwork(sizes, o.hiddenActivation, o.outputActivation, o.config.seed);
    net.dataset = o.data.kind; // saved with it: eval, predict and the window follow it
    holdOut(trainSet.size(), o.config.validation); // refuses N ≥ the set before anything prints
    const std::string heldOut =
        o.config.validation > 0
            ? ", the last " + std::to_string(o.config.validation) + " held out for validation"
            : "";
    if (!o.quiet) {
        std::printf("training %s on %s: %zu images, %lld parameters, %s/%s, %s, %s, lr %g, "
                    "batch %d, %d epochs, %d thread%s%s%s\n",
                    hidden.c_str(), trainSet.name.c_str(), trainSet.size(),
                    static_cast<long long>(net.parameterCount()),
                    std::string(toString(o.hiddenActivation)).c_str(),
                    std::string(toString(o.outputActivation)).c_str(),
                    std::string(toString(o.config.cost)).c_str(),
                    std::string(toString(o.config.optimizer)).c_str(),
                    double(o.config.learningRate), o.config.batchSize, o.config.epochs,
                    o.config.threads, o.config.threads == 1 ? "" : "s",
                    o.config.augment ? ", augmented" : "", heldOut.c_str());
    }

    const bool tty = isatty(STDOUT_FILENO) && !o.quiet;
    ProgressBar bar(o.config.epochs);
    TrainCallbacks callbacks;
    if (tty) callbacks.onBatch = [&](const BatchReport& r) { bar.update(r); };
    callbacks.onEpoch = [&](const EpochReport& r, const Network&) {
        if (o.quiet) return;
        if (tty) bar.endLine();
        char validation[32] = "";
        if (r.validationAccuracy >= 0)
            std::snprintf(validation, sizeof validation, "  validation %.2f%%",
                          100.0 * r.validationAccuracy);
        std::printf("epoch %d/%d  loss %.4f  train %.2f%%%s  test %.2f%%  %.2f s  %.0f samples/s\n",
                    r.epoch, r.epochs, double(r.trainLoss), 100.0 * r.trainAccuracy, validation,
                    100.0 * r.testAccuracy, r.seconds, r.samplesPerSecond);
        std::fflush(stdout);
    };
    g_cancel = false;
    callbacks.cancel = &g_cancel;
    auto previous = std::signal(SIGINT, onInterrupt);
    const TrainResult result = train(net, trainSet, &testSet, o.config, callbacks);
    std::signal(SIGINT, previous);

    if (result.cancelled) {
        if (tty) bar.endLine();
        std::fprintf(stderr, "nnviz train: interrupted after %d epoch(s); %s not written\n",
                     result.epochsDone, o.out.string().c_str());
        return kExitFailure;
    }
    if (result.diverged) {
        std::fprintf(stderr,
                     "nnviz train: the loss became infinite or NaN (learning rate %g too high?); "
                     "%s not written\n",
                     double(o.config.learningRate), o.out.string().c_str());
        return kExitFailure;
    }
    saveModel(net, o.out);
    const Evaluation eval = evaluate(net, testSet);
    std::printf("test accuracy %.2f%% (%zu images); saved %s\n", 100.0 * eval.accuracy, eval.count,
                o.out.string().c_str());
    return kExitOk;
}

} // namespace nnviz::cli
