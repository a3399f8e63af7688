// AppModel without a window: the test set loaded in the background, a training run started and
// stopped through UiRequests on a small synthetic MNIST-shaped dataset, its weights taken into the
// shown model, and model files opened and saved with every failure keeping the current model.
#include "app/gui/model/app_model.hpp"
#include "core/model_file.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/app_units/synthetic_mnist.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <random>
#include <thread>
#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::shortRun;
using nnviz::gui::test::tickUntil;
using nnviz::gui::test::writeBytes;
using nnviz::gui::test::writeSyntheticData;
namespace fs = std::filesystem;

namespace {

// One event in a word or three ("training:running:1", "error:open model"), for sequences.
std::string describe(const ModelEvent& e)
{
    if (const auto* t = std::get_if<event::Training>(&e))
        return "training:" + std::string(toString(t->state)) + ":" + std::to_string(t->epoch);
    if (const auto* f = std::get_if<event::Failed>(&e))
        return f->what == event::Failure::OpenModel ? "error:open model" : "error:other";
    const char* names[] = {"prediction", "activation", "cleared", "image", "dataset",
                           "training",   "model",      "saved",   "error", "confusion",
                           "browse",     "set_image",  "timeline", "scrub",   "backprop",
                           "step",       "undo"};
    return names[e.index()];
}

} // namespace

TEST_CASE("app model: trains on a worker thread and shows the new weights")
{
    TempDir dir("app-train");
    writeSyntheticData(dir.path, 600, 200, 1);
    AppModel model(test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();

    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));
    REQUIRE(snap.data.testSet);
    CHECK(snap.data.testSet->size() == 200);
    CHECK(snap.data.testSetError.empty());

    const auto bundled = snap.model.net;
    const uint64_t weights = snap.model.weightsVersion;
    request(model, [](UiRequests& r) { r.startTraining = shortRun(3); });
    CHECK(snap.training.running);
    CHECK(model.training()); // the frame loop keeps drawing (20 a second) while it runs
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));

    REQUIRE(snap.training.progress);
    const SessionProgress& p = *snap.training.progress;
    CHECK((p.state == SessionState::Finished));
    REQUIRE(p.epochReports.size() == 3);
    CHECK(p.epochReports.back().testAccuracy > 0.9f);
    CHECK_FALSE(p.lossCurve.empty());
    CHECK(snap.model.net != bundled);
    CHECK(snap.model.weightsVersion > weights);
    CHECK(snap.model.name == "trained sigmoid (unsaved)");
    CHECK_FALSE(snap.model.untrained);
    // The prediction was recomputed with the trained weights.
    const ForwardTrace fresh = forward(*snap.model.net, snap.input.pixels);
    CHECK(fresh.output().isApprox(snap.output.trace.output()));

    // It took the sigmoid slot: A goes to the bundled ReLU model and back to it.
    const auto trained = snap.model.net;
    model.toggleActivation();
    CHECK((snap.model.net->hidden == Activation::Relu));
    model.toggleActivation();
    CHECK(snap.model.net == trained);

    // Stop: a slow run is cancelled between batches and keeps its weights.
    TrainRequest slow = shortRun(50);
    slow.maxBatchesPerSecond = 20;
    slow.hidden = Activation::Relu;
    request(model, [&](UiRequests& r) { r.startTraining = slow; });
    REQUIRE(tickUntil(
        model, [&] { return snap.training.progress && snap.training.progress->batchesDone >= 3; }));
    CHECK((snap.model.net->hidden ==
           Activation::Relu)); // the run's network is shown from its first batch
    request(model, [](UiRequests& r) { r.stopTraining = true; });
    REQUIRE(tickUntil(
        model, [&] { return !snap.training.running; }, 5));
    CHECK((snap.training.progress->state == SessionState::Cancelled));
    CHECK(snap.model.name == "trained relu (unsaved)");
    CHECK((snap.model.net->hidden == Activation::Relu));
}

