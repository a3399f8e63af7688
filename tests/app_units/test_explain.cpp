// The Explain tab's model side: its gallery holds exactly what dream() makes for the same
// network, layer and config (computed in the background, cached per network and layer); the
// drawing's saliency is outputSaliency() / occlusion() of the network's input, for the answer or
// a chosen output; Noise puts noiseImage() on the pad, read as it is and answered; the noise
// survey equals noiseSurvey(); the overlay's place on the pad follows preprocessing; a deeper
// network's layers dream as many pictures as they have neurons.
#include "app/gui/model/app_model.hpp"
#include "core/model_file.hpp"
#include "tests/app_units/app_model_fixture.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <variant>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;
using nnviz::gui::test::tickUntil;

namespace {

// A "7"-ish stroke, small and in the pad's top-left quarter (preprocessing moves it).
void drawSmallSeven(AppModel& model)
{
    const float s = float(AppModel::kCanvasSize);
    request(model, [&](UiRequests& r) {
        r.explainShown = true;
        r.strokes.push_back({0.10f * s, 0.10f * s, 0.40f * s, 0.10f * s, 0.03f * s, false});
        r.strokes.push_back({0.40f * s, 0.10f * s, 0.20f * s, 0.45f * s, 0.03f * s, false});
    });
}

template <class E> std::vector<E> eventsOf(const std::vector<ModelEvent>& events)
{
    std::vector<E> out;
    for (const ModelEvent& e : events)
        if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    return out;
}

// Shows the tab (with `fill`'s other requests) and ticks until the wanted gallery is there.
const DreamGallery& galleryAfter(AppModel& model, const std::function<void(UiRequests&)>& fill)
{
    request(model, [&](UiRequests& r) {
        r.explainShown = true;
        fill(r);
    });
    const Snapshot& snap = model.snapshot();
    REQUIRE(tickUntil(model, [&] {
        const auto& g = snap.explain.gallery;
        return g && g->net == snap.model.net && g->layer == snap.explain.layer &&
               g->config.fromNoise == snap.explain.fromNoise;
    }));
    return *snap.explain.gallery;
}

void checkGalleryIsDream(const DreamGallery& g)
{
    REQUIRE(int(g.dreams.size()) == g.net->sizes[size_t(g.layer)]);
    for (int j = 0; j < int(g.dreams.size()); ++j) {
        const DreamResult direct = dream(*g.net, g.layer, j, g.config);
        CHECK(g.dreams[size_t(j)].image == direct.image); // bit for bit: the same computation
        CHECK(g.dreams[size_t(j)].activation == direct.activation);
    }
}

} // namespace

TEST_CASE("explain: the gallery holds dream() of every neuron, cached per network and layer")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    model.takeEvents();
    const DreamGallery& first = galleryAfter(model, [](UiRequests&) {});
    CHECK(first.layer == 1);
    CHECK_FALSE(first.config.fromNoise);
    checkGalleryIsDream(first);
    const auto shown = eventsOf<event::Dreams>(model.takeEvents());
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].count == snap.model.net->sizes[1]);
    CHECK_FALSE(shown[0].cached);
    CHECK(shown[0].activations[0] == first.dreams[0].activation);

    // The outputs from noise: "the 5 the network imagines", each read as its own class.
    const int L = snap.model.net->layerCount();
    const DreamGallery& outputs = galleryAfter(model, [&](UiRequests& r) {
        r.explainLayer = L;
        r.dreamFromNoise = true;
    });
    CHECK(snap.view.selected == NeuronRef{L, 0}); // the layer chooser selects its first neuron
    CHECK(outputs.config.fromNoise);
    checkGalleryIsDream(outputs);
    for (const DreamResult& d : outputs.dreams)
        CHECK(d.activation > 0.9f);

    // Back to the first layer from blank: from the cache, the very same gallery.
    const auto firstPtr = snap.explain.gallery;
    model.takeEvents();
    request(model, [&](UiRequests& r) {
        r.explainShown = true;
        r.select = NeuronRef{1, 2}; // a click in the network view: the gallery follows its layer
        r.dreamFromNoise = false;
    });
    model.tick(0.01);
    CHECK(snap.explain.layer == 1);
    const auto again = eventsOf<event::Dreams>(model.takeEvents());
    REQUIRE(again.size() == 1);
    CHECK(again[0].cached);
    CHECK(snap.explain.gallery->layer == 1);
    CHECK(snap.explain.gallery.get() != firstPtr.get()); // firstPtr was the outputs' gallery
    checkGalleryIsDream(*snap.explain.gallery);

    // Other weights: dreamt again (A swaps to relu.nnvz).
    request(model, [](UiRequests& r) {
        r.explainShown = true;
        r.toggleActivation = true;
    });
    const DreamGallery& relu = galleryAfter(model, [](UiRequests&) {});
    CHECK((relu.net->hidden == Activation::Relu));
    checkGalleryIsDream(relu);
}

