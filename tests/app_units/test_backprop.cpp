// The Backprop tab's model side: the gradient follows the drawing and the target (the answer
// until one is chosen, again after Clear; a digit key only while the tab shows; a test image's
// label), a Step lowers the cost and raises the target's output and renames the model, Undo
// restores the very weights before it (bit for bit, several steps deep), and a model change
// forgets the steps.
#include "app/gui/model/app_model.hpp"
#include "tests/app_units/app_model_fixture.hpp"

#include <doctest/doctest.h>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::drawSeven;
using nnviz::gui::test::eventsOf;
using nnviz::gui::test::request;
using nnviz::gui::test::sameBytes;

TEST_CASE("backprop: the target follows the answer until chosen, digit keys only on the tab")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    drawSeven(model);
    REQUIRE(snap.backprop.gradient);
    CHECK(snap.backprop.target == snap.output.answer);
    CHECK_FALSE(snap.backprop.targetChosen);
    const int other = (snap.output.answer + 1) % snap.model.net->outputSize();

    request(model, [&](UiRequests& r) { r.digitKey = other; }); // tab not showing: ignored
    CHECK(snap.backprop.target == snap.output.answer);
    model.takeEvents();
    request(model, [&](UiRequests& r) {
        r.backpropShown = true;
        r.digitKey = other;
    });
    CHECK(snap.backprop.target == other);
    CHECK(snap.backprop.targetChosen);
    CHECK(snap.backprop.gradient->target == other);
    const auto shown = eventsOf<event::Backprop>(model.takeEvents());
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].target == other);
    CHECK(shown[0].chosen);
    CHECK(shown[0].value == doctest::Approx(snap.backprop.gradient->value));
    // A target the network has no output for is refused.
    request(model, [&](UiRequests& r) { r.backpropTarget = snap.model.net->outputSize(); });
    CHECK(snap.backprop.target == other);
    // A cleared pad is a new drawing: the target follows its answer again.
    request(model, [](UiRequests& r) { r.clearCanvas = true; });
    CHECK_FALSE(snap.backprop.targetChosen);
    CHECK(snap.backprop.target == snap.output.answer);
    CHECK(snap.backprop.gradient->target == snap.output.answer);
}

TEST_CASE("backprop: Step lowers the cost and Undo restores the weights bit for bit")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    drawSeven(model);
    const int target = 3; // not what a 7 reads as: the step has something to do
    request(model, [&](UiRequests& r) {
        r.backpropShown = true;
        r.backpropTarget = target;
        r.backpropRate = 0.5f;
    });
    const std::shared_ptr<const Network> original = snap.model.net;
    const Network copy = *original;
    const uint64_t version = snap.model.weightsVersion;
    const float outputBefore = snap.output.trace.output()[target];
    const float costBefore = snap.backprop.gradient->value;
    model.takeEvents();

    request(model, [](UiRequests& r) { r.backpropStep = true; });
    CHECK(snap.model.weightsVersion > version);
    CHECK(snap.model.net != original);
    CHECK(snap.model.name == "sigmoid.nnvz + 1 step (unsaved)");
    CHECK(snap.backprop.undoDepth == 1);
    CHECK(snap.backprop.gradient->value < costBefore);
    CHECK(snap.output.trace.output()[target] > outputBefore);
    const std::vector<ModelEvent> events = model.takeEvents();
    const auto steps = eventsOf<event::Step>(events);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].costBefore == doctest::Approx(costBefore));
    CHECK(steps[0].costAfter < steps[0].costBefore);
    CHECK(steps[0].target == target);
    CHECK(eventsOf<event::Prediction>(events).size() == 1); // the new answer, at once

    // Two more steps, then undo all three: back to the very same network.
    request(model, [](UiRequests& r) { r.backpropStep = true; });
    request(model, [](UiRequests& r) { r.backpropStep = true; });
    CHECK(snap.model.name == "sigmoid.nnvz + 3 steps (unsaved)");
    for (int i = 0; i < 3; ++i)
        request(model, [](UiRequests& r) { r.backpropUndo = true; });
    CHECK(snap.model.net == original);
    CHECK(sameBytes(*snap.model.net, copy));
    CHECK(snap.model.name == "sigmoid.nnvz");
    CHECK(snap.backprop.undoDepth == 0);
    CHECK(snap.output.trace.output()[target] == outputBefore);
    CHECK(snap.backprop.gradient->value == costBefore);
    const auto undos = eventsOf<event::Undo>(model.takeEvents());
    REQUIRE(undos.size() == 3);
    CHECK(undos.back().depth == 0);
    request(model, [](UiRequests& r) { r.backpropUndo = true; }); // nothing left: no change
    CHECK(snap.model.net == original);
}

TEST_CASE("backprop: a stepped network is what A swaps back to, another model forgets the steps")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    drawSeven(model);
    request(model, [](UiRequests& r) { r.backpropStep = true; });
    const auto stepped = snap.model.net;
    model.toggleActivation(); // to the ReLU model and back
    model.toggleActivation();
    CHECK(snap.model.net == stepped);
    CHECK(snap.backprop.undoDepth == 1); // still the net the step made: undoable
    request(model, [](UiRequests& r) { r.swapMode = SwapMode::KeepWeights; });
    model.toggleActivation(); // another network: the step can no longer be undone
    CHECK(snap.backprop.undoDepth == 0);
    const auto shown = snap.model.net;
    request(model, [](UiRequests& r) { r.backpropUndo = true; });
    CHECK(snap.model.net == shown);
}
