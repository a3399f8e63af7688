// core/dream: activation maximisation raises the chosen neuron well above its value on a blank
// image and on real digits, keeps pixels in 0..1, stops when cancelled, and the smoothness
// penalty makes a smoother picture.

#include "core/dream.hpp"
#include "core/errors.hpp"
#include "core/rescore.hpp"
#include "tests/unit/real_data.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>

using namespace nnviz;

namespace {

// Σ (x_p − x_q)² over right and down neighbours of a side × side image.
double roughness(const Eigen::VectorXf& x, int side)
{
    double s = 0;
    for (int y = 0; y < side; ++y)
        for (int c = 0; c < side; ++c) {
            if (c + 1 < side) s += std::pow(x[y * side + c] - x[y * side + c + 1], 2);
            if (y + 1 < side) s += std::pow(x[y * side + c] - x[(y + 1) * side + c], 2);
        }
    return s;
}

} // namespace

TEST_CASE("dream: every neuron of the bundled sigmoid model ends far above blank and test images")
{
    const Network net = test::bundledModel("sigmoid.nnvz");
    const auto mnist = test::mnistTestSet();
    if (!mnist) MESSAGE("MNIST absent: the comparison with test images is skipped");
    const LayerActivity act = mnist ? layerActivity(net, *mnist) : LayerActivity{};
    for (int layer = 1; layer <= net.layerCount(); ++layer) {
        for (int j = 0; j < net.sizes[size_t(layer)]; ++j) {
            CAPTURE(layer);
            CAPTURE(j);
            const DreamResult r = dream(net, layer, j);
            REQUIRE(r.image.size() == 784);
            CHECK(r.image.minCoeff() >= 0.0f);
            CHECK(r.image.maxCoeff() <= 1.0f);
            CHECK(r.steps == DreamConfig{}.steps);
            CHECK_FALSE(r.cancelled);
            // Well above blank: at least halfway from the blank value to 1 (sigmoid, softmax).
            CHECK(r.activation >= r.blankActivation + 0.5f * (1.0f - r.blankActivation));
            if (mnist) {
                const float mean = act.mean[size_t(layer)][j], max = act.max[size_t(layer)][j];
                CAPTURE(mean);
                CAPTURE(max);
                CHECK(r.activation > mean);
                CHECK(r.activation > 0.9f * max);
            }
        }
    }
}

TEST_CASE("dream: an output neuron's image is read as its own digit")
{
    const Network net = test::bundledModel("relu.nnvz");
    for (int k = 0; k < 10; ++k) {
        const DreamResult r = dream(net, net.layerCount(), k);
        CAPTURE(k);
        CHECK(argmax(forwardBatch(net, r.image).col(0)) == k);
        CHECK(r.activation > 0.9f);
    }
}

TEST_CASE("dream: from noise, the smoothness penalty, cancellation and bad neurons")
{
    const Network net = test::bundledModel("sigmoid.nnvz");
    DreamConfig noisy;
    noisy.fromNoise = true;
    const DreamResult fromNoise = dream(net, 2, 3, noisy);
    CHECK(fromNoise.activation > 0.9f);

    DreamConfig rough;
    rough.smoothness = 0;
    const double smoothTv = roughness(dream(net, 1, 5).image, 28);
    const double roughTv = roughness(dream(net, 1, 5, rough).image, 28);
    CAPTURE(smoothTv);
    CAPTURE(roughTv);
    CHECK(smoothTv < 0.7 * roughTv);

    std::atomic<bool> cancel{true};
    const DreamResult stopped = dream(net, 1, 0, {}, {}, &cancel);
    CHECK(stopped.cancelled);
    CHECK(stopped.steps == 0);

    CHECK_THROWS_AS(dream(net, 0, 0), ConfigError);
    CHECK_THROWS_AS(dream(net, 4, 0), ConfigError);
    CHECK_THROWS_AS(dream(net, 1, 16), ConfigError);
    CHECK_THROWS_AS(dream(net, 3, -1), ConfigError);
    DreamConfig bad;
    bad.stepSize = 0;
    CHECK_THROWS_AS(dream(net, 1, 0, bad), ConfigError);
}
