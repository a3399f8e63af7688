// The Surgery tab's model side: an edit changes the drawing's answer in the same apply(), the
// re-score after an edit equals a fresh evaluate() of the equivalently edited model, undo / redo
// restore the weights byte for byte (and the accuracy exactly), Save writes the folded network,
// ablation agrees with killing a neuron by hand, and another model ends the session, saying so.
#include "app/gui/model/app_model.hpp"
#include "core/evaluate.hpp"
#include "core/model_file.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/app_units/synthetic_mnist.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>


using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::drawSeven;
using nnviz::gui::test::eventsOf;
using nnviz::gui::test::request;
using nnviz::gui::test::sameBytes;

namespace {

// The bundled sigmoid model over a synthetic MNIST test set, loaded, with a drawing.
struct Fixture {
    TempDir dir{"app-surgery"};
    std::unique_ptr<AppModel> model;
    Fixture()
    {
        test::writeSyntheticData(dir.path, 50, 300, 7);
        model = std::make_unique<AppModel>(test::bundledConfig(dir.path));
        REQUIRE(test::tickUntil(*model, [&] { return model->snapshot().score.test != nullptr; }));
        drawSeven(*model);
        model->takeEvents();
    }
    const Snapshot& snap() const { return model->snapshot(); }
};

} // namespace

TEST_CASE("surgery: a kill shows at 0 and re-scores as evaluate() of the folded network")
{
    Fixture f;
    const auto original = f.snap().model.net;
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{1, 3, NeuronOp::Kill}; });
    const Snapshot& s = f.snap();
    REQUIRE(s.surgery.active);
    CHECK(s.output.trace.a[1][3] == 0.0f); // in the same apply()
    REQUIRE(s.surgery.edited);
    Interventions iv;
    iv.set({1, 3, NeuronOp::Kill, 0});
    const Evaluation fresh = evaluate(foldInterventions(*original, iv), *s.data.testSet);
    CHECK(s.surgery.edited->accuracy == fresh.accuracy);
    CHECK(s.surgery.edited->confusion == fresh.confusion);
    CHECK(s.score.test == s.surgery.edited); // the Mistakes tab shows the edited network
    const auto rescored = eventsOf<event::Rescored>(f.model->takeEvents());
    REQUIRE(rescored.size() == 1);
    CHECK(rescored[0].accuracy == fresh.accuracy);
    CHECK(rescored[0].base == evaluate(*original, *s.data.testSet).accuracy);
    CHECK(rescored[0].edit == "kill 1:3");
    CHECK(rescored[0].classChange.size() == size_t(original->outputSize()));

    // A clamp shows its value; a weight edit re-scores as evaluate() of the edited weights.
    request(*f.model, [](UiRequests& r) {
        r.intervene = NeuronIntervention{2, 1, NeuronOp::Clamp, 0.75f};
        r.setParameters.push_back({2, 4, 7, 3.5f});
    });
    CHECK(s.output.trace.a[2][1] == 0.75f);
    Network edited = *original;
    edited.layers[1].W(4, 7) = 3.5f;
    iv.set({2, 1, NeuronOp::Clamp, 0.75f});
    const Evaluation fresh2 = evaluate(foldInterventions(edited, iv), *s.data.testSet);
    CHECK(s.surgery.edited->accuracy == doctest::Approx(fresh2.accuracy).epsilon(1e-3));
    request(*f.model, [](UiRequests& r) { r.restoreNeuron = NeuronRef{2, 1}; });
    iv.clear(2, 1);
    CHECK(s.surgery.edited->accuracy ==
          evaluate(foldInterventions(edited, iv), *s.data.testSet).accuracy);
}

TEST_CASE("surgery: the drawing's answer changes in the same apply()")
{
    Fixture f;
    const int before = f.snap().output.answer;
    REQUIRE(before >= 0);
    const int other = (before + 1) % f.snap().model.net->outputSize();
    request(*f.model, [&](UiRequests& r) {
        r.setParameters.push_back({f.snap().model.net->layerCount(), other, -1, 1000.0f});
    });
    CHECK(f.snap().output.answer == other);
    const auto predictions = eventsOf<event::Prediction>(f.model->takeEvents());
    REQUIRE_FALSE(predictions.empty());
    CHECK(predictions.back().digit == other);
}

