// The window's model side with Fashion-MNIST: a Fashion model is scored on the Fashion test set
// and names its classes, the activation toggle stays within the shown dataset's bundled pair, a
// model of the other dataset brings its own test set back, and a Train-tab run on Fashion-MNIST
// gives a network that carries it. Small synthetic sets (tests/unit/idx_files.hpp) stand in for
// the real ones, so the counts tell which set was used.
#include "app/gui/model/app_model.hpp"
#include "app/gui/model/train_form.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/unit/idx_files.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>
#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::tickUntil;
namespace fs = std::filesystem;

namespace {

// <dir>/<set>/: `train` training and `test` test images, labels k mod 10.
void writeSet(const fs::path& dir, const char* set, uint32_t train, uint32_t test)
{
    fs::create_directories(dir / set);
    for (const auto& [prefix, count] : {std::pair{"train", train}, std::pair{"t10k", test}}) {
        nnviz::test::Bytes labels;
        for (uint32_t i = 0; i < count; ++i)
            labels.push_back(uint8_t(i % 10));
        nnviz::test::writeFile(dir / set / (std::string(prefix) + "-images-idx3-ubyte"),
                               nnviz::test::imagesIdx(count));
        nnviz::test::writeFile(dir / set / (std::string(prefix) + "-labels-idx1-ubyte"),
                               nnviz::test::labelsIdx(labels));
    }
}

// The window opened on the bundled Fashion ReLU model, MNIST (60 test images) and Fashion-MNIST
// (40) in dir.
AppModelConfig fashionConfig(const fs::path& dir)
{
    writeSet(dir, "mnist", 10, 60);
    writeSet(dir, "fashion", 200, 40);
    AppModelConfig config = gui::test::bundledConfig(dir);
    config.model = config.modelsDir / "fashion-relu.nnvz";
    return config;
}

// The last event of type E in events, or null.
template <typename E> const E* lastOf(const std::vector<ModelEvent>& events)
{
    const E* last = nullptr;
    for (const ModelEvent& e : events)
        if (const auto* x = std::get_if<E>(&e)) last = x;
    return last;
}

} // namespace

