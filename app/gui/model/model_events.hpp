// What the model side reports as it changes: small typed events, queued by AppModel in the order
// they happen and taken by whoever listens (the window's shell each frame, the unit tests). No
// JSON and no event log here: the shell's event log turns each into one line (window/event_log.cpp,
// README "Window options").
#pragma once

#include "core/activation.hpp"
#include "core/dataset_kind.hpp"
#include "core/trainer.hpp"
#include "core/training_session.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nnviz::gui::event {

// The answer was computed again (new input, new weights or a new activation).
struct Prediction {
    int digit = -1;
    float confidence = 0;       // outputs[digit]
    std::vector<float> outputs; // (10) the output layer
    bool ink = false;           // the input has any ink (no answer is shown without)
    Activation activation = Activation::Sigmoid; // the hidden layers'
    DatasetKind dataset = DatasetKind::Mnist;    // whose class names `digit` indexes
};

// The hidden activation was toggled (sent before the prediction it causes).
struct ActivationToggled {
    Activation value = Activation::Sigmoid;
};

// The drawing pad was cleared.
struct Cleared {};

// An image file was put on the pad.
struct ImageOpened {
    std::filesystem::path path;
};

// A test set (the shown model's dataset's) finished loading.
struct TestSetLoaded {
    size_t images = 0;
    DatasetKind dataset = DatasetKind::Mnist;
};

// A training run changed state, or finished an epoch.
struct Training {
    SessionState state = SessionState::Loading;
    int epoch = 0;                     // the epoch reported, else the run's current one
    int epochs = 0;                    // asked for
    std::optional<EpochReport> report; // the completed epoch's figures, if any yet
    std::string message;               // why it failed; empty otherwise
};

// The shown network was scored on the test set (see ScoreState).
struct Scored {
    double accuracy = 0;                     // 0..1
    double ms = 0;                           // how long it took
    std::vector<std::vector<int>> confusion; // [true][predicted] counts
    DatasetKind dataset = DatasetKind::Mnist; // whose test set
    size_t images = 0;                        // in that test set
};

// A model file was opened (it replaced the bundled model of its activation).
struct ModelOpened {
    std::string name; // the file's name
    Activation activation = Activation::Sigmoid;
};

// The shown model was saved.
struct ModelSaved {
    std::filesystem::path path; // absolute when it could be made so
};

// Something the person asked for failed; the model stays as it was.
enum class Failure { OpenImage, Dataset, Training, OpenModel, SaveModel };
struct Failed {
    Failure what = Failure::OpenModel;
    std::string message; // a sentence a person can act on
};

} // namespace nnviz::gui::event

namespace nnviz::gui {

using ModelEvent = std::variant<event::Prediction, event::ActivationToggled, event::Cleared,
                                event::ImageOpened, event::TestSetLoaded, event::Training,
                                event::ModelOpened, event::ModelSaved, event::Failed,
                                event::Scored>;

} // namespace nnviz::gui