TEST_CASE("explain: saliency is outputSaliency (or occlusion) of the drawing, following it")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    const Network& net = *snap.model.net;
    model.takeEvents();
    drawSmallSeven(model);
    const ExplainState& e = snap.explain;
    CHECK(e.output == snap.output.answer);
    CHECK_FALSE(e.chosenOutput);
    CHECK(e.saliency == outputSaliency(net, snap.input.pixels, snap.output.answer));
    const auto opened = eventsOf<event::Saliency>(model.takeEvents());
    REQUIRE(opened.size() == 1); // the tab opened
    CHECK(opened[0].output == snap.output.answer);

    // Another output, then occlusion: each the core function's result for this input.
    const int other = (snap.output.answer + 1) % net.outputSize();
    request(model, [&](UiRequests& r) {
        r.explainShown = true;
        r.saliencyOutput = other;
    });
    CHECK(e.output == other);
    CHECK(e.saliency == outputSaliency(net, snap.input.pixels, other));
    request(model, [&](UiRequests& r) {
        r.explainShown = true;
        r.saliencyMode = SaliencyMode::Occlusion;
    });
    const Occlusion o = occlusion(net, snap.input.pixels, other, kDigitSide, 4);
    CHECK(e.saliency == o.pixelMap);
    CHECK(e.base == o.base);

    // A new stroke: recomputed for the new input.
    const uint64_t before = e.version;
    request(model, [](UiRequests& r) {
        r.explainShown = true;
        r.strokes.push_back({150, 150, 200, 220, 10, false});
    });
    CHECK(e.version > before);
    CHECK(e.saliency ==
          occlusion(net, snap.input.pixels, other, kDigitSide, 4).pixelMap);
    // The tab hidden (a frame without it) and no overlay: nothing computed any more; the
    // overlay alone keeps it going.
    request(model, [](UiRequests&) {});
    const uint64_t hidden = e.version;
    request(model, [](UiRequests& r) { r.strokes.push_back({60, 200, 90, 240, 10, false}); });
    CHECK(e.version == hidden);
    request(model, [](UiRequests& r) { r.saliencyOverlay = true; });
    CHECK(e.overlay);
    CHECK(e.version > hidden);
    CHECK(e.saliency == occlusion(net, snap.input.pixels, other, kDigitSide, 4).pixelMap);
}

TEST_CASE("explain: the overlay's frame on the pad matches the drawing's ink to the input's")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    drawSmallSeven(model);
    const auto& on = snap.explain.onPad;
    // The input's ink box, mapped through the frame, lands on the pad's ink box: its left,
    // right, top and bottom edges.
    int ix0 = kDigitSide, ix1 = -1, iy0 = kDigitSide, iy1 = -1;
    for (int i = 0; i < snap.input.pixels.size(); ++i)
        if (snap.input.pixels[i] > 0) {
            ix0 = std::min(ix0, i % kDigitSide);
            ix1 = std::max(ix1, i % kDigitSide);
            iy0 = std::min(iy0, i / kDigitSide);
            iy1 = std::max(iy1, i / kDigitSide);
        }
    int px0 = AppModel::kCanvasSize, px1 = -1, py0 = AppModel::kCanvasSize, py1 = -1;
    for (int y = 0; y < AppModel::kCanvasSize; ++y)
        for (int x = 0; x < AppModel::kCanvasSize; ++x)
            if (snap.input.canvas->at(x, y) > 0) {
                px0 = std::min(px0, x);
                px1 = std::max(px1, x);
                py0 = std::min(py0, y);
                py1 = std::max(py1, y);
            }
    const float toPadX = on.w / float(kDigitSide), toPadY = on.h / float(kDigitSide);
    CHECK(on.x + float(ix0) * toPadX == doctest::Approx(float(px0)));
    CHECK(on.x + float(ix1 + 1) * toPadX == doctest::Approx(float(px1 + 1)));
    CHECK(on.y + float(iy0) * toPadY == doctest::Approx(float(py0)));
    CHECK(on.y + float(iy1 + 1) * toPadY == doctest::Approx(float(py1 + 1)));
    CHECK(on.w < float(AppModel::kCanvasSize)); // a small drawing is enlarged to fit the frame
    // Raw input: the frame is the whole pad.
    request(model, [](UiRequests& r) {
        r.explainShown = true;
        r.rawInput = true;
    });
    CHECK(on.x == 0);
    CHECK(on.w == float(AppModel::kCanvasSize));
}

