// The Train panel's hyperparameter fields as the user typed them, and their checking. Every field
// is parsed and checked on each keystroke with a reason a person can act on; the core's rules come
// from TrainConfig::validate(), the window only adds its own maxima. No ImGui here, so the rules
// are unit-tested (tests/app_units/test_train_form.cpp).
#pragma once

#include "app/gui/model/snapshot.hpp"
#include "core/trainer.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace nnviz::gui {

// The fields that are typed as text (the rest are combos and checkboxes and cannot be wrong).
enum class TrainField { LearningRate, BatchSize, Epochs, L2, Seed, HiddenSizes, Validation, Count };

// The window's limits on top of TrainConfig::validate(): beyond them a run is a mistake here.
inline constexpr float kMaxLearningRate = 10.0f;
inline constexpr int kMaxBatchSize = 60000; // the MNIST training set
inline constexpr int kMaxEpochs = 1000;
inline constexpr float kMaxL2 = 1.0f;
inline constexpr float kMinBatchesPerSecond = 1.0f, kMaxBatchesPerSecond = 500.0f;
inline constexpr int kMaxTrainHiddenLayers = 4;  // the architectures the window lays out
inline constexpr int kMaxTrainHiddenNeurons = 128; // per hidden layer

struct TrainForm {
    TrainForm(); // hiddenSizes: the video's, e.g. "16,16"
    // Sets the architecture fields to the shown network's: its hidden sizes and output (and the
    // cost that goes with the output).
    void shapeLike(const Network& net);

    DatasetKind dataset = DatasetKind::Mnist;
    Activation hidden = Activation::Sigmoid;
    Activation output = Activation::Softmax; // the last layer: sigmoid or softmax
    Cost cost = Cost::CrossEntropy;
    Optimizer optimizer = Optimizer::Adam;
    char learningRate[32] = "0.003"; // defaultLearningRate(Adam)
    char batchSize[32] = "32";
    char epochs[32] = "3";
    char l2[32] = "0";
    char seed[32] = "1";
    char hiddenSizes[32] = "";  // hidden layer sizes, comma-separated, input to output
    char validation[32] = "0";  // the last N training images held out
    bool augment = false;
    bool fromCurrent = false; // start from the shown weights instead of fresh random ones
    bool slowMotion = false;
    float batchesPerSecond = 20.0f; // with slowMotion

    char* text(TrainField f);
    const char* text(TrainField f) const;
};

// A good learning rate for each optimizer here (one epoch, batch 32: 91-92 % test accuracy).
const char* defaultLearningRate(Optimizer o);

struct FormCheck {
    std::array<std::string, size_t(TrainField::Count)> errors; // per field; empty = fine
    std::string overall;                                       // a reason no single field explains
    std::optional<TrainRequest> request;                       // set when everything is valid
    std::vector<int> hiddenSizes; // parsed from the field (empty when it is refused)

    const std::string& error(TrainField f) const { return errors[size_t(f)]; }
    // The first reason, prefixed by its field's name ("learning rate: ..."), for tooltips.
    std::string firstError() const;
};

const char* fieldName(TrainField f); // "learning rate", "batch size"...

// Parses and checks every field. shownSizes: the shown network's layer sizes, input first; a
// run can start from its weights only when the form's hidden sizes are its own.
FormCheck checkForm(const TrainForm& form, const std::vector<int>& shownSizes = {});

} // namespace nnviz::gui
