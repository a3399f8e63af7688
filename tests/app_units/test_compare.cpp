// The Compare tab's model side: the second network reads exactly the shown network's pixels
// (its outputs those of forward() on them) after a stroke, after the shown model changes and for
// a second network of another shape; its test score and both networks' dead-neuron counts are
// evaluate()'s and layerActivity()'s on the same test set; a network with another input, classes
// or dataset is refused with a message and the second network kept; pinning and Swap.
#include "app/gui/model/app_model.hpp"
#include "core/model_file.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/app_units/synthetic_mnist.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::tickUntil;
namespace fs = std::filesystem;

namespace {

// A stroke with the Compare tab showing (as the panel asks every frame it shows).
void drawStroke(AppModel& model, float x0, float y0, float x1, float y1)
{
    const float s = float(AppModel::kCanvasSize);
    request(model, [&](UiRequests& r) {
        r.compareShown = true;
        r.strokes.push_back({x0 * s, y0 * s, x1 * s, y1 * s, 0.05f * s, false});
    });
}

// The second network's outputs are forward() of it on the shown network's pixels, bit for bit.
void checkSecondReadsInput(const Snapshot& snap)
{
    REQUIRE(snap.compare.net);
    const ForwardTrace direct = forward(*snap.compare.net, snap.input.pixels);
    REQUIRE(snap.compare.trace.output().size() == direct.output().size());
    CHECK(snap.compare.trace.output() == direct.output());
    CHECK(snap.compare.answer == argmax(direct.output()));
}

template <class E> std::vector<E> eventsOf(const std::vector<ModelEvent>& events)
{
    std::vector<E> out;
    for (const ModelEvent& e : events)
        if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    return out;
}

// A ReLU 784-h-6-10 network whose first hidden neuron can never fire (every weight and its bias
// negative on 0..1 pixels): at least one dead neuron on any set.
Network withDeadNeuron(int hidden)
{
    Network net = makeNetwork({kDigitPixels, hidden, 6, kClassCount}, Activation::Relu,
                              Activation::Softmax, 7);
    net.layers[0].W.row(0).setConstant(-0.5f);
    net.layers[0].b[0] = -1.0f;
    return net;
}

} // namespace

TEST_CASE("compare: the second network reads the shown one's pixels, after strokes and swaps")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    CHECK_FALSE(snap.compare.net); // nothing until the tab shows
    request(model, [](UiRequests& r) { r.compareShown = true; });
    REQUIRE(snap.compare.net);
    CHECK(snap.compare.name == "relu.nnvz"); // what A swaps to
    CHECK((snap.compare.net->hidden == Activation::Relu));
    checkSecondReadsInput(snap);

    drawStroke(model, 0.5f, 0.15f, 0.5f, 0.85f);
    checkSecondReadsInput(snap);
    drawStroke(model, 0.3f, 0.3f, 0.7f, 0.4f);
    checkSecondReadsInput(snap);
    const auto compared = eventsOf<event::Compared>(model.takeEvents());
    REQUIRE(compared.size() >= 2);
    const event::Compared& last = compared.back();
    CHECK(last.a.answer == snap.output.answer);
    CHECK(last.b.answer == snap.compare.answer);
    CHECK(last.differ == (snap.output.answer != snap.compare.answer));
    CHECK(last.a.outputs == std::vector<float>(snap.output.trace.output().data(),
                                               snap.output.trace.output().data() + 10));

    model.toggleActivation(); // the shown network changes: the partner follows
    CHECK((snap.model.net->hidden == Activation::Relu));
    CHECK(snap.compare.name == "sigmoid.nnvz");
    checkSecondReadsInput(snap);
    request(model, [](UiRequests& r) { r.rawInput = true; }); // other pixels, the same for both
    checkSecondReadsInput(snap);
}

TEST_CASE("compare: a second network of another shape, from a file")
{
    TempDir dir("compare-shape");
    const fs::path file = dir.path / "deep.nnvz";
    saveModel(makeNetwork({kDigitPixels, 64, 32, 16, kClassCount}, Activation::Relu,
                          Activation::Softmax, 3),
              file);
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    request(model, [&](UiRequests& r) {
        r.compareShown = true;
        r.compareWith = CompareChoice{CompareSource::File, file};
    });
    REQUIRE(snap.compare.net);
    CHECK((snap.compare.choice.source == CompareSource::File));
    CHECK(snap.compare.net->sizes == std::vector<int>{kDigitPixels, 64, 32, 16, kClassCount});
    drawStroke(model, 0.4f, 0.2f, 0.6f, 0.8f);
    checkSecondReadsInput(snap);
    model.toggleActivation(); // a file stays beside whichever network is shown
    CHECK(snap.compare.name == "deep.nnvz");
    checkSecondReadsInput(snap);
}

