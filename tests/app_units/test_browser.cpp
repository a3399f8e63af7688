// The Data tab's model side: browse() filtering and ordering against a direct count, AppModel's
// list for the browsed set (the test set's answers are the score's, any other set's scored in the
// background and rescored when the weights change) and a set's image put on the pad.
#include "app/gui/model/app_model.hpp"
#include "app/gui/model/browse_filter.hpp"
#include "core/model_file.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/unit/idx_files.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <random>
#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::tickUntil;
namespace fs = std::filesystem;

namespace {

// Labels and answers for `count` images: random classes, a third of them wrong, confidences from
// a few values so that ties occur.
struct Scored {
    std::vector<uint8_t> labels;
    Evaluation answers;
};
Scored randomScored(size_t count, uint32_t seed)
{
    std::mt19937 rng(seed);
    Scored s;
    for (size_t i = 0; i < count; ++i) {
        const int label = int(rng() % kClassCount);
        s.labels.push_back(uint8_t(label));
        s.answers.predicted.push_back(rng() % 3 == 0 ? int(rng() % kClassCount) : label);
        s.answers.confidence.push_back(float(rng() % 20) / 20.0f);
    }
    s.answers.count = count;
    return s;
}

// Whether image i passes f, said directly.
bool passes(const Scored& s, size_t i, const BrowseFilter& f)
{
    const int label = s.labels[i], answer = s.answers.predicted[i];
    return (f.truth < 0 || label == f.truth) && (f.answer < 0 || answer == f.answer) &&
           (!f.wrongOnly || answer != label);
}

// A 28×28 MNIST with `train` training and `test` test images (tests/unit/idx_files.hpp patterns).
void writeMnist(const fs::path& dir, uint32_t train, uint32_t test)
{
    using namespace nnviz::test;
    fs::create_directories(dir / "mnist");
    auto labels = [](uint32_t n) {
        Bytes b;
        for (uint32_t i = 0; i < n; ++i)
            b.push_back(uint8_t((i * 7) % 10));
        return b;
    };
    writeFile(dir / "mnist" / "train-images-idx3-ubyte", imagesIdx(train));
    writeFile(dir / "mnist" / "train-labels-idx1-ubyte", labelsIdx(labels(train)));
    writeFile(dir / "mnist" / "t10k-images-idx3-ubyte", imagesIdx(test));
    writeFile(dir / "mnist" / "t10k-labels-idx1-ubyte", labelsIdx(labels(test)));
}

std::vector<event::SetImage> setImageEvents(AppModel& model)
{
    std::vector<event::SetImage> out;
    for (const ModelEvent& e : model.takeEvents())
        if (const auto* s = std::get_if<event::SetImage>(&e)) out.push_back(*s);
    return out;
}

} // namespace

TEST_CASE("browse: every filter and order against a direct count")
{
    const Scored s = randomScored(3000, 11);
    for (int truth : {-1, 0, 7})
        for (int answer : {-1, 3, 7})
            for (bool wrongOnly : {false, true})
                for (BrowseOrder order : {BrowseOrder::Index, BrowseOrder::MostConfident,
                                          BrowseOrder::LeastConfident}) {
                    const BrowseFilter f{truth, answer, wrongOnly, order};
                    INFO("truth ", truth, " answer ", answer, " wrong ", wrongOnly, " order ",
                         toString(order));
                    const std::vector<uint32_t> got = browse(s.labels, &s.answers, f);
                    size_t expected = 0;
                    for (size_t i = 0; i < s.labels.size(); ++i)
                        expected += passes(s, i, f);
                    REQUIRE(got.size() == expected);
                    for (size_t k = 0; k < got.size(); ++k) {
                        CHECK(passes(s, got[k], f));
                        if (k == 0) continue;
                        const float a = s.answers.confidence[got[k - 1]];
                        const float b = s.answers.confidence[got[k]];
                        const bool tie = order == BrowseOrder::Index || a == b;
                        if (tie) CHECK(got[k - 1] < got[k]); // index order, and ties by index
                        if (order == BrowseOrder::MostConfident) CHECK(a >= b);
                        if (order == BrowseOrder::LeastConfident) CHECK(a <= b);
                    }
                }
    // A cell of the matrix, most confident first: the first is the cell's most confident image.
    const std::vector<uint32_t> cell =
        browse(s.labels, &s.answers, {4, 2, false, BrowseOrder::MostConfident});
    REQUIRE(!cell.empty());
    for (uint32_t i : cell)
        CHECK(s.answers.confidence[i] <= s.answers.confidence[cell.front()]);
}

TEST_CASE("browse: without answers only the true label filters, in index order")
{
    const Scored s = randomScored(500, 3);
    const std::vector<uint32_t> got =
        browse(s.labels, nullptr, {5, 2, true, BrowseOrder::MostConfident});
    std::vector<uint32_t> expected;
    for (size_t i = 0; i < s.labels.size(); ++i)
        if (s.labels[i] == 5) expected.push_back(uint32_t(i));
    CHECK(got == expected);
    Evaluation other = s.answers; // another set's answers (another size) count as none
    other.predicted.pop_back();
    CHECK(browse(s.labels, &other, {5, 2, true, BrowseOrder::Index}) == expected);
    CHECK(browse({}, &s.answers, {}).empty());
}