TEST_CASE("app model: a run trains the requested shape, output, cost and validation split; "
          "continuing needs the shown shape")
{
    TempDir dir("app-shape");
    writeSyntheticData(dir.path, 600, 200, 1);
    AppModel model(test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));

    TrainRequest shaped = shortRun(2);
    shaped.hiddenSizes = {8, 4, 6};
    shaped.output = Activation::Sigmoid;
    shaped.config.cost = Cost::Mse;
    shaped.config.learningRate = 0.05f;
    shaped.config.validation = 100;
    request(model, [&](UiRequests& r) { r.startTraining = shaped; });
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));
    REQUIRE(snap.training.progress);
    CHECK((snap.training.progress->state == SessionState::Finished));
    const std::vector<int> expected{kDigitPixels, 8, 4, 6, kClassCount};
    CHECK(snap.model.net->sizes == expected);
    CHECK((snap.model.net->output == Activation::Sigmoid));
    REQUIRE(snap.training.progress->epochReports.size() == 2);
    CHECK(snap.training.progress->epochReports.back().validationAccuracy >= 0.0f);
    CHECK(snap.training.progress->batchesPerEpoch == 50); // 500 trained on, batches of 10

    // From the shown weights in another shape: refused with the reason, the model kept.
    const auto shown = snap.model.net;
    TrainRequest other = shortRun(1);
    other.fromCurrent = true;
    other.hiddenSizes = {8, 4};
    request(model, [&](UiRequests& r) { r.startTraining = other; });
    CHECK_FALSE(snap.training.running);
    CHECK((snap.training.progress->state == SessionState::Failed));
    CHECK(snap.training.progress->message.find("the shown network is 784-8-4-6-10") !=
          std::string::npos);
    CHECK(snap.model.net == shown);
    // In its own shape it continues from those weights.
    other.hiddenSizes = {8, 4, 6};
    other.output = Activation::Sigmoid;
    request(model, [&](UiRequests& r) { r.startTraining = other; });
    CHECK(snap.training.running);
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));
    CHECK((snap.training.progress->state == SessionState::Finished));
    CHECK(snap.model.net->sizes == expected);
}

TEST_CASE("app model: closing during a run does not wait for it to finish")
{
    TempDir dir("app-close");
    writeSyntheticData(dir.path, 300, 50, 3);
    auto model = std::make_unique<AppModel>(test::bundledConfig(dir.path));
    TrainRequest slow = shortRun(1000);
    slow.maxBatchesPerSecond = 5;
    request(*model, [&](UiRequests& r) { r.startTraining = slow; });
    REQUIRE(tickUntil(*model, [&] {
        return model->snapshot().training.progress &&
               model->snapshot().training.progress->state == SessionState::Running;
    }));
    const auto start = std::chrono::steady_clock::now();
    model.reset();
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
}

TEST_CASE(
    "app model: a missing dataset is a message, and training fails without touching the model")
{
    TempDir dir("app-nodata");
    AppModel model(test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));
    CHECK_FALSE(snap.data.testSet);
    CHECK(snap.data.testSetError.find("third_party/fetch-data") != std::string::npos);

    const auto before = snap.model.net;
    const std::string name = snap.model.name;
    request(model, [](UiRequests& r) { r.startTraining = shortRun(1); });
    REQUIRE(tickUntil(model, [&] { return !snap.training.running; }));
    CHECK((snap.training.progress->state == SessionState::Failed));
    CHECK(snap.training.progress->message.find("train set not found") != std::string::npos);
    CHECK(snap.model.net == before);
    CHECK(snap.model.name == name);

    // A configuration the core refuses never starts.
    TrainRequest bad = shortRun(1);
    bad.config.learningRate = -1;
    request(model, [&](UiRequests& r) { r.startTraining = bad; });
    CHECK_FALSE(snap.training.running);
    CHECK((snap.training.progress->state == SessionState::Failed));
    CHECK(snap.training.progress->message.find("learning rate") != std::string::npos);
}

