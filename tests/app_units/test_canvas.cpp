// The drawing pad without a window: strokes sent as UiRequests land where they should with the
// brush's radius, erasing removes ink, a stroke past the pad's edge is clipped, and the network's
// input follows the pad (preprocessed, or raw when asked).
#include "app/gui/model/app_model.hpp"
#include "core/image.hpp"
#include "tests/app_units/app_model_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace nnviz;
using namespace nnviz::gui;
using nnviz::gui::test::request;

namespace {

constexpr int kSize = AppModel::kCanvasSize;

// Distance from pixel (x, y)'s centre to the stroke's segment: computed here on its own, not by
// the model's code.
float distanceTo(const CanvasStroke& s, int x, int y)
{
    const float px = float(x) + 0.5f, py = float(y) + 0.5f;
    const float dx = s.x1 - s.x0, dy = s.y1 - s.y0;
    const float len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? ((px - s.x0) * dx + (py - s.y0) * dy) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    return std::hypot(px - (s.x0 + t * dx), py - (s.y0 + t * dy));
}

// Every pixel against the brush: full ink within 55 % of the radius of the segment, none from
// the radius on, some in between. Returns how many pixels broke the rule.
int brushMismatches(const GrayImage& pad, const CanvasStroke& s)
{
    int wrong = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x) {
            const float d = distanceTo(s, x, y), v = pad.at(x, y);
            const float margin = 1e-3f; // pixels right on a boundary may go either way
            if (d < 0.55f * s.radius - margin && v != 1.0f)
                ++wrong;
            else if (d > s.radius + margin && v != 0.0f)
                ++wrong;
            else if (d > 0.55f * s.radius + margin && d < s.radius - margin && !(v > 0 && v < 1))
                ++wrong;
        }
    return wrong;
}

float sum(const GrayImage& pad)
{
    float total = 0;
    for (float v : pad.pixels)
        total += v;
    return total;
}

} // namespace

TEST_CASE("canvas: a stroke paints the segment with the brush's radius, and the input follows")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    REQUIRE(snap.input.canvas->width == kSize);
    CHECK(sum(*snap.input.canvas) == 0.0f);
    CHECK_FALSE(snap.input.ink);
    const uint64_t canvasVersion = snap.input.canvasVersion, inputVersion = snap.input.version;

    const CanvasStroke stroke{90.0f, 100.0f, 190.0f, 170.0f, 12.0f, false};
    request(model, [&](UiRequests& r) { r.strokes.push_back(stroke); });
    CHECK(brushMismatches(*snap.input.canvas, stroke) == 0);
    CHECK(snap.input.canvasVersion > canvasVersion);
    CHECK(snap.input.version > inputVersion);

    // What the network sees is the pad, preprocessed like every digit it was trained on.
    CHECK(snap.input.ink);
    CHECK(snap.input.preprocessed.isApprox(preprocessDigit(*snap.input.canvas)));
    CHECK(snap.input.raw.isApprox(downsample(*snap.input.canvas)));
    CHECK(snap.input.pixels == snap.input.preprocessed);
    const ForwardTrace expected = forward(*snap.model.net, snap.input.pixels);
    CHECK(snap.output.trace.output().isApprox(expected.output()));

    // Raw input: the same pad, downsampled without centring.
    request(model, [](UiRequests& r) { r.rawInput = true; });
    CHECK(snap.input.pixels == snap.input.raw);
    request(model, [](UiRequests& r) { r.rawInput = false; });
    CHECK(snap.input.pixels == snap.input.preprocessed);

    // A dot (a stroke of no length) is a disc.
    const CanvasStroke dot{40.0f, 240.0f, 40.0f, 240.0f, 6.0f, false};
    model.clearCanvas();
    request(model, [&](UiRequests& r) { r.strokes.push_back(dot); });
    CHECK(brushMismatches(*snap.input.canvas, dot) == 0);

    model.clearCanvas();
    CHECK(sum(*snap.input.canvas) == 0.0f);
    CHECK_FALSE(snap.input.ink);
    CHECK(snap.input.pixels.isZero());
}

TEST_CASE("canvas: erasing removes ink under the brush and nowhere else")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();
    const CanvasStroke line{40.0f, 140.0f, 240.0f, 140.0f, 14.0f, false};
    request(model, [&](UiRequests& r) { r.strokes.push_back(line); });
    const GrayImage before = *snap.input.canvas;

    const CanvasStroke eraser{140.0f, 100.0f, 140.0f, 180.0f, 10.0f, true};
    request(model, [&](UiRequests& r) { r.strokes.push_back(eraser); });
    const GrayImage& after = *snap.input.canvas;
    int erased = 0, wrong = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x) {
            const float d = distanceTo(eraser, x, y), was = before.at(x, y), is = after.at(x, y);
            if (d < 0.55f * eraser.radius - 1e-3f) { // cleared
                wrong += is != 0.0f;
                erased += was > 0;
            } else if (d > eraser.radius + 1e-3f) { // untouched
                wrong += is != was;
            } else { // lightened at most
                wrong += is > was;
            }
        }
    CHECK(wrong == 0);
    CHECK(erased > 50); // the line had ink there
    CHECK(snap.input.preprocessed.isApprox(preprocessDigit(after)));
}

TEST_CASE("canvas: a stroke past the pad's edge is clipped to the pad")
{
    AppModel model(test::bundledConfig("/nonexistent"));
    const Snapshot& snap = model.snapshot();

    // From outside the top-left corner into the pad: what lies on the pad is painted.
    const CanvasStroke across{-60.0f, -30.0f, 50.0f, 40.0f, 15.0f, false};
    request(model, [&](UiRequests& r) { r.strokes.push_back(across); });
    CHECK(brushMismatches(*snap.input.canvas, across) == 0);
    CHECK(snap.input.canvas->at(0, 0) == 1.0f);
    CHECK(snap.input.canvas->pixels.size() == size_t(kSize) * kSize);

    // Wholly outside (every side): nothing changes.
    model.clearCanvas();
    const CanvasStroke outside[] = {{-80.0f, 50.0f, -20.0f, 200.0f, 10.0f, false},
                                    {300.0f, 50.0f, 400.0f, 60.0f, 10.0f, false},
                                    {50.0f, -40.0f, 200.0f, -15.0f, 10.0f, false},
                                    {50.0f, 295.0f, 200.0f, 600.0f, 10.0f, false}};
    request(model,
            [&](UiRequests& r) { r.strokes.assign(std::begin(outside), std::end(outside)); });
    CHECK(sum(*snap.input.canvas) == 0.0f);
    CHECK_FALSE(snap.input.ink);

    // Along the bottom-right edge, half on the pad.
    const CanvasStroke edge{kSize - 40.0f, kSize + 2.0f, kSize + 30.0f, kSize - 30.0f, 9.0f, false};
    request(model, [&](UiRequests& r) { r.strokes.push_back(edge); });
    CHECK(brushMismatches(*snap.input.canvas, edge) == 0);
    CHECK(snap.input.ink);
}