TEST_CASE("app model: the Data tab's list of the test set uses the test score")
{
    TempDir dir("app-browse-test");
    writeMnist(dir.path, 30, 400);
    AppModel model(nnviz::gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] { return snap.score.test && snap.browser.answers; }));
    const BrowserState& b = snap.browser;
    CHECK(b.answers == snap.score.test); // the same evaluation, not a second one
    CHECK(!b.scoring);
    REQUIRE(b.shown);
    CHECK(b.shown->size() == 400); // no filter: the whole set

    // A confusion cell, as the Mistakes tab asks for it: the most confident answer first.
    const Evaluation& score = *snap.score.test;
    const int truth = 3, answer = score.predicted[3]; // image 3's cell exists
    model.takeEvents();
    BrowseRequest cell;
    cell.filter = {truth, answer, false, BrowseOrder::MostConfident};
    request(model, [&](UiRequests& r) { r.browse = cell; });
    const Dataset& test = *snap.data.testSet;
    REQUIRE(b.shown->size() == size_t(score.confusion[size_t(truth)][size_t(answer)]));
    CHECK(*b.shown == browse(test.labels, &score, cell.filter));
    bool sawBrowse = false;
    for (const ModelEvent& e : model.takeEvents())
        if (const auto* ev = std::get_if<event::Browsed>(&e)) {
            sawBrowse = true;
            CHECK(ev->shown == b.shown->size());
            CHECK(ev->total == 400);
            CHECK(ev->scored);
            CHECK(ev->filter == cell.filter);
        }
    CHECK(sawBrowse);

    // Classes past the last are refused (clamped to "any").
    request(model, [&](UiRequests& r) {
        r.browse =
            BrowseRequest{DatasetKind::Mnist, Split::Test, {99, -5, false, BrowseOrder::Index}};
    });
    CHECK(b.filter.truth == kClassCount - 1);
    CHECK(b.filter.answer == -1);
}

TEST_CASE("app model: another set is scored in the background, again after a model change")
{
    TempDir dir("app-browse-train");
    writeMnist(dir.path, 600, 50);
    AppModel model(nnviz::gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    const BrowserState& b = snap.browser;
    request(model, [](UiRequests& r) {
        r.browse = BrowseRequest{
            DatasetKind::Mnist, Split::Train, {-1, -1, true, BrowseOrder::MostConfident}};
    });
    CHECK(b.split == Split::Train);
    REQUIRE(tickUntil(model, [&] {
        return b.set && b.answers && b.answersVersion == snap.model.weightsVersion;
    }));
    CHECK(!b.scoring);
    CHECK(b.set->size() == 600);
    const Evaluation fresh = evaluate(*snap.model.net, *b.set);
    CHECK(b.answers->predicted == fresh.predicted);
    CHECK(*b.shown == browse(b.set->labels, &fresh, b.filter));
    const auto first = b.answers;

    // Another network: the answers are stale until the background scoring replaces them.
    request(model, [&](UiRequests& r) {
        r.openModel = fs::path(NNVIZ_SOURCE_DIR) / "assets" / "models" / "relu.nnvz";
    });
    CHECK(b.answersVersion != snap.model.weightsVersion);
    REQUIRE(tickUntil(model, [&] { return b.answersVersion == snap.model.weightsVersion; }));
    CHECK(b.answers != first);
    CHECK(b.answers->predicted == evaluate(*snap.model.net, *b.set).predicted);
    CHECK(*b.shown == browse(b.set->labels, b.answers.get(), b.filter));
    CHECK(!b.scoring);
    CHECK(tickUntil(
        model, [&] { return !model.animating(); }, 5)); // nothing left to wait for
}

TEST_CASE("app model: a set's image asked for goes onto the pad, where the brush edits it")
{
    TempDir dir("app-browse-image");
    writeMnist(dir.path, 40, 20);
    AppModel model(nnviz::gui::test::bundledConfig(dir.path));
    const Snapshot& snap = model.snapshot();
    // Not loaded yet: nothing happens.
    request(model, [](UiRequests& r) {
        r.setImage = ImageRef{DatasetKind::Mnist, Split::Train, 7};
    });
    CHECK(!snap.input.fromSet);
    request(model, [](UiRequests& r) {
        r.browse = BrowseRequest{DatasetKind::Mnist, Split::Train, {}};
    });
    REQUIRE(tickUntil(model, [&] { return snap.browser.answers != nullptr; }));
    model.takeEvents();

    const ImageRef ref{DatasetKind::Mnist, Split::Train, 7};
    request(model, [&](UiRequests& r) { r.setImage = ref; });
    const Dataset& train = *snap.browser.set;
    const GrayImage expected = resized(fromBytes(train.image(7), train.cols, train.rows),
                                       snap.input.canvas->width, snap.input.canvas->height);
    CHECK(snap.input.canvas->pixels == expected.pixels);
    REQUIRE(snap.input.fromSet);
    CHECK(*snap.input.fromSet == ref);
    const std::vector<event::SetImage> events = setImageEvents(model);
    REQUIRE(events.size() == 1);
    CHECK(events[0].index == 7);
    CHECK(events[0].split == Split::Train);
    CHECK(events[0].label == int(train.labels[7]));
    CHECK(events[0].answer == snap.browser.answers->predicted[7]);

    // The brush edits it (it stays "from the set"); Clear forgets it.
    const uint64_t version = snap.input.canvasVersion;
    request(model, [](UiRequests& r) { r.strokes.push_back({20, 20, 200, 200, 12, false}); });
    CHECK(snap.input.canvasVersion > version);
    CHECK(snap.input.fromSet);
    request(model, [](UiRequests& r) { r.clearCanvas = true; });
    CHECK(!snap.input.fromSet);
    // Past the end: ignored.
    request(model, [&](UiRequests& r) {
        r.setImage = ImageRef{DatasetKind::Mnist, Split::Train, 40};
    });
    CHECK(!snap.input.fromSet);
}