TEST_CASE("fashion: a Fashion model is scored on the Fashion test set and names its classes")
{
    TempDir dir("app-fashion");
    const AppModelConfig config = fashionConfig(dir.path);
    AppModel model(config);
    const Snapshot& snap = model.snapshot();
    REQUIRE((snap.model.net->dataset == DatasetKind::Fashion));
    CHECK(snap.model.name == "fashion-relu.nnvz");
    CHECK_FALSE(snap.model.untrained);
    CHECK(snap.className(0) == "T-shirt/top");
    CHECK(snap.className(9) == "Ankle boot");
    CHECK(std::string(snap.drawingNoun()) == "something");

    std::vector<ModelEvent> events = model.takeEvents();
    REQUIRE(tickUntil(model, [&] { return snap.score.test != nullptr; }));
    for (ModelEvent& e : model.takeEvents())
        events.push_back(std::move(e));
    REQUIRE(snap.data.testSet);
    CHECK((snap.data.kind == DatasetKind::Fashion));
    CHECK(snap.data.testSet->name == "fashion/test");
    CHECK(snap.score.test->count == 40);
    const auto* loaded = lastOf<event::TestSetLoaded>(events);
    REQUIRE(loaded);
    CHECK((loaded->dataset == DatasetKind::Fashion));
    CHECK(loaded->images == 40);
    const auto* scored = lastOf<event::Scored>(events);
    REQUIRE(scored);
    CHECK((scored->dataset == DatasetKind::Fashion));
    CHECK(scored->images == 40);
    CHECK(scored->accuracy == evaluate(*snap.model.net, *snap.data.testSet).accuracy);
    const auto* prediction = lastOf<event::Prediction>(events);
    REQUIRE(prediction);
    CHECK((prediction->dataset == DatasetKind::Fashion));
    // Once scored and swept, the window has nothing left to draw (the Data tab's MNIST test set,
    // never asked for with a Fashion model, does not count as loading).
    CHECK(tickUntil(model, [&] { return !model.animating(); }, 5));

    // The Data tab on the Fashion test set lists it with the test score's answers (no second
    // scoring of the same set).
    request(model, [](UiRequests& r) {
        r.browse = BrowseRequest{DatasetKind::Fashion, Split::Test, {}};
    });
    REQUIRE(tickUntil(model, [&] { return snap.browser.answers != nullptr; }));
    CHECK(snap.browser.answers == snap.score.test);
    CHECK_FALSE(snap.browser.scoring);

    // A test picture on the pad is framed as Fashion-MNIST frames them: filling the 28×28.
    request(model, [](UiRequests& r) {
        r.setImage = ImageRef{DatasetKind::Fashion, Split::Test, 3};
    });
    CHECK(
        snap.input.preprocessed.isApprox(preprocessFor(DatasetKind::Fashion, *snap.input.canvas)));

    SUBCASE("the activation toggle swaps to the other bundled Fashion model")
    {
        request(model, [](UiRequests& r) { r.toggleActivation = true; });
        CHECK(snap.model.name == "fashion-sigmoid.nnvz");
        CHECK((snap.model.net->hidden == Activation::Sigmoid));
        CHECK((snap.model.net->dataset == DatasetKind::Fashion));
        REQUIRE(tickUntil(model, [&] {
            return snap.score.test && snap.score.weightsVersion == snap.model.weightsVersion;
        }));
        CHECK(snap.score.test->count == 40);
        request(model, [](UiRequests& r) { r.toggleActivation = true; });
        CHECK(snap.model.name == "fashion-relu.nnvz");
    }
    SUBCASE("an MNIST model brings the MNIST test set and digits back")
    {
        request(model, [&](UiRequests& r) {
            r.openModel = gui::test::bundledConfig(dir.path).modelsDir / "sigmoid.nnvz";
        });
        CHECK((snap.model.net->dataset == DatasetKind::Mnist));
        CHECK(snap.className(7) == "7");
        CHECK_FALSE(snap.score.test); // the Fashion score is gone with its model
        REQUIRE(tickUntil(model, [&] { return snap.score.test != nullptr; }));
        CHECK(snap.data.testSet->name == "mnist/test");
        CHECK(snap.score.test->count == 60);
        CHECK(snap.input.preprocessed.isApprox(preprocessDigit(*snap.input.canvas)));
        request(model, [](UiRequests& r) { r.toggleActivation = true; }); // MNIST's pair
        CHECK(snap.model.name == "relu.nnvz");
    }
}

TEST_CASE("fashion: a Train-tab run on Fashion-MNIST gives a network that carries it")
{
    TempDir dir("app-fashion-train");
    AppModelConfig config = fashionConfig(dir.path);
    config.model.clear(); // start on MNIST: the run switches the window to Fashion-MNIST
    AppModel model(config);
    const Snapshot& snap = model.snapshot();
    REQUIRE((snap.model.net->dataset == DatasetKind::Mnist));
    TrainRequest run;
    run.config.learningRate = 0.01f;
    run.config.batchSize = 20;
    run.config.epochs = 1;
    run.config.threads = 1;
    run.hidden = Activation::Relu;
    run.dataset = DatasetKind::Fashion;
    request(model, [&](UiRequests& r) { r.startTraining = run; });
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));
    REQUIRE(snap.training.progress);
    CHECK((snap.training.progress->state == SessionState::Finished));
    CHECK((snap.model.net->dataset == DatasetKind::Fashion));
    CHECK(snap.model.name == "trained fashion relu (unsaved)");
    REQUIRE(tickUntil(model, [&] { return snap.score.test != nullptr; }));
    CHECK(snap.data.testSet->name == "fashion/test");
    CHECK(snap.score.test->count == 40);
    // It took the Fashion ReLU slot: A swaps to the bundled Fashion sigmoid model.
    request(model, [](UiRequests& r) { r.toggleActivation = true; });
    CHECK(snap.model.name == "fashion-sigmoid.nnvz");
}

TEST_CASE("fashion: the Train form's dataset goes into its request")
{
    TrainForm form;
    CHECK((checkForm(form).request->dataset == DatasetKind::Mnist));
    form.dataset = DatasetKind::Fashion;
    const FormCheck check = checkForm(form);
    REQUIRE(check.request);
    CHECK((check.request->dataset == DatasetKind::Fashion));
}