TEST_CASE("surgery: undo and redo restore the weights byte for byte and the accuracy exactly")
{
    Fixture f;
    const Snapshot& s = f.snap();
    const auto original = s.model.net;
    request(*f.model, [](UiRequests& r) { r.setParameters.push_back({1, 0, 100, -2.0f}); });
    // A brush stroke over two frames, the tab showing (leaving it would end the stroke).
    request(*f.model, [](UiRequests& r) {
        r.surgeryShown = true;
        r.beginEdit = "paint 1:2";
        r.brush.push_back({2, 14.0f, 14.0f, 3.0f, 0.5f});
    });
    // The dab lands where it was put: largest at (14, 14), nothing beyond its radius.
    const Eigen::VectorXf dab =
        (s.model.net->layers[0].W.row(2) - original->layers[0].W.row(2)).transpose();
    const int side = kDigitSide;
    Eigen::Index top = 0;
    dab.cwiseAbs().maxCoeff(&top);
    CHECK(std::abs(int(top) / side - 14) <= 1);
    CHECK(std::abs(int(top) % side - 14) <= 1);
    CHECK(dab.head(10 * side).isZero());
    CHECK(dab.tail(10 * side).isZero());
    request(*f.model, [](UiRequests& r) {
        r.surgeryShown = true;
        r.brush.push_back({2, 10.0f, 12.0f, 3.0f, -0.5f});
        r.endEdit = true;
    });
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{1, 5, NeuronOp::Scale, 3}; });
    REQUIRE(s.surgery.edits.size() == 3);
    CHECK(s.surgery.edits[1] == "paint 1:2");
    const Network edited = *s.model.net;
    const double editedAccuracy = s.surgery.edited->accuracy;
    CHECK_FALSE(sameBytes(edited, *original));
    const double base = s.surgery.base->accuracy;

    for (int i = 0; i < 3; ++i)
        request(*f.model, [](UiRequests& r) { r.surgeryUndo = true; });
    CHECK(s.surgery.edits.empty());
    CHECK(s.model.net == original); // the very object the session started from
    CHECK(sameBytes(*s.model.net, *original));
    CHECK(s.surgery.interventions.empty());
    CHECK(s.surgery.edited->accuracy == base);
    const auto rescored = eventsOf<event::Rescored>(f.model->takeEvents());
    REQUIRE_FALSE(rescored.empty());
    CHECK(rescored.back().accuracy == rescored.back().base);
    CHECK(rescored.back().edit == "undo weight 1:0←100");

    for (int i = 0; i < 3; ++i)
        request(*f.model, [](UiRequests& r) { r.surgeryRedo = true; });
    CHECK(sameBytes(*s.model.net, edited));
    CHECK(s.surgery.edited->accuracy == editedAccuracy);

    request(*f.model, [](UiRequests& r) { r.surgeryReset = true; });
    CHECK(sameBytes(*s.model.net, *original));
    CHECK(s.surgery.edits.back() == "reset");
    request(*f.model, [](UiRequests& r) { r.surgeryUndo = true; }); // reset is a step too
    CHECK(sameBytes(*s.model.net, edited));
}

TEST_CASE("surgery: Save writes the folded network")
{
    Fixture f;
    const Snapshot& s = f.snap();
    request(*f.model, [](UiRequests& r) {
        r.intervene = NeuronIntervention{1, 2, NeuronOp::Kill};
    });
    request(*f.model, [](UiRequests& r) {
        r.intervene = NeuronIntervention{2, 6, NeuronOp::Clamp, 0.4f};
        r.setParameters.push_back({1, 9, -1, 1.25f});
    });
    const std::filesystem::path file = f.dir.path / "edited.nnvz";
    request(*f.model, [&](UiRequests& r) { r.saveModel = file; });
    const Network saved = loadModel(file);
    CHECK(sameBytes(saved, foldInterventions(*s.model.net, s.surgery.interventions)));
    CHECK_FALSE(sameBytes(saved, *s.model.net));
    CHECK(saved.layers[1].W.col(2).isZero()); // the killed neuron's outgoing weights
}

