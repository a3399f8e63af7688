// Unit tests for core/evaluate: accuracy, per-class recall and the confusion matrix on hand-made
// cases whose answers are known, including a set longer than one 1000-image chunk.

#include "core/errors.hpp"
#include "core/evaluate.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace nnviz;

namespace {

// 3 pixels → 3 classes, W = 10·I: the network answers "the brightest pixel".
Network brightestPixel()
{
    Network net;
    net.sizes = {3, 3};
    net.hidden = Activation::Sigmoid;
    net.output = Activation::Softmax;
    net.layers.resize(1);
    net.layers[0].W = 10.0f * Eigen::Matrix3f::Identity();
    net.layers[0].b = Eigen::Vector3f::Zero();
    return net;
}

// Appends a 1×3 image lit at `pixel` with label `label`.
void add(Dataset& d, int pixel, int label)
{
    std::vector<uint8_t> pixels = d.pixelBytes();
    for (int p = 0; p < 3; ++p) pixels.push_back(p == pixel ? 255 : 0);
    d.setPixels(pixels);
    d.labels.push_back(uint8_t(label));
}

Dataset emptySet()
{
    Dataset d;
    d.name = "hand-made";
    d.rows = 1;
    d.cols = 3;
    return d;
}

} // namespace

TEST_CASE("evaluate: confusion matrix of a hand-made case")
{
    Dataset d = emptySet();
    add(d, 0, 0); // right
    add(d, 0, 0); // right
    add(d, 1, 0); // true 0, predicted 1
    add(d, 1, 1); // right
    add(d, 2, 1); // true 1, predicted 2
    add(d, 2, 2); // right
    const Evaluation ev = evaluate(brightestPixel(), d);
    CHECK(ev.count == 6);
    CHECK(ev.accuracy == doctest::Approx(4.0 / 6.0));
    const std::vector<std::vector<int>> expected = {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}};
    CHECK(ev.confusion == expected);
    REQUIRE(ev.perClass.size() == 3);
    CHECK(ev.perClass[0] == doctest::Approx(2.0 / 3.0));
    CHECK(ev.perClass[1] == doctest::Approx(0.5));
    CHECK(ev.perClass[2] == doctest::Approx(1.0));
    // Each image's answer and its softmax output: e^10 / (e^10 + 2) for a lit pixel.
    CHECK(ev.predicted == std::vector<int>{0, 0, 1, 1, 2, 2});
    REQUIRE(ev.confidence.size() == 6);
    for (float c : ev.confidence)
        CHECK(c == doctest::Approx(std::exp(10.0) / (std::exp(10.0) + 2.0)));
}

TEST_CASE("evaluate: counts add up across 1000-image chunks")
{
    // 2,500 images: label i % 3; every 7th image is lit at the next class's pixel (a mistake).
    Dataset d = emptySet();
    std::vector<std::vector<int>> expected(3, std::vector<int>(3, 0));
    int right = 0;
    for (int i = 0; i < 2500; ++i) {
        const int label = i % 3;
        const int predicted = i % 7 == 0 ? (label + 1) % 3 : label;
        add(d, predicted, label);
        ++expected[size_t(label)][size_t(predicted)];
        right += predicted == label;
    }
    const Evaluation ev = evaluate(brightestPixel(), d);
    CHECK(ev.count == 2500);
    CHECK(ev.confusion == expected);
    CHECK(ev.accuracy == doctest::Approx(right / 2500.0));
    // Every image's answer in its place, past the first chunk too.
    REQUIRE(ev.predicted.size() == 2500);
    for (int i : {0, 1, 999, 1000, 1001, 2499})
        CHECK(ev.predicted[size_t(i)] == (i % 7 == 0 ? (i % 3 + 1) % 3 : i % 3));
    CHECK(ev.accuracy < 1.0);
}

TEST_CASE("evaluate: a class without images has recall 0, an empty set accuracy 0")
{
    Dataset d = emptySet();
    add(d, 0, 0);
    add(d, 1, 1);
    const Evaluation ev = evaluate(brightestPixel(), d);
    CHECK(ev.accuracy == 1.0);
    CHECK(ev.perClass[2] == 0.0);
    const Evaluation none = evaluate(brightestPixel(), emptySet());
    CHECK(none.count == 0);
    CHECK(none.accuracy == 0.0);
    CHECK(none.confusion.size() == 3);
}

TEST_CASE("evaluate: refuses images of the wrong size and unknown labels")
{
    Dataset d = emptySet();
    add(d, 0, 0);
    d.cols = 2; // now 2-pixel images for a 3-input network
    d.setPixels(std::vector<uint8_t>(2, 0));
    CHECK_THROWS_AS(evaluate(brightestPixel(), d), ConfigError);
    Dataset bad = emptySet();
    add(bad, 0, 7); // label 7 of a 3-class network
    CHECK_THROWS_AS(evaluate(brightestPixel(), bad), ConfigError);
}
