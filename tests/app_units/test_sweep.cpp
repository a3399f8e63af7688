// The sweep: after the input changes, the activations fill in layer by layer. Mid-sweep layer l
// shows the previous activations blended towards the new trace by exactly
// clamp(position − (l − 1), 0, 1) (weighted sums likewise); at the end it shows the trace; with the
// sweep switched off the trace shows at once.
#include "app/gui/model/app_model.hpp"
#include "tests/app_units/app_model_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;

namespace {

// from + (to − from)·k, the blend the sweep must show.
Eigen::VectorXf blend(const Eigen::VectorXf& from, const Eigen::VectorXf& to, float k)
{
    return from + (to - from) * k;
}

void checkShowsTrace(const Snapshot& snap)
{
    const ForwardTrace& t = snap.output.trace;
    for (size_t l = 0; l < t.a.size(); ++l)
        CHECK(snap.sweep.shown.a[l] == t.a[l]);
    for (size_t l = 0; l < t.z.size(); ++l)
        CHECK(snap.sweep.shown.z[l] == t.z[l]);
}

const CanvasStroke kStroke{120.0f, 60.0f, 150.0f, 220.0f, 11.0f, false};

} // namespace

TEST_CASE("sweep: mid-sweep each layer blends the previous activations into the new trace")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    const int L = snap.model.net->layerCount();
    REQUIRE(L == 3);
    REQUIRE(snap.sweep.enabled);
    CHECK(snap.sweep.position == float(L)); // nothing to sweep at start
    checkShowsTrace(snap);
    const ForwardTrace before = snap.output.trace; // what is on screen

    request(model, [](UiRequests& r) { r.strokes.push_back(kStroke); });
    REQUIRE(snap.sweep.position == 0.0f);
    const ForwardTrace& after = snap.output.trace;
    REQUIRE_FALSE(after.output().isApprox(before.output())); // the stroke changed the answer
    CHECK(snap.sweep.shown.a[0] == after.a[0]);              // the input shows at once
    CHECK_FALSE(snap.answerShown());

    // speed 6 layers/s: ticks of 1/24 s move the front a quarter layer.
    for (int step = 1; step <= 4 * L; ++step) {
        model.tick(1.0 / 24.0);
        const float position = float(step) / 4.0f;
        REQUIRE(snap.sweep.position == doctest::Approx(position));
        for (int l = 1; l <= L; ++l) {
            CAPTURE(position);
            CAPTURE(l);
            const float k = std::clamp(snap.sweep.position - float(l - 1), 0.0f, 1.0f);
            CHECK(snap.shownActivation(l).isApprox(
                blend(before.a[size_t(l)], after.a[size_t(l)], k)));
            CHECK(snap.shownWeightedSum(l).isApprox(
                blend(before.z[size_t(l - 1)], after.z[size_t(l - 1)], k)));
        }
    }
    // At the end: exactly the trace, and the answer.
    model.tick(1.0 / 24.0); // past any rounding of the quarters
    CHECK(snap.sweep.position == float(L));
    checkShowsTrace(snap);
    CHECK(snap.answerShown());
}

TEST_CASE("sweep: half-way, layer 1 is new, layer 2 half, layer 3 untouched")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    const ForwardTrace before = snap.output.trace;
    request(model, [](UiRequests& r) { r.strokes.push_back(kStroke); });
    model.tick(0.25); // 1.5 layers at 6 layers/s
    REQUIRE(snap.sweep.position == 1.5f);
    const ForwardTrace& after = snap.output.trace;
    CHECK(snap.shownActivation(1) == after.a[1]);
    CHECK(snap.shownActivation(2).isApprox(0.5f * (before.a[2] + after.a[2])));
    CHECK(snap.shownActivation(3) == before.a[3]);
    CHECK(snap.shownWeightedSum(3) == before.z[2]);

    model.tick(10.0); // past the end: clamped
    CHECK(snap.sweep.position == 3.0f);
    checkShowsTrace(snap);
}

TEST_CASE("sweep: switched off, the trace shows at once")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    request(model, [](UiRequests& r) { r.strokes.push_back(kStroke); });
    model.tick(0.1);
    REQUIRE(snap.sweep.position < 3.0f);

    // Mid-sweep: switching it off ends it.
    request(model, [](UiRequests& r) { r.sweepEnabled = false; });
    CHECK(snap.sweep.position == 3.0f);
    checkShowsTrace(snap);

    // Off: new input shows whole, with no tick.
    request(model, [](UiRequests& r) {
        r.strokes.push_back({30.0f, 30.0f, 250.0f, 250.0f, 8.0f, false});
    });
    CHECK(snap.sweep.position == 3.0f);
    checkShowsTrace(snap);
    CHECK(snap.answerShown());
}
