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

namespace nnviz::gui {

// The fields that are typed as text (the rest are combos and checkboxes and cannot be wrong).
enum class TrainField { LearningRate, BatchSize, Epochs, L2, Seed, Count };

// The window's limits on top of TrainConfig::validate(): beyond them a run is a mistake here.
inline constexpr float kMaxLearningRate = 10.0f;
inline constexpr int kMaxBatchSize = 60000; // the MNIST training set
inline constexpr int kMaxEpochs = 1000;
inline constexpr float kMaxL2 = 1.0f;
inline constexpr float kMinBatchesPerSecond = 1.0f, kMaxBatchesPerSecond = 500.0f;

struct TrainForm {
    DatasetKind dataset = DatasetKind::Mnist;
    Activation hidden = Activation::Sigmoid;
    Optimizer optimizer = Optimizer::Adam;
    char learningRate[32] = "0.003"; // defaultLearningRate(Adam)
    char batchSize[32] = "32";
    char epochs[32] = "3";
    char l2[32] = "0";
    char seed[32] = "1";
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

    const std::string& error(TrainField f) const { return errors[size_t(f)]; }
    // The first reason, prefixed by its field's name ("learning rate: ..."), for tooltips.
    std::string firstError() const;
};

const char* fieldName(TrainField f); // "learning rate", "batch size"...

// Parses and checks every field.
FormCheck checkForm(const TrainForm& form);

} // namespace nnviz::gui
