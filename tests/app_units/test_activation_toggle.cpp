// Toggling the hidden activation (the A key, the toolbar's switch) and how the shown model is
// named: KeepWeights applies the other function to the same weights ("<base> + relu") and toggling
// back restores the base name; SwapModel swaps to the bundled model trained with the other one.
#include "app/gui/model/app_model.hpp"
#include "tests/app_units/app_model_fixture.hpp"

#include <doctest/doctest.h>

#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;

TEST_CASE("activation toggle: KeepWeights names the weights' origin and the function applied")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    REQUIRE(snap.model.name == "sigmoid.nnvz");
    REQUIRE((snap.model.net->hidden == Activation::Sigmoid));
    const auto bundled = snap.model.net;
    request(model, [](UiRequests& r) { r.swapMode = SwapMode::KeepWeights; });
    model.takeEvents();

    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.name == "sigmoid.nnvz + relu");
    CHECK((snap.model.net->hidden == Activation::Relu));
    CHECK(snap.model.net != bundled);
    CHECK(snap.model.net->layers[0].W == bundled->layers[0].W); // the same weights
    CHECK(snap.model.net->layers[2].b == bundled->layers[2].b);
    CHECK_FALSE(snap.model.untrained);
    // The toggle's event, then the prediction it causes.
    const std::vector<ModelEvent> events = model.takeEvents();
    REQUIRE(events.size() == 2);
    REQUIRE(std::holds_alternative<event::ActivationToggled>(events[0]));
    CHECK((std::get<event::ActivationToggled>(events[0]).value == Activation::Relu));
    REQUIRE(std::holds_alternative<event::Prediction>(events[1]));
    CHECK((std::get<event::Prediction>(events[1]).activation == Activation::Relu));

    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.name == "sigmoid.nnvz");
    CHECK((snap.model.net->hidden == Activation::Sigmoid));
    CHECK(snap.model.net->layers[1].W == bundled->layers[1].W);
}

TEST_CASE("activation toggle: KeepWeights on the ReLU model's weights, twice round")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    model.toggleActivation(); // SwapModel (the default): to the bundled ReLU model
    REQUIRE(snap.model.name == "relu.nnvz");
    request(model, [](UiRequests& r) { r.swapMode = SwapMode::KeepWeights; });
    for (int round = 0; round < 2; ++round) {
        model.toggleActivation();
        CHECK(snap.model.name == "relu.nnvz + sigmoid");
        CHECK((snap.model.net->hidden == Activation::Sigmoid));
        model.toggleActivation();
        CHECK(snap.model.name == "relu.nnvz");
        CHECK((snap.model.net->hidden == Activation::Relu));
    }
}

TEST_CASE("activation toggle: SwapModel swaps to the other bundled model and back")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    REQUIRE((snap.model.swapMode == SwapMode::SwapModel));
    const auto sigmoid = snap.model.net;

    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.name == "relu.nnvz");
    CHECK((snap.model.net->hidden == Activation::Relu));
    CHECK(snap.model.net->layers[0].W != sigmoid->layers[0].W); // trained apart
    const auto relu = snap.model.net;

    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.name == "sigmoid.nnvz");
    CHECK(snap.model.net == sigmoid);
    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.net == relu);
}
