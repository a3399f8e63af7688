// `nnviz dream`: gradient ascent on the input until neuron L:J is as active as it can be
// (core/dream.hpp), then the 28×28 picture scaled up, nearest neighbour, into a PNG, and the
// activation reached printed.
#include "app/cli/dream_command.hpp"

#include "core/errors.hpp"
#include "core/image.hpp"
#include "core/model_file.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace nnviz::cli {

CLI::Validator neuronSpec(int& layer, int& neuron)
{
    return CLI::Validator(
        [&layer, &neuron](std::string& text) -> std::string {
            const auto colon = text.find(':');
            const std::string bad = "'" + text +
                                    "' is not LAYER:NEURON (e.g. 2:5; layer 1 = first hidden, "
                                    "the last = outputs; neurons from 0)";
            if (colon == std::string::npos) return bad;
            const char* begin = text.data();
            const char* end = begin + text.size();
            int l = 0, j = 0;
            const auto [lEnd, lErr] = std::from_chars(begin, begin + colon, l);
            const auto [jEnd, jErr] = std::from_chars(begin + colon + 1, end, j);
            if (colon == 0 || lErr != std::errc() || lEnd != begin + colon || jErr != std::errc() ||
                jEnd != end || colon + 1 == text.size())
                return bad;
            if (l < 1) return "--neuron " + text + ": layers count from 1 (the first hidden layer)";
            if (j < 0) return "--neuron " + text + ": neurons count from 0";
            layer = l;
            neuron = j;
            return {};
        },
        "L:J");
}

CLI::App* addDreamCommand(CLI::App& parent, DreamOptions& o)
{
    CLI::App* cmd = parent.add_subcommand(
        "dream", "Draw the image that excites one neuron most (activation maximisation) as a PNG");
    addModelOption(*cmd, o.model, false);
    cmd->add_option("--neuron", "neuron J of layer L (1 = first hidden, the last = outputs)")
        ->required()
        ->check(neuronSpec(o.layer, o.neuron));
    cmd->add_option("--out", o.out, "PNG file to write")->required();
    cmd->add_option("--scale", o.scale, "each input pixel as N × N pixels in the PNG")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd->add_option("--steps", o.config.steps, "gradient steps")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    cmd->add_option("--smoothness", o.config.smoothness,
                    "weight of the penalty on differences between neighbouring pixels")
        ->check(CLI::Range(0.0f, 100.0f))
        ->capture_default_str();
    cmd->add_option("--norm", o.config.norm, "weight of the penalty on bright pixels")
        ->check(CLI::Range(0.0f, 100.0f))
        ->capture_default_str();
    cmd->add_flag("--noise", o.config.fromNoise,
                  "start from random pixels instead of a blank image");
    cmd->add_option("--seed", o.config.seed, "the starting noise, with --noise")
        ->capture_default_str();
    cmd->add_flag("--json", o.json,
                  "print one JSON object {\"layer\",\"neuron\",\"activation\",\"weighted_sum\","
                  "\"blank_activation\",\"steps\",\"ms\",\"out\"}");
    return cmd;
}

int runDream(const DreamOptions& o)
{
    const std::filesystem::path model = modelOrBundled(o.model, DatasetKind::Mnist);
    const Network net = loadModel(model);
    const int side = int(std::lround(std::sqrt(double(net.inputSize()))));
    if (side * side != net.inputSize())
        throw ConfigError("model " + model.string() + " takes " +
                          std::to_string(net.inputSize()) +
                          " inputs, not a square image: dream draws square images");
    if (o.layer > net.layerCount() || o.neuron >= net.sizes[size_t(o.layer)]) {
        const std::string shape =
            o.layer > net.layerCount()
                ? "has layers 1.." + std::to_string(net.layerCount()) + " (1 = first hidden, " +
                      std::to_string(net.layerCount()) + " = outputs)"
                : "has neurons 0.." + std::to_string(net.sizes[size_t(o.layer)] - 1) +
                      " in layer " + std::to_string(o.layer);
        throw ConfigError("--neuron " + std::to_string(o.layer) + ":" + std::to_string(o.neuron) +
                          ": model " + model.string() + " " + shape);
    }

    const auto start = std::chrono::steady_clock::now();
    const DreamResult r = dream(net, o.layer, o.neuron, o.config);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    GrayImage image; // nearest neighbour: pixel (x, y) of the PNG is input pixel (x/s, y/s)
    image.width = image.height = side * o.scale;
    image.pixels.resize(size_t(image.width) * size_t(image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            image.at(x, y) = r.image[(y / o.scale) * side + x / o.scale];
    savePng(image, o.out);

    const bool output = o.layer == net.layerCount();
    if (o.json) {
        nlohmann::json j{{"layer", o.layer},
                         {"neuron", o.neuron},
                         {"activation", r.activation},
                         {"weighted_sum", r.weightedSum},
                         {"blank_activation", r.blankActivation},
                         {"steps", r.steps},
                         {"ms", ms},
                         {"out", o.out.string()}};
        std::printf("%s\n", j.dump().c_str());
        return kExitOk;
    }
    std::printf("neuron %d:%d (%s, %s): activation %.4f (blank image: %.4f), weighted sum %.3f\n",
                o.layer, o.neuron, output ? "output" : "hidden",
                std::string(toString(net.activationOf(o.layer - 1))).c_str(), double(r.activation),
                double(r.blankActivation), double(r.weightedSum));
    std::printf("%d steps in %.1f ms; wrote %s (%d×%d)\n", r.steps, ms, o.out.string().c_str(),
                image.width, image.height);
    return kExitOk;
}

} // namespace nnviz::cli
