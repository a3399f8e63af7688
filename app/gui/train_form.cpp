// TrainForm checking: see train_form.hpp. Each numeric field is parsed strictly (the whole text
// must be the number), then put alone into a default TrainConfig and run through validate(), so
// the core's rule and its wording decide; the window's maxima come after.
#include "app/gui/train_form.hpp"

#include "core/errors.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <utility>

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
    if (s.empty())
        return {0, 0, "enter a number"};
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size())
        return {0, 0, "'" + s + "' is not a number"};
    if (!std::isfinite(v))
        return {0, 0, "must be a finite number"};
    return {v, 0, {}};
}

Parsed parseWhole(const char* text, double max)
{
    const std::string_view s = trimmed(text);
    if (s.empty())
        return {0, 0, "enter a whole number"};
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

// validate()'s reason for a config that differs from the defaults in one field, without its
// "training configuration: " prefix and ", got <value>" tail (the field shows the value).
std::string coreReason(const std::function<void(TrainConfig&)>& set)
{
    TrainConfig c;
    set(c);
    try {
        c.validate();
    } catch (const ConfigError& e) {
        std::string why = e.what();
        if (const size_t colon = why.find(": "); colon != std::string::npos)
            why.erase(0, colon + 2);
        if (const size_t got = why.find(", got "); got != std::string::npos)
            why.erase(got);
        return why;
    }
    return {};
}

} // namespace

char* TrainForm::text(TrainField f)
{
    return const_cast<char*>(std::as_const(*this).text(f));
}

const char* TrainForm::text(TrainField f) const
{
    switch (f) {
    case TrainField::LearningRate: return learningRate;
    case TrainField::BatchSize: return batchSize;
    case TrainField::Epochs: return epochs;
    case TrainField::L2: return l2;
    case TrainField::Seed:
    case TrainField::Count: break;
    }
    return seed;
}

const char* defaultLearningRate(Optimizer o)
{
    switch (o) {
    case Optimizer::Sgd: return "0.1";
    case Optimizer::Momentum: return "0.01";
    case Optimizer::Adam: break;
    }
    return "0.001";
}

const char* fieldName(TrainField f)
{
    switch (f) {
    case TrainField::LearningRate: return "learning rate";
    case TrainField::BatchSize: return "batch size";
    case TrainField::Epochs: return "epochs";
    case TrainField::L2: return "L2";
    case TrainField::Seed:
    case TrainField::Count: break;
    }
    return "seed";
}

std::string FormCheck::firstError() const
{
    for (size_t i = 0; i < errors.size(); ++i)
        if (!errors[i].empty())
            return std::string(fieldName(TrainField(i))) + ": " + errors[i];
    return overall;
}

FormCheck checkForm(const TrainForm& form)
{
    FormCheck check;
    TrainRequest req;
    TrainConfig& cfg = req.config;
    cfg.optimizer = form.optimizer;
    cfg.augment = form.augment;
    cfg.threads = 1; // the other core draws the window
    auto fail = [&](TrainField f, std::string why) { check.errors[size_t(f)] = std::move(why); };

    if (Parsed p = parseReal(form.learningRate); !p.error.empty()) {
        fail(TrainField::LearningRate, p.error);
    } else if (std::string why = coreReason([&](TrainConfig& c) { c.learningRate = float(p.value); });
               !why.empty()) {
        fail(TrainField::LearningRate, why);
    } else if (p.value > kMaxLearningRate) {
        fail(TrainField::LearningRate, "at most 10 (larger steps only diverge)");
    } else {
        cfg.learningRate = float(p.value);
    }

    if (Parsed p = parseWhole(form.batchSize, 1e12); !p.error.empty()) {
        fail(TrainField::BatchSize, p.error);
    } else if (p.value > kMaxBatchSize) {
        fail(TrainField::BatchSize, "at most 60000 (the whole training set)");
    } else if (std::string why = coreReason([&](TrainConfig& c) { c.batchSize = int(p.value); });
               !why.empty()) {
        fail(TrainField::BatchSize, why);
    } else {
        cfg.batchSize = int(p.value);
    }

    if (Parsed p = parseWhole(form.epochs, 1e12); !p.error.empty()) {
        fail(TrainField::Epochs, p.error);
    } else if (p.value > kMaxEpochs) {
        fail(TrainField::Epochs, "at most 1000");
    } else if (std::string why = coreReason([&](TrainConfig& c) { c.epochs = int(p.value); });
               !why.empty()) {
        fail(TrainField::Epochs, why);
    } else {
        cfg.epochs = int(p.value);
    }

    if (Parsed p = parseReal(form.l2); !p.error.empty()) {
        fail(TrainField::L2, p.error);
    } else if (std::string why = coreReason([&](TrainConfig& c) { c.l2 = float(p.value); });
               !why.empty()) {
        fail(TrainField::L2, why);
    } else if (p.value > kMaxL2) {
        fail(TrainField::L2, "at most 1 (more decay leaves nothing to learn)");
    } else {
        cfg.l2 = float(p.value);
    }

    if (Parsed p = parseWhole(form.seed, 1e20); !p.error.empty())
        fail(TrainField::Seed, p.error);
    else
        cfg.seed = uint64_t(p.whole);

    for (const std::string& e : check.errors)
        if (!e.empty())
            return check;
    try {
        cfg.validate(); // rules that span fields, if the core ever adds one
    } catch (const ConfigError& e) {
        check.overall = e.what();
        return check;
    }
    req.hidden = form.hidden;
    req.fromCurrent = form.fromCurrent;
    req.maxBatchesPerSecond = form.slowMotion ? double(form.batchesPerSecond) : 0.0;
    check.request = req;
    return check;
}

} // namespace nnviz::gui