TEST_CASE("explain: noise on the pad is answered; the survey is noiseSurvey's")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    const Network& net = *snap.model.net;
    model.takeEvents();
    request(model, [](UiRequests& r) { r.noiseImage = true; });
    REQUIRE(snap.input.noise);
    const Eigen::VectorXf x = noiseImage(net.inputSize(), *snap.input.noise);
    CHECK((snap.input.pixels - x).cwiseAbs().maxCoeff() < 1e-5f); // read raw, as it is
    CHECK(snap.input.ink);
    CHECK(snap.output.answer == answerTo(net, x).answer);
    CHECK(snap.output.confidence == doctest::Approx(answerTo(net, x).confidence).epsilon(1e-4));
    const auto events = model.takeEvents();
    REQUIRE(eventsOf<event::Noise>(events).size() == 1);
    REQUIRE(eventsOf<event::Prediction>(events).size() == 1);
    CHECK(std::holds_alternative<event::Noise>(events.front())); // before its prediction
    // Another press, another image; Clear ends it.
    const uint64_t seed = *snap.input.noise;
    request(model, [](UiRequests& r) { r.noiseImage = true; });
    CHECK(*snap.input.noise != seed);
    request(model, [](UiRequests& r) { r.clearCanvas = true; });
    CHECK_FALSE(snap.input.noise);

    // The survey, in the background once the tab shows.
    request(model, [](UiRequests& r) { r.explainShown = true; });
    REQUIRE(tickUntil(model, [&] { return snap.explain.survey.has_value(); }));
    const NoiseSurvey direct = noiseSurvey(net, 1000, 1, 0.9f);
    CHECK(snap.explain.survey->count == 1000);
    CHECK(snap.explain.survey->confident == direct.confident);
    CHECK(snap.explain.survey->answers == direct.answers);
    const auto surveyed = eventsOf<event::NoiseSurveyed>(model.takeEvents());
    REQUIRE(surveyed.size() == 1);
    CHECK(surveyed[0].confident == direct.confident);
    CHECK(surveyed[0].count == 1000);
}

TEST_CASE("explain: a 784-64-32-16-10 network dreams each layer's neurons")
{
    TempDir dir("explain-deep");
    const Network deep = makeNetwork({kDigitPixels, 64, 32, 16, kClassCount}, Activation::Relu,
                                     Activation::Softmax, 3);
    saveModel(deep, dir.path / "deep.nnvz");
    AppModelConfig config = test::bundledConfig(dir.path / "no-data");
    config.model = dir.path / "deep.nnvz";
    AppModel model(config);
    const Snapshot& snap = model.snapshot();
    REQUIRE(snap.model.net->sizes == deep.sizes);
    for (int layer = 1; layer <= deep.layerCount(); ++layer) {
        const DreamGallery& g = galleryAfter(model, [&](UiRequests& r) { r.explainLayer = layer; });
        CHECK(g.layer == layer);
        CHECK(int(g.dreams.size()) == deep.sizes[size_t(layer)]);
    }
    checkGalleryIsDream(*snap.explain.gallery);

    // From the deep network's outputs (layer 4) to a network of two layers: the gallery follows
    // the selection to a layer the new network has (its outputs), and dreams it.
    saveModel(makeNetwork({kDigitPixels, 8, kClassCount}, Activation::Sigmoid,
                          Activation::Softmax, 4),
              dir.path / "small.nnvz");
    const DreamGallery& small =
        galleryAfter(model, [&](UiRequests& r) { r.openModel = dir.path / "small.nnvz"; });
    CHECK(snap.model.net->layerCount() == 2);
    CHECK(small.layer == 2);
    CHECK(small.dreams.size() == size_t(kClassCount));
}