TEST_CASE("compare: a network with another input, classes or dataset is refused")
{
    TempDir dir("compare-misfit");
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    request(model, [](UiRequests& r) { r.compareShown = true; });
    const auto kept = snap.compare.net;
    model.takeEvents();

    Network fewer = makeNetwork({kDigitPixels, 8, 5}, Activation::Sigmoid, Activation::Softmax, 1);
    Network smaller =
        makeNetwork({100, 8, kClassCount}, Activation::Sigmoid, Activation::Softmax, 1);
    Network fashion =
        makeNetwork({kDigitPixels, 8, kClassCount}, Activation::Relu, Activation::Softmax, 1);
    fashion.dataset = DatasetKind::Fashion;
    for (const auto& [name, net] :
         {std::pair{"fewer.nnvz", &fewer}, std::pair{"small.nnvz", &smaller},
          std::pair{"fashion.nnvz", &fashion}}) {
        CAPTURE(name);
        saveModel(*net, dir.path / name);
        request(model, [&](UiRequests& r) {
            r.compareShown = true;
            r.compareWith = CompareChoice{CompareSource::File, dir.path / name};
        });
        CHECK(snap.compare.failed);
        CHECK(snap.compare.message.find(name) != std::string::npos);
        CHECK(snap.compare.message.find("same input and classes") != std::string::npos);
        CHECK(snap.compare.net == kept);
        const auto failed = eventsOf<event::Failed>(model.takeEvents());
        REQUIRE(failed.size() == 1);
        CHECK((failed[0].what == event::Failure::CompareModel));
    }
    request(model, [&](UiRequests& r) {
        r.compareShown = true;
        r.compareWith = CompareChoice{CompareSource::File, dir.path / "missing.nnvz"};
    });
    CHECK(snap.compare.failed);
    CHECK(snap.compare.net == kept);
}

TEST_CASE("compare: test scores and dead neurons are evaluate()'s and layerActivity()'s")
{
    TempDir dir("compare-dead");
    test::writeSyntheticData(dir.path, 20, 300, 5);
    const fs::path file = dir.path / "dead.nnvz";
    saveModel(withDeadNeuron(12), file);
    AppModelConfig config = test::bundledConfig(dir.path);
    config.model = config.modelsDir / "relu.nnvz";
    AppModel model(config);
    const Snapshot& snap = model.snapshot();
    request(model, [&](UiRequests& r) {
        r.compareShown = true;
        r.compareWith = CompareChoice{CompareSource::File, file};
    });
    REQUIRE(tickUntil(model, [&] {
        return snap.compare.test && snap.compare.activity && snap.compare.shownActivity &&
               snap.compare.disagreements && !snap.compare.working;
    }));
    const Dataset& test = *snap.data.testSet;
    REQUIRE(test.size() == 300);
    const Evaluation second = evaluate(*snap.compare.net, test);
    CHECK(snap.compare.test->accuracy == second.accuracy);
    CHECK(snap.compare.test->predicted == second.predicted);
    const LayerActivity dead = layerActivity(*snap.compare.net, test);
    CHECK(snap.compare.activity->dead == dead.dead);
    CHECK(dead.dead[1] >= 1);
    CHECK(snap.compare.shownActivity->dead == layerActivity(*snap.model.net, test).dead);
    size_t differ = 0;
    for (size_t i = 0; i < test.size(); ++i)
        differ += snap.score.test->predicted[i] != second.predicted[i];
    CHECK(snap.compare.disagreements->size() == differ);

    // The event carries the hidden layers' counts.
    request(model, [](UiRequests& r) { r.compareShown = false; });
    model.takeEvents();
    request(model, [](UiRequests& r) { r.compareShown = true; });
    drawStroke(model, 0.5f, 0.2f, 0.5f, 0.8f);
    const auto compared = eventsOf<event::Compared>(model.takeEvents());
    REQUIRE_FALSE(compared.empty());
    CHECK(compared.back().b.dead == std::vector<int>{dead.dead[1], dead.dead[2]});
    CHECK(compared.back().b.accuracy == second.accuracy);
    CHECK((compared.back().disagreements == differ));
}

TEST_CASE("compare: the shown network pinned before a step, and Swap")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    drawStroke(model, 0.5f, 0.15f, 0.5f, 0.85f);
    request(model, [](UiRequests& r) {
        r.compareShown = true;
        r.compareWith = CompareChoice{CompareSource::Pinned, {}};
    });
    const auto before = snap.model.net;
    CHECK(snap.compare.net == before);
    CHECK(snap.compare.trace.output() == snap.output.trace.output());
    request(model, [&](UiRequests& r) {
        r.backpropTarget = (snap.output.answer + 1) % kClassCount;
        r.backpropStep = true;
    });
    REQUIRE(snap.model.net != before); // stepped
    CHECK(snap.compare.net == before); // still beside it, as it was
    CHECK(snap.compare.trace.output() != snap.output.trace.output());
    checkSecondReadsInput(snap);

    const auto stepped = snap.model.net;
    request(model, [](UiRequests& r) { r.compareSwap = true; });
    CHECK(snap.model.net == before);
    CHECK(snap.compare.net == stepped);
    CHECK((snap.compare.choice.source == CompareSource::Pinned));
    checkSecondReadsInput(snap);
}
