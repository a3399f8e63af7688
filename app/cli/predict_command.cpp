// `nnviz predict`: each image → preprocessFor its dataset (MNIST: bounding box, 20×20, centre of
// mass; Fashion-MNIST: the box filling 28×28, centred) → forward → the class, its output and all
// ten outputs; one line (or one JSON object) per image.
#include "app/cli/predict_command.hpp"

#include "core/errors.hpp"
#include "core/image.hpp"
#include "core/model_file.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace nnviz::cli {

CLI::App* addPredictCommand(CLI::App& parent, PredictOptions& o)
{
    CLI::App* cmd = parent.add_subcommand(
        "predict",
        "Read digits or clothes from PNG/PGM images (any size; dark ink on light or light "
        "on dark)");
    addModelOption(*cmd, o.model, true);
    cmd->add_option("images", o.images, "image files")->required()->check(CLI::ExistingFile);
    cmd->add_flag("--json", o.json,
                  "one JSON object per image: "
                  "{\"file\",\"digit\",\"class\",\"confidence\",\"outputs\"}");
    cmd->add_flag(
        "--raw", o.raw,
        "feed the downsampled image without MNIST-style (or Fashion-MNIST-style) framing");
    addDatasetOption(*cmd, o.data, true);
    return cmd;
}

int runPredict(const PredictOptions& o)
{
    const std::filesystem::path model = modelOrBundled(o.model, o.data.kindOr(DatasetKind::Mnist));
    const Network net = loadModel(model);
    if (net.inputSize() != kDigitPixels)
        throw ConfigError("model " + model.string() + " takes " +
                          std::to_string(net.inputSize()) + " inputs; predict needs " +
                          std::to_string(kDigitPixels) + " (" + std::to_string(kDigitSide) + "×" +
                          std::to_string(kDigitSide) + ")");
    const DatasetKind kind = o.data.kindOr(net.dataset);
    const auto& names = classNames(kind);
    int failures = 0;
    ForwardTrace trace;
    for (const auto& file : o.images) {
        GrayImage image;
        try {
            image = loadImage(file);
        } catch (const Error& e) {
            std::fprintf(stderr, "nnviz predict: %s\n", e.what());
            ++failures;
            continue;
        }
        const Eigen::VectorXf input = o.raw ? downsample(image) : preprocessFor(kind, image);
        forward(net, input, trace);
        const Eigen::VectorXf& out = trace.output();
        const int digit = argmax(out);
        if (o.json) {
            nlohmann::json j;
            j["file"] = file.string();
            j["digit"] = digit; // the class's index, a digit for MNIST
            j["class"] = names[size_t(digit)];
            j["confidence"] = out[digit];
            j["outputs"] = std::vector<float>(out.data(), out.data() + out.size());
            std::printf("%s\n", j.dump().c_str());
        } else {
            std::printf("%s: %s (%.3f)  [", file.string().c_str(), names[size_t(digit)].c_str(),
                        double(out[digit]));
            for (int i = 0; i < out.size(); ++i)
                std::printf("%s%d: %.3f", i ? "  " : "", i, double(out[i]));
            std::printf("]\n");
        }
    }
    return failures ? kExitFailure : kExitOk;
}

} // namespace nnviz::cli
