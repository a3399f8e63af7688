// TrainForm checking: see train_form.hpp. Each numeric field is parsed strictly (the whole text
// must be the number), then put alone into a default TrainConfig and run through validate(), so
// the core's rule and its wording decide; the window's maxima come after.
#include "app/gui/model/train_form.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <string_view>

namespace nnviz::gui {
namespace {

std::string_view trimmed(const char* text)
{
    std::string_view s(text);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A number, or the reason the text is not one.
struct Parsed {
    double value = 0;
    unsigned long long whole = 0; // parseWhole: exact (a seed needs all 64 bits)
    std::string error;
};

Parsed parseReal(const char* text)
{
    const std::string s(trimmed(text));
    if (s.empty()) return {0, 0, "enter a number"};
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return {0, 0, "'" + s + "' is not a number"};
    if (!std::isfinite(v)) return {0, 0, "must be a finite number"};
    return {v, 0, {}};
}

Parsed parseWhole(const char* text, double max)
{
    const std::string_view s = trimmed(text);
    if (s.empty()) return {0, 0, "enter a whole number"};
    unsigned long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && double(v) > max))
        return {0, 0, "too large"};
    if (ec != std::errc() || end != s.data() + s.size()) {
        // "-3" and "2.5" parse as numbers but not as counts: say which.
        const Parsed real = parseReal(std::string(s).c_str());
        return {0, 0, real.error.empty() ? "must be a whole number ≥ 0" : real.error};
    }
    return {double(v), v, {}};
}

// validate()'s reason for a config that differs from the defaults in field f, without its
// "training configuration: " prefix, the field's name and the ", got <value>" tail (the field
// shows its name and value).
std::string coreReason(TrainField f, const std::function<void(TrainConfig&)>& set)
{
    TrainConfig c;
    set(c);
    try {
        c.validate();
    } catch (const ConfigError& e) {
        std::string why = e.what();
        if (const size_t colon = why.find(": "); colon != std::string::npos)
            why.erase(0, colon + 2);
        if (const size_t got = why.find(", got "); got != std::string::npos) why.erase(got);
        if (const std::string name = std::string(fieldName(f)) + " "; why.starts_with(name))
            why.erase(0, name.size());
        return why;
    }
    return {};
}

// One numeric field: parsed, then the core's rule for it, then the window's maximum; a valid
// value goes into cfg, else the reason into check.
template <class Set>
void checkNumber(FormCheck& check, TrainField f, const Parsed& p, double max, const char* tooLarge,
                 Set set, TrainConfig& cfg)
{
    std::string why = p.error;
    if (why.empty()) why = coreReason(f, [&](TrainConfig& c) { set(c, p.value); });
    if (why.empty() && p.value > max) why = tooLarge;
    if (why.empty())
        set(cfg, p.value);
    else
        check.errors[size_t(f)] = std::move(why);
}

// "64, 32,16" → {64, 32, 16}: 1 to kMaxTrainHiddenLayers layers of 1 to kMaxTrainHiddenNeurons.
std::vector<int> parseHiddenSizes(const char* text, std::string& why)
{
    std::vector<int> sizes;
    std::string_view rest = trimmed(text);
    if (rest.empty()) {
        why = "enter the hidden layers' sizes, e.g. 16,16";
        return {};
    }
    for (;;) {
        const size_t comma = rest.find(',');
        const std::string item(trimmed(std::string(rest.substr(0, comma)).c_str()));
        const Parsed p = parseWhole(item.c_str(), 1e9);
        if (!p.error.empty() || p.whole < 1 || p.whole > unsigned(kMaxTrainHiddenNeurons)) {
            why = "each layer has 1 to " + std::to_string(kMaxTrainHiddenNeurons) +
                  " neurons, got '" + item + "'";
            return {};
        }
        sizes.push_back(int(p.whole));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (sizes.size() > size_t(kMaxTrainHiddenLayers)) {
        why = "at most " + std::to_string(kMaxTrainHiddenLayers) + " hidden layers, got " +
              std::to_string(sizes.size());
        return {};
    }
    return sizes;
}

// Why a run cannot start from the shown weights with these hidden sizes (empty: it can).
std::string continueMisfit(const std::vector<int>& hidden, const std::vector<int>& shownSizes)
{
    if (shownSizes.size() >= 2 &&
        std::equal(hidden.begin(), hidden.end(), shownSizes.begin() + 1, shownSizes.end() - 1))
        return {};
    const std::string shown =
        shownSizes.empty() ? "no network is shown" : "the shown network is " + joined(shownSizes, "-");
    return "start from current: " + shown + ", the form asks for hidden layers " +
           joined(hidden, ",") + "; keep the shown shape, or start from random";
}

} // namespace

// The text of each TrainField, and its name, in the enum's order.
constexpr char (TrainForm::*kFieldText[])[32] = {
    &TrainForm::learningRate, &TrainForm::batchSize,   &TrainForm::epochs,   &TrainForm::l2,
    &TrainForm::seed,         &TrainForm::hiddenSizes, &TrainForm::validation};
constexpr const char* kFieldName[] = {"learning rate", "batch size",    "epochs",    "L2",
                                      "seed",          "hidden layers", "validation"};
static_assert(std::size(kFieldText) == size_t(TrainField::Count) &&
              std::size(kFieldName) == size_t(TrainField::Count));

char* TrainForm::text(TrainField f)
{
    return this->*kFieldText[size_t(f)];
}

const char* TrainForm::text(TrainField f) const
{
    return this->*kFieldText[size_t(f)];
}

TrainForm::TrainForm()
{
    std::snprintf(hiddenSizes, sizeof hiddenSizes, "%s", joined(kVideoHiddenSizes, ",").c_str());
}

void TrainForm::shapeLike(const Network& net)
{
    const std::vector<int> inner(net.sizes.begin() + 1, net.sizes.end() - 1);
    std::snprintf(hiddenSizes, sizeof hiddenSizes, "%s", joined(inner, ",").c_str());
    const Activation shown =
        net.output == Activation::Sigmoid ? Activation::Sigmoid : Activation::Softmax;
    if (shown == output) return; // the chosen cost stays
    output = shown;
    // A sigmoid output is the video's set-up, trained with the quadratic cost.
    cost = output == Activation::Sigmoid ? Cost::Mse : Cost::CrossEntropy;
}

const char* defaultLearningRate(Optimizer o)
{
    switch (o) {
    case Optimizer::Sgd:
        return "0.5";
    case Optimizer::Momentum:
        return "0.05";
    case Optimizer::Adam:
        break;
    }
    return "0.003";
}

const char* fieldName(TrainField f)
{
    return kFieldName[size_t(f)];
}

std::string FormCheck::firstError() const
{
    for (size_t i = 0; i < errors.size(); ++i)
        if (!errors[i].empty()) return std::string(fieldName(TrainField(i))) + ": " + errors[i];
    return overall;
}

FormCheck checkForm(const TrainForm& form, const std::vector<int>& shownSizes)
{
    FormCheck check;
    TrainRequest req;
    TrainConfig& cfg = req.config;
    cfg.optimizer = form.optimizer;
    cfg.augment = form.augment;
    cfg.threads = 1; // the other core draws the window
    using Set = void (*)(TrainConfig&, double);
    checkNumber(check, TrainField::LearningRate, parseReal(form.learningRate), kMaxLearningRate,
                "at most 10 (larger steps only diverge)",
                Set([](TrainConfig& c, double v) { c.learningRate = float(v); }), cfg);
    checkNumber(check, TrainField::BatchSize, parseWhole(form.batchSize, 1e9), kMaxBatchSize,
                "at most 60000 (the whole training set)",
                Set([](TrainConfig& c, double v) { c.batchSize = int(v); }), cfg);
    checkNumber(check, TrainField::Epochs, parseWhole(form.epochs, 1e9), kMaxEpochs, "at most 1000",
                Set([](TrainConfig& c, double v) { c.epochs = int(v); }), cfg);
    checkNumber(check, TrainField::L2, parseReal(form.l2), kMaxL2,
                "at most 1 (more decay leaves nothing to learn)",
                Set([](TrainConfig& c, double v) { c.l2 = float(v); }), cfg);
    if (Parsed p = parseWhole(form.seed, 1e20); !p.error.empty())
        check.errors[size_t(TrainField::Seed)] = p.error;
    else
        cfg.seed = uint64_t(p.whole);
    checkNumber(check, TrainField::Validation, parseWhole(form.validation, 1e9), kMaxBatchSize - 1,
                "fewer than the 60000 training images (some must be left to train on)",
                Set([](TrainConfig& c, double v) { c.validation = int(v); }), cfg);
    check.hiddenSizes =
        parseHiddenSizes(form.hiddenSizes, check.errors[size_t(TrainField::HiddenSizes)]);
    cfg.cost = form.cost;

    for (const std::string& e : check.errors)
        if (!e.empty()) return check;
    if (form.fromCurrent) {
        check.overall = continueMisfit(check.hiddenSizes, shownSizes);
        if (!check.overall.empty()) return check;
    }
    try {
        cfg.validate(); // rules that span fields, if the core ever adds one
    } catch (const ConfigError& e) {
        check.overall = e.what();
        return check;
    }
    req.hidden = form.hidden;
    req.dataset = form.dataset;
    req.output = form.output;
    req.hiddenSizes = check.hiddenSizes;
    req.fromCurrent = form.fromCurrent;
    req.maxBatchesPerSecond = form.slowMotion ? double(form.batchesPerSecond) : 0.0;
    check.request = req;
    return check;
}

} // namespace nnviz::gui
