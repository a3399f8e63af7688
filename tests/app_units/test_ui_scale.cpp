// The interface's scale (app/gui/window/ui_scale.hpp): the fit factor's figures at the window
// sizes a classroom has, the zoom's steps and ends, and the rate limit on rebuilding the font
// atlas while a window is dragged to another size.
#include "app/gui/window/ui_scale.hpp"

#include <doctest/doctest.h>

using namespace nnviz::gui;

TEST_CASE("the type is 16 px up to 1600x1000, 23 px at 2560x1440, ~35 px at 3840x2160")
{
    CHECK(fontPixels(1, fitFactor(1280, 720), 1) == 16);
    CHECK(fontPixels(1, fitFactor(1600, 1000), 1) == 16);
    CHECK(fontPixels(1, fitFactor(1920, 1080), 1) == 17);
    CHECK(fontPixels(1, fitFactor(2560, 1440), 1) == 23); // the old large tier
    CHECK(fontPixels(1, fitFactor(3840, 2160), 1) == 35);
    CHECK(fitFactor(10000, 8000) == doctest::Approx(2.5)); // capped
    CHECK(fitFactor(0, 0) == doctest::Approx(1));          // a minimised window
    // Content scale and zoom multiply; never below 8 px.
    CHECK(fontPixels(2, fitFactor(1600, 1000), 1.25f) == 40);
    CHECK(fontPixels(1, 1, 0.1f) == 8);
}

TEST_CASE("zoom steps: in and out through the steps, stopping at 0.75 and 3; Reset is 1")
{
    float z = 1;
    z = applyZoomKey(z, ZoomKey::In);
    CHECK(z == doctest::Approx(1.1));
    z = applyZoomKey(z, ZoomKey::In);
    CHECK(z == doctest::Approx(1.25));
    z = applyZoomKey(z, ZoomKey::Out);
    CHECK(z == doctest::Approx(1.1));
    for (int i = 0; i < 20; ++i)
        z = applyZoomKey(z, ZoomKey::In);
    CHECK(z == doctest::Approx(kMaxZoom));
    for (int i = 0; i < 20; ++i)
        z = applyZoomKey(z, ZoomKey::Out);
    CHECK(z == doctest::Approx(kMinZoom));
    CHECK(applyZoomKey(2.5f, ZoomKey::Reset) == doctest::Approx(1));
    // Between two steps (--scale 1.3): to the nearer step in that direction.
    CHECK(zoomIn(1.3f) == doctest::Approx(1.5));
    CHECK(zoomOut(1.3f) == doctest::Approx(1.25));
    // A zoom read back from text, a hair off its step, still moves a whole step.
    CHECK(zoomIn(1.1000001f) == doctest::Approx(1.25));
    CHECK(zoomOut(1.0999999f) == doctest::Approx(1.0));
}

TEST_CASE("UiScale: a zoom key applies at once, a resize at most every kResizeInterval")
{
    UiScale scale(1);
    int shown = 16;
    CHECK(scale.wantedPixels(1600, 1000, 0.0, shown) == 16);
    CHECK(scale.press(ZoomKey::In));
    shown = scale.wantedPixels(1600, 1000, 0.01, shown);
    CHECK(shown == 18);
    CHECK(scale.press(ZoomKey::Reset)); // back to 1: a change
    shown = scale.wantedPixels(1600, 1000, 0.02, shown);
    CHECK(shown == 16);
    CHECK_FALSE(scale.press(ZoomKey::Reset)); // already 1

    // Dragged bigger: the first change lands, the next ones wait for the interval...
    shown = scale.wantedPixels(2560, 1440, 1.0, shown);
    CHECK(shown == 23);
    CHECK(scale.wantedPixels(3000, 1800, 1.05, shown) == 23);
    CHECK(scale.pending());
    // ...and land once it has passed.
    shown = scale.wantedPixels(3000, 1800, 1.0 + UiScale::kResizeInterval + 0.01, shown);
    CHECK(shown == 29);
    CHECK_FALSE(scale.pending());
    // A zoom key in between is not held back.
    CHECK(scale.press(ZoomKey::In));
    CHECK(scale.wantedPixels(3000, 1800, 1.22, shown) == 32);
}

TEST_CASE("UiScale: the fit uses the logical size (screen coordinates over the content scale)")
{
    UiScale scale(1);
    scale.setContentScale(2);
    // A 1600x1000 window on a 2x monitor is 3200x2000 pixels on X11: 32 px type, not 64.
    CHECK(scale.wantedPixels(3200, 2000, 0, 0) == 32);
    CHECK(scale.fit() == doctest::Approx(1));
}

TEST_CASE("UiScale: presentation mode's minimum type size applies at once and goes again")
{
    UiScale scale(1);
    int shown = scale.wantedPixels(1920, 1080, 0, 0);
    CHECK(shown == 17);
    scale.setMinimumPixels(36); // a 1080-high screen's presentation type
    shown = scale.wantedPixels(1920, 1080, 0.01, shown); // within the resize interval: not held
    CHECK(shown == 36);
    CHECK(scale.naturalPixels(1920, 1080) == 17); // what presentation's minimum is made from
    CHECK(scale.press(ZoomKey::In)); // a zoom above the minimum still shows
    CHECK(scale.wantedPixels(3840, 2160, 0.02, shown) == 38);
    scale.setMinimumPixels(0);
    CHECK(scale.press(ZoomKey::Reset));
    CHECK(scale.wantedPixels(1920, 1080, 0.03, shown) == 17);
}