TEST_CASE("app model: opening and saving model files; failures keep the current model")
{
    TempDir dir("app-files");
    AppModel model(test::bundledConfig(dir.path / "no-data"));
    const Snapshot& snap = model.snapshot();
    REQUIRE_FALSE(snap.model.untrained); // the bundled models are found through NNVIZ_SOURCE_DIR

    const Network relu = makeNetwork({784, 16, 16, 10}, Activation::Relu, Activation::Softmax, 9);
    saveModel(relu, dir.path / "mine.nnvz");
    std::vector<uint8_t> bytes = serializeModel(relu);
    bytes.resize(bytes.size() / 2);
    writeBytes(dir.path / "truncated.nnvz", bytes);
    writeBytes(dir.path / "empty.nnvz", {});
    fs::create_directories(dir.path / "folder.nnvz");
    saveModel(makeNetwork({784, 8, 3}, Activation::Sigmoid, Activation::Softmax, 1),
              dir.path / "three-outputs.nnvz");

    const auto before = snap.model.net;
    const uint64_t weights = snap.model.weightsVersion;
    const std::pair<const char*, const char*> refused[] = {{"truncated.nnvz", "truncated"},
                                                           {"empty.nnvz", "empty"},
                                                           {"folder.nnvz", "directory"},
                                                           {"missing.nnvz", "no such file"},
                                                           {"three-outputs.nnvz", "10"}};
    for (const auto& [file, word] : refused) {
        CAPTURE(file);
        request(model, [&](UiRequests& r) { r.openModel = dir.path / file; });
        CHECK(snap.files.failed);
        CHECK(snap.files.message.find(word) != std::string::npos);
        CHECK(snap.model.net == before);
        CHECK(snap.model.weightsVersion == weights);
    }
    request(model, [&](UiRequests& r) { r.openModel = fs::path(); });
    CHECK(snap.files.failed);
    CHECK(snap.model.net == before);

    request(model, [&](UiRequests& r) { r.openModel = dir.path / "mine.nnvz"; });
    CHECK_FALSE(snap.files.failed);
    CHECK(snap.model.name == "mine.nnvz");
    CHECK((snap.model.net->hidden == Activation::Relu));
    CHECK(snap.model.net->layers[0].W == relu.layers[0].W);

    request(model, [&](UiRequests& r) { r.saveModel = dir.path / "copy.nnvz"; });
    CHECK_FALSE(snap.files.failed);
    CHECK(snap.files.message.find("saved to") == 0);
    CHECK(loadModel(dir.path / "copy.nnvz").layers[1].b == relu.layers[1].b);
    CHECK(snap.model.name == "copy.nnvz");

    request(model, [&](UiRequests& r) { r.saveModel = dir.path / "no-such-dir" / "x.nnvz"; });
    CHECK(snap.files.failed);
    CHECK(snap.files.message.find("cannot save") != std::string::npos);
    CHECK(snap.model.name == "copy.nnvz");
}

TEST_CASE("app model: the Model panel's list has .nnvz and .npz files, and opens an .npz")
{
    TempDir dir("app-file-list");
    AppModelConfig config = test::bundledConfig(dir.path / "no-data");
    config.modelsDir = dir.path;
    const Network net = makeNetwork({784, 12, 10}, Activation::Relu, Activation::Softmax, 4);
    saveModel(net, dir.path / "a.nnvz");
    saveModel(net, dir.path / "b.npz"); // NumPy's format, by the extension
    writeBytes(dir.path / "c.txt", {1, 2, 3});
    fs::create_directories(dir.path / "d.npz"); // a directory is not a model file
    AppModel model(config);
    const Snapshot& snap = model.snapshot();
    request(model, [](UiRequests& r) { r.refreshModelFiles = true; });
    std::vector<std::string> names;
    for (const fs::path& f : snap.files.models)
        if (f.parent_path() == dir.path) names.push_back(f.filename().string());
    CHECK(names == std::vector<std::string>{"a.nnvz", "b.npz"});

    request(model, [&](UiRequests& r) { r.openModel = dir.path / "b.npz"; });
    CHECK_FALSE(snap.files.failed);
    CHECK(snap.model.name == "b.npz");
    CHECK(test::sameBytes(*snap.model.net, net));
}