TEST_CASE("surgery: ablation ranks the neurons as killing each by hand, in the background")
{
    Fixture f;
    const Snapshot& s = f.snap();
    request(*f.model, [](UiRequests& r) { r.ablate = true; });
    CHECK(s.surgery.ablating);
    REQUIRE(test::tickUntil(*f.model, [&] { return s.surgery.ablation != nullptr; }));
    const Ablation& a = *s.surgery.ablation;
    int hidden = 0;
    for (int l = 1; l < s.model.net->layerCount(); ++l)
        hidden += s.model.net->sizes[size_t(l)];
    REQUIRE(int(a.neurons.size()) == hidden);
    const NeuronImportance top = a.neurons.front();
    Interventions iv;
    iv.set({top.layer, top.neuron, NeuronOp::Kill, 0});
    CHECK(top.accuracy == evaluate(foldInterventions(*s.model.net, iv), *s.data.testSet).accuracy);
    const auto ablated = eventsOf<event::Ablated>(f.model->takeEvents());
    REQUIRE(ablated.size() == 1);
    CHECK(ablated[0].layer == top.layer);
    CHECK(ablated[0].neuron == top.neuron);
    CHECK(ablated[0].neurons == size_t(hidden));
    CHECK(ablated[0].dead.size() == size_t(s.model.net->layerCount() - 1));
}

TEST_CASE("surgery: another model or a training run ends the session, saying so")
{
    Fixture f;
    const Snapshot& s = f.snap();
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{1, 0, NeuronOp::Kill}; });
    REQUIRE(s.surgery.active);
    f.model->toggleActivation();
    CHECK_FALSE(s.surgery.active);
    CHECK(s.surgery.interventions.empty());
    CHECK_FALSE(s.surgery.message.empty());
    CHECK(eventsOf<event::SurgeryEnded>(f.model->takeEvents()).size() == 1);

    // A training run continues from the edited weights with the kill folded in.
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{1, 4, NeuronOp::Kill}; });
    const Network folded = foldInterventions(*s.model.net, s.surgery.interventions);
    request(*f.model, [](UiRequests& r) {
        TrainRequest t = test::shortRun(1);
        t.fromCurrent = true;
        t.hidden = Activation::Relu;
        r.startTraining = t;
    });
    CHECK_FALSE(s.surgery.active);
    CHECK(sameBytes(*s.model.net, folded));
    CHECK(eventsOf<event::SurgeryEnded>(f.model->takeEvents()).size() == 1);
    // Edits during the run are refused with a message.
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{1, 5, NeuronOp::Kill}; });
    CHECK_FALSE(s.surgery.active);
    CHECK(s.surgery.message.find("training") != std::string::npos);
    request(*f.model, [](UiRequests& r) { r.stopTraining = true; });
    test::tickUntil(*f.model, [&] { return !s.training.running; });
}

TEST_CASE("surgery: a Backprop step steps the folded network and ends the session; Undo gives "
          "the folded network back")
{
    Fixture f;
    const Snapshot& s = f.snap();
    request(*f.model, [](UiRequests& r) { r.intervene = NeuronIntervention{2, 3, NeuronOp::Kill}; });
    const Network folded = foldInterventions(*s.model.net, s.surgery.interventions);
    const std::vector<float> outputs(s.output.trace.output().data(),
                                     s.output.trace.output().data() + s.output.trace.output().size());
    // The gradient is the folded network's: a killed neuron's incoming weights get none.
    REQUIRE(s.backprop.gradient);
    CHECK(s.backprop.gradient->dW[1].row(3).isZero());
    f.model->takeEvents();
    request(*f.model, [](UiRequests& r) { r.backpropStep = true; });
    CHECK_FALSE(s.surgery.active);
    CHECK(eventsOf<event::SurgeryEnded>(f.model->takeEvents()).size() == 1);
    request(*f.model, [](UiRequests& r) { r.backpropUndo = true; });
    CHECK(sameBytes(*s.model.net, folded));
    // The folded network answers as the killed one did.
    for (size_t k = 0; k < outputs.size(); ++k)
        CHECK(s.output.trace.output()[Eigen::Index(k)] == doctest::Approx(outputs[k]));
}
