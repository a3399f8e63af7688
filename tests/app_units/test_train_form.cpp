// The Train panel's fields: every bad value is refused with a reason a person can act on, good
// ones become a TrainRequest (app/gui/train_form.hpp).
#include "app/gui/model/train_form.hpp"
#include "core/image.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace nnviz;
using namespace nnviz::gui;

namespace {

// The form with one field's text replaced.
FormCheck checkWith(TrainField f, const char* text)
{
    TrainForm form;
    std::snprintf(form.text(f), sizeof form.seed, "%s", text);
    return checkForm(form);
}

// The reason field f gets for text (and that nothing can start).
std::string reason(TrainField f, const char* text)
{
    const FormCheck c = checkWith(f, text);
    CHECK_FALSE(c.request.has_value());
    CHECK(c.firstError() == std::string(fieldName(f)) + ": " + c.error(f));
    return c.error(f);
}

bool contains(const std::string& s, const char* part)
{
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("train form: the defaults are a valid one-thread Adam run")
{
    const FormCheck c = checkForm(TrainForm{});
    REQUIRE(c.request.has_value());
    CHECK(c.firstError().empty());
    const TrainConfig& cfg = c.request->config;
    CHECK((cfg.optimizer == Optimizer::Adam));
    CHECK(cfg.learningRate == doctest::Approx(0.003));
    CHECK(cfg.batchSize == 32);
    CHECK(cfg.epochs == 3);
    CHECK(cfg.l2 == 0.0f);
    CHECK(cfg.seed == 1);
    CHECK(cfg.threads == 1);
    CHECK(c.request->maxBatchesPerSecond == 0);
    CHECK_FALSE(c.request->fromCurrent);
}

TEST_CASE("train form: learning rate must be a positive finite number up to 10")
{
    CHECK(contains(reason(TrainField::LearningRate, "abc"), "'abc' is not a number"));
    CHECK(contains(reason(TrainField::LearningRate, "0.01x"), "is not a number"));
    CHECK(contains(reason(TrainField::LearningRate, ""), "enter a number"));
    // The core's rule (TrainConfig::validate), without its "training configuration:" prefix.
    CHECK(reason(TrainField::LearningRate, "0") == "must be a positive number");
    CHECK(reason(TrainField::LearningRate, "-1") == "must be a positive number");
    CHECK(contains(reason(TrainField::LearningRate, "nan"), "finite"));
    CHECK(contains(reason(TrainField::LearningRate, "inf"), "finite"));
    CHECK(contains(reason(TrainField::LearningRate, "1e9"), "at most 10"));
    const FormCheck ok = checkWith(TrainField::LearningRate, " 1e-2 ");
    REQUIRE(ok.request.has_value());
    CHECK(ok.request->config.learningRate == doctest::Approx(0.01));
}

TEST_CASE("train form: batch size, epochs, L2 and seed")
{
    const struct {
        TrainField field;
        const char* text;
        const char* why;
    } refused[] = {
        {TrainField::BatchSize, "0", "1..1,000,000"},
        {TrainField::BatchSize, "2.5", "whole number"},
        {TrainField::BatchSize, "-3", "whole number"},
        {TrainField::BatchSize, "70000", "at most 60000"},
        {TrainField::BatchSize, "99999999999999999999999", "too large"},
        {TrainField::Epochs, "0", "1..100,000"},
        {TrainField::Epochs, "1001", "at most 1000"},
        {TrainField::Epochs, "ten", "not a number"},
        {TrainField::L2, "-0.1", "≥ 0"},
        {TrainField::L2, "2", "at most 1"},
        {TrainField::Seed, "-1", "whole number"},
        {TrainField::Seed, "18446744073709551616", "too large"},
    };
    for (const auto& r : refused) {
        CAPTURE(r.text);
        CHECK(contains(reason(r.field, r.text), r.why));
    }

    const FormCheck big = checkWith(TrainField::Seed, "18446744073709551615");
    REQUIRE(big.request.has_value());
    CHECK(big.request->config.seed == 18446744073709551615ull); // all 64 bits, exactly
    const FormCheck batch = checkWith(TrainField::BatchSize, "60000");
    REQUIRE(batch.request.has_value());
    CHECK(batch.request->config.batchSize == 60000);
}

TEST_CASE("train form: every bad field is reported, the first one in the tooltip")
{
    TrainForm form;
    std::snprintf(form.learningRate, sizeof form.learningRate, "x");
    std::snprintf(form.epochs, sizeof form.epochs, "0");
    const FormCheck c = checkForm(form);
    CHECK_FALSE(c.request.has_value());
    CHECK_FALSE(c.error(TrainField::LearningRate).empty());
    CHECK_FALSE(c.error(TrainField::Epochs).empty());
    CHECK(c.error(TrainField::BatchSize).empty());
    CHECK(c.firstError().rfind("learning rate: ", 0) == 0);
}

TEST_CASE("train form: choices reach the request")
{
    TrainForm form;
    form.hidden = Activation::Relu;
    form.optimizer = Optimizer::Momentum;
    form.augment = true;
    form.fromCurrent = true;
    form.slowMotion = true;
    form.batchesPerSecond = 15;
    std::vector<int> shown{kDigitPixels};
    shown.insert(shown.end(), kVideoHiddenSizes.begin(), kVideoHiddenSizes.end());
    shown.push_back(kClassCount);
    const FormCheck c = checkForm(form, shown);
    REQUIRE(c.request.has_value());
    CHECK((c.request->hidden == Activation::Relu));
    CHECK((c.request->config.optimizer == Optimizer::Momentum));
    CHECK(c.request->config.augment);
    CHECK(c.request->fromCurrent);
    CHECK(c.request->maxBatchesPerSecond == 15.0);
    // Each optimizer's suggested rate is itself valid.
    for (Optimizer o : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam})
        CHECK(checkWith(TrainField::LearningRate, defaultLearningRate(o)).request.has_value());
}

TEST_CASE("train form: 1 to 4 hidden layers of 1 to 128 neurons, as typed")
{
    const struct {
        const char* text;
        std::vector<int> sizes;
    } accepted[] = {{"64,32,16", {64, 32, 16}},
                    {"128,128,128,128", {128, 128, 128, 128}},
                    {"8", {8}},
                    {" 1 , 128 ", {1, 128}}};
    for (const auto& a : accepted) {
        CAPTURE(a.text);
        const FormCheck c = checkWith(TrainField::HiddenSizes, a.text);
        REQUIRE(c.request.has_value());
        CHECK(c.request->hiddenSizes == a.sizes);
    }
    const struct {
        const char* text;
        const char* why;
    } refused[] = {{"", "enter the hidden layers' sizes"},
                   {"0", "1 to 128 neurons, got '0'"},
                   {"129", "1 to 128 neurons, got '129'"},
                   {"16,,16", "got ''"},
                   {"16,x", "got 'x'"},
                   {"-4", "got '-4'"},
                   {"1,2,3,4,5", "at most 4 hidden layers, got 5"}};
    for (const auto& r : refused) {
        CAPTURE(r.text);
        CHECK(contains(reason(TrainField::HiddenSizes, r.text), r.why));
    }
}

TEST_CASE("train form: output, cost and validation reach the request")
{
    TrainForm form;
    form.output = Activation::Sigmoid;
    form.cost = Cost::Mse;
    std::snprintf(form.validation, sizeof form.validation, "10000");
    const FormCheck c = checkForm(form);
    REQUIRE(c.request.has_value());
    CHECK((c.request->output == Activation::Sigmoid));
    CHECK((c.request->config.cost == Cost::Mse));
    CHECK(c.request->config.validation == 10000);
    CHECK(checkForm(TrainForm{}).request->config.validation == 0);
    CHECK(contains(reason(TrainField::Validation, "60000"), "fewer than the 60000"));
    CHECK(contains(reason(TrainField::Validation, "-1"), "whole number"));
    CHECK(checkWith(TrainField::Validation, "59999").request.has_value());
}

TEST_CASE("train form: the architecture defaults to the shown network's, and continuing from the "
          "shown weights needs its shape")
{
    const Network shown = makeNetwork({kDigitPixels, 64, 32, 16, kClassCount}, Activation::Relu,
                                      Activation::Sigmoid, 1);
    TrainForm form;
    form.shapeLike(shown);
    CHECK(std::string(form.hiddenSizes) == "64,32,16");
    CHECK((form.output == Activation::Sigmoid));
    CHECK((form.cost == Cost::Mse)); // the video's pairing for a sigmoid output
    form.fromCurrent = true;
    const FormCheck same = checkForm(form, shown.sizes);
    REQUIRE(same.request.has_value());
    CHECK(same.request->fromCurrent);

    std::snprintf(form.hiddenSizes, sizeof form.hiddenSizes, "64,32");
    const FormCheck other = checkForm(form, shown.sizes);
    CHECK_FALSE(other.request.has_value());
    CHECK(contains(other.firstError(), "the shown network is 784-64-32-16-10"));
    CHECK(contains(other.firstError(), "start from random"));
    form.fromCurrent = false; // fresh weights in any shape
    CHECK(checkForm(form, shown.sizes).request.has_value());
}