TEST_CASE("app model: typed events for the dataset, a run and model files, in order")
{
    TempDir dir("app-events");
    writeSyntheticData(dir.path, 300, 60, 5);
    AppModel model(test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    std::vector<ModelEvent> events = model.takeEvents();
    REQUIRE(events.size() == 1); // the first answer, on the empty pad
    CHECK(std::holds_alternative<event::Prediction>(events[0]));
    CHECK(model.takeEvents().empty()); // taken once

    auto take = [&] {
        for (ModelEvent& e : model.takeEvents())
            events.push_back(std::move(e));
    };
    tickUntil(model, [&] {
        take();
        return !snap.data.testSetLoading;
    });
    request(model, [](UiRequests& r) { r.startTraining = shortRun(2); });
    tickUntil(model, [&] {
        take();
        return !snap.training.running;
    });
    request(model, [&](UiRequests& r) { r.openModel = dir.path / "none.nnvz"; });
    request(model, [&](UiRequests& r) { r.saveModel = dir.path / "out.nnvz"; });
    take();

    // The interesting events in order, "prediction" only right after the run's end.
    std::vector<std::string> seq;
    for (size_t i = 1; i < events.size(); ++i) {
        const std::string kind = describe(events[i]);
        if (kind != "prediction")
            seq.push_back(kind);
        else if (describe(events[i - 1]) == "training:finished:2")
            seq.push_back(kind);
    }
    const std::vector<std::string> expected = {"dataset",
                                               "confusion", // the bundled model, scored
                                               "browse", // the Data tab's list, with its answers
                                               "training:loading:0",
                                               "training:running:0",
                                               "training:running:1",
                                               "training:running:2",
                                               "training:finished:2",
                                               "prediction",
                                               "timeline", // its weight snapshots
                                               "confusion", // the trained one, once it ends
                                               "browse",
                                               "error:open model",
                                               "saved"};
    std::string got;
    for (const std::string& k : seq)
        got += k + " ";
    INFO("events: ", got);
    CHECK(seq == expected);
    for (const ModelEvent& e : events) {
        if (const auto* d = std::get_if<event::TestSetLoaded>(&e)) CHECK(d->images == 60);
        if (const auto* t = std::get_if<event::Training>(&e);
            t && t->state == SessionState::Finished) {
            CHECK(t->epochs == 2);
            REQUIRE(t->report);
            CHECK(t->report->testAccuracy > 0.5f);
        }
        if (const auto* s = std::get_if<event::ModelSaved>(&e))
            CHECK(s->path == fs::absolute(dir.path / "out.nnvz"));
        if (const auto* f = std::get_if<event::Failed>(&e))
            CHECK(f->message.find("none.nnvz") != std::string::npos);
    }
    // The last score is the shown (trained) network's, as a fresh evaluation finds it.
    const event::Scored* last = nullptr;
    for (const ModelEvent& e : events)
        if (const auto* s = std::get_if<event::Scored>(&e)) last = s;
    REQUIRE(last);
    const Evaluation fresh = evaluate(*snap.model.net, *snap.data.testSet);
    CHECK(last->confusion == fresh.confusion);
    CHECK(last->accuracy == fresh.accuracy);
    REQUIRE(snap.score.test);
    CHECK(snap.score.weightsVersion == snap.model.weightsVersion);
    CHECK(snap.score.test->predicted == fresh.predicted);
}

TEST_CASE("app model: a test-set image asked for by its index goes onto the pad")
{
    TempDir dir("app-test-image");
    writeSyntheticData(dir.path, 50, 20, 7);
    AppModel model(test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return !snap.data.testSetLoading; }));
    REQUIRE(snap.data.testSet);
    const Dataset& test = *snap.data.testSet;
    request(model, [](UiRequests& r) { r.setImage = ImageRef{DatasetKind::Mnist, Split::Test, 3}; });
    const GrayImage expected =
        resized(fromBytes(test.image(3), test.cols, test.rows), snap.input.canvas->width,
                snap.input.canvas->height);
    CHECK(snap.input.canvas->pixels == expected.pixels);
    CHECK(snap.input.ink);
    CHECK(snap.backprop.target == int(test.labels[3])); // the Backprop tab's target: its label
    CHECK(snap.backprop.targetChosen);
    const uint64_t version = snap.input.canvasVersion;
    request(model, [&](UiRequests& r) { // past the end: ignored
        r.setImage = ImageRef{DatasetKind::Mnist, Split::Test, test.size()};
    });
    CHECK(snap.input.canvasVersion == version);
}

TEST_CASE("app model: an image dropped on the window goes onto the pad; a broken one is refused")
{
    TempDir dir("app-image");
    AppModel model(test::bundledConfig(dir.path / "no-data"));
    const Snapshot& snap = model.snapshot();
    REQUIRE_FALSE(snap.model.untrained);
    CHECK_FALSE(snap.input.ink);

    // A test-set 7 drawn dark on a light page: inverted on loading, read as a 7.
    const fs::path seven =
        fs::path(NNVIZ_SOURCE_DIR) / "tests" / "fixtures" / "digits" / "test0000_label7.pgm";
    request(model, [&](UiRequests& r) { r.openImage = seven; });
    CHECK_FALSE(snap.input.imageFailed);
    CHECK(snap.input.imageMessage == "opened test0000_label7.pgm");
    CHECK(snap.input.ink);
    CHECK(snap.output.answer == 7);
    const uint64_t canvas = snap.input.canvasVersion;
    const auto input = snap.input.pixels;

    writeBytes(dir.path / "broken.png", {0x89, 'P', 'N', 'G', 1, 2, 3});
    for (const fs::path& bad : {dir.path / "broken.png", dir.path / "missing.pgm", dir.path}) {
        CAPTURE(bad);
        request(model, [&](UiRequests& r) { r.openImage = bad; });
        CHECK(snap.input.imageFailed);
        CHECK_FALSE(snap.input.imageMessage.empty());
        CHECK(snap.input.canvasVersion == canvas); // the drawing stays
        CHECK(snap.input.pixels == input);
    }
}
