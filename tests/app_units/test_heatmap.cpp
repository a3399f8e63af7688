// Heatmap math: colours on the symmetric scale, tile atlas layout, the effective pixel-space map
// of deeper neurons (checked against a hand-computed product) and the parameter count; the texts
// of widgets/format.hpp.
#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace nnviz;
using namespace nnviz::gui;

namespace {

// A 4-pixel (2×2) input, 2 hidden neurons, 3 outputs, weights set by hand.
Network handNet()
{
    Network net;
    net.sizes = {4, 2, 3};
    net.layers.resize(2);
    net.layers[0].W.resize(2, 4);
    net.layers[0].W << 1, 2, 0, -1, //
        0, -3, 4, 0.5f;
    net.layers[0].b = Eigen::VectorXf::Zero(2);
    net.layers[1].W.resize(3, 2);
    net.layers[1].W << 2, -1, //
        0, 1,                 //
        -0.5f, 0.25f;
    net.layers[1].b = Eigen::VectorXf::Zero(3);
    return net;
}

} // namespace

TEST_CASE("signed colours: +max is the positive colour, -max the negative, 0 is dim")
{
    const Eigen::VectorXf v = (Eigen::VectorXf(5) << 2.0f, -2.0f, 0.0f, 1.0f, 5.0f).finished();
    const float scale = maxAbs(std::span<const float>(v.data(), 5));
    CHECK(scale == 5.0f);
    const std::vector<uint32_t> px = signedPixels(v, 2.0f);
    REQUIRE(px.size() == 5);
    CHECK(px[0] == packRgba8(kPositive));
    CHECK(px[1] == packRgba8(kNegative));
    CHECK(px[2] == packRgba8(kZero));
    CHECK(px[0] != px[1]);
    // Half the scale sits strictly between dim and full green.
    const uint32_t g = (px[3] >> 8) & 0xFF;
    CHECK(g > ((packRgba8(kZero) >> 8) & 0xFF));
    CHECK(g < ((packRgba8(kPositive) >> 8) & 0xFF));
    // Beyond the scale saturates.
    CHECK(px[4] == packRgba8(kPositive));
}

TEST_CASE("image shapes: a square number of inputs is a square image, others become strips")
{
    CHECK(imageShapeFor(784).w == 28);
    CHECK(imageShapeFor(784).h == 28);
    CHECK(imageShapeFor(16).w == 4);
    CHECK(imageShapeFor(1024).w == 32); // a 32×32 input
    CHECK(imageShapeFor(1024).h == 32);
    CHECK(imageShapeFor(1).w == 1);
    CHECK(imageShapeFor(1).h == 1);
    CHECK(imageShapeFor(10).w == 10);
    CHECK(imageShapeFor(10).h == 1);
    CHECK(imageShapeFor(785).w == 785); // one more than a square: not squeezed into one
    CHECK(imageShapeFor(0).w == 0);
    CHECK(shapeText(784) == "28×28");
    CHECK(imageSizeText(784) == "28×28 = 784");
    CHECK(imageSizeText(10) == "10×1 = 10");
}

TEST_CASE("matrix pixels: row j of W is image row j")
{
    Eigen::MatrixXf W(2, 3);
    W << 1, 0, -1, //
        0, -1, 1;
    const std::vector<uint32_t> px = signedMatrixPixels(W, 1.0f);
    REQUIRE(px.size() == 6);
    CHECK(px[0] == packRgba8(kPositive));
    CHECK(px[2] == packRgba8(kNegative));
    CHECK(px[4] == packRgba8(kNegative)); // (1, 1)
    CHECK(px[5] == packRgba8(kPositive)); // (1, 2)
}

TEST_CASE("tile atlas: per-neuron scales make each neuron's own max fully saturated")
{
    const Network net = handNet();
    const Eigen::MatrixXf& W = net.layers[0].W; // 2 neurons, 2×2 tiles → 4×2 atlas
    const std::vector<float> perNeuron{2.0f, 4.0f};
    const std::vector<uint32_t> px = weightTileAtlas(W, perNeuron);
    REQUIRE(px.size() == 8);
    CHECK(px[1] == packRgba8(kPositive));     // neuron 0, w = 2 = its max
    CHECK(px[4 + 2] == packRgba8(kPositive)); // neuron 1, pixel (1,0): w = 4 = its max
    CHECK(px[2] == packRgba8(kZero));         // neuron 1, pixel (0,0): w = 0
    CHECK(px[3] != packRgba8(kNegative));     // neuron 1, pixel (0,1): −3 of 4, not full red
    const std::vector<float> shared{4.0f};
    const std::vector<uint32_t> px2 = weightTileAtlas(W, shared);
    CHECK(px2[1] != packRgba8(kPositive)); // w = 2 on a shared scale of 4: half green
    CHECK(px2[6] == packRgba8(kPositive));
}

TEST_CASE("saliency overlay: transparent at 0, opaque in proportion to |v|, by sign")
{
    Eigen::VectorXf v(4);
    v << 0.0f, 2.0f, -2.0f, 1.0f;
    const std::vector<uint32_t> px = overlayPixels(v, 2.0f);
    REQUIRE(px.size() == 4);
    auto alpha = [](uint32_t p) { return int(p >> 24); };
    auto rgb = [](uint32_t p) { return p & 0xFFFFFFu; };
    CHECK(alpha(px[0]) == 0);
    CHECK(alpha(px[1]) == int(std::lround(kOverlayOpacity * 255)));
    CHECK(rgb(px[1]) == (packRgba8(kPositive) & 0xFFFFFFu));
    CHECK(rgb(px[2]) == (packRgba8(kNegative) & 0xFFFFFFu));
    CHECK(alpha(px[3]) == int(std::lround(kOverlayOpacity * 0.5f * 255)));
    CHECK(alpha(overlayPixels(v, 0.0f)[1]) == 0); // no scale: nothing to show
}

TEST_CASE("grey atlas: image k at x = k·w, as activations are drawn")
{
    std::vector<Eigen::VectorXf> images(2, Eigen::VectorXf::Zero(4)); // two 2×2 images
    images[0][1] = 1.0f; // image 0, pixel (1, 0)
    images[1][2] = 1.0f; // image 1, pixel (0, 1)
    const std::vector<uint32_t> px = grayTileAtlas(images, 2, 2); // a 4×2 atlas
    REQUIRE(px.size() == 8);
    const uint32_t on = packRgba8(activationColor(1)), off = packRgba8(activationColor(0));
    CHECK(px[1] == on);
    CHECK(px[4 + 2] == on);
    CHECK(std::count(px.begin(), px.end(), off) == 6);
}

TEST_CASE("effective input map equals the hand-computed product of the weight matrices")
{
    const Network net = handNet();
    // Layer 1: the neuron's own weights.
    const Eigen::VectorXf first = effectiveInputMap(net, 1, 1);
    REQUIRE(first.size() == 4);
    CHECK(first[1] == doctest::Approx(-3.0));
    // Output 0: [2, −1] · W1 = 2·[1, 2, 0, −1] − [0, −3, 4, 0.5] = [2, 7, −4, −2.5].
    const Eigen::VectorXf out0 = effectiveInputMap(net, 2, 0);
    REQUIRE(out0.size() == 4);
    CHECK(out0[0] == doctest::Approx(2.0));
    CHECK(out0[1] == doctest::Approx(7.0));
    CHECK(out0[2] == doctest::Approx(-4.0));
    CHECK(out0[3] == doctest::Approx(-2.5));
    // Output 2: −0.5·[1, 2, 0, −1] + 0.25·[0, −3, 4, 0.5] = [−0.5, −1.75, 1, 0.625].
    const Eigen::VectorXf out2 = effectiveInputMap(net, 2, 2);
    CHECK(out2[1] == doctest::Approx(-1.75));
    CHECK(out2[3] == doctest::Approx(0.625));
    // Out of range.
    CHECK(effectiveInputMap(net, 3, 0).size() == 0);
    CHECK(effectiveInputMap(net, 0, 0).size() == 0);
    CHECK(effectiveInputMap(net, 2, 3).size() == 0);
}

TEST_CASE("contribution map is w_i * a_i")
{
    const Network net = handNet();
    const Eigen::VectorXf a = (Eigen::VectorXf(4) << 1.0f, 0.5f, 0.0f, 1.0f).finished();
    const Eigen::VectorXf c = contributionMap(net, 1, 0, a);
    REQUIRE(c.size() == 4);
    CHECK(c[0] == doctest::Approx(1.0));
    CHECK(c[1] == doctest::Approx(1.0));
    CHECK(c[2] == doctest::Approx(0.0));
    CHECK(c[3] == doctest::Approx(-1.0));
    CHECK(c.sum() == doctest::Approx(net.layers[0].W.row(0).dot(a)));
    CHECK(contributionMap(net, 1, 0, Eigen::VectorXf::Zero(3)).size() == 0);
}

TEST_CASE("parameter count and formula for 784-16-16-10")
{
    Network net;
    net.sizes = {784, 16, 16, 10};
    for (size_t l = 0; l + 1 < net.sizes.size(); ++l)
        net.layers.push_back({Eigen::MatrixXf::Zero(net.sizes[l + 1], net.sizes[l]),
                              Eigen::VectorXf::Zero(net.sizes[l + 1])});
    CHECK(net.parameterCount() == 13002);
    CHECK(architectureText(net.sizes, "-") == "784-16-16-10");
    CHECK(architectureText(net.sizes, " → ") == "784 → 16 → 16 → 10");
    CHECK(parameterFormula(net) == "784\xC2\xB7"
                                   "16 + 16 + 16\xC2\xB7"
                                   "16 + 16 + 16\xC2\xB7"
                                   "10 + 10");
    CHECK(withThousands(13002) == "13,002");
    CHECK(withThousands(999) == "999");
    CHECK(withThousands(1000000) == "1,000,000");
    CHECK(withThousands(-1234) == "-1,234");
    CHECK(withThousands(0) == "0");
    CHECK(withThousands(100) == "100");
    CHECK(withThousands(111514) == "111,514");
}

TEST_CASE("activation texts: each function its own name and formula, softmax included")
{
    const ActivationText sigmoid = activationText(Activation::Sigmoid);
    const ActivationText relu = activationText(Activation::Relu);
    const ActivationText softmax = activationText(Activation::Softmax);
    CHECK(std::string(sigmoid.name) == "sigmoid");
    CHECK(std::string(sigmoid.symbol) == "σ");
    CHECK(std::string(sigmoid.neuron) == "σ(z)");
    CHECK(std::string(relu.name) == "ReLU");
    CHECK(std::string(relu.neuron) == "max(0, z)");
    CHECK(std::string(relu.formula) == "ReLU(z) = max(0, z)");
    CHECK(std::string(softmax.name) == "softmax");
    // An output neuron under softmax is not σ(z): its a is e^zᵢ over the sum of all outputs'.
    CHECK(std::string(softmax.neuron) == "e^zᵢ / Σₖ e^zₖ");
    CHECK(std::string(softmax.formula).find("softmax") == 0);
}

TEST_CASE("full brightness: 1 for inputs, sigmoid and softmax; the layer's largest under ReLU")
{
    Network net = handNet(); // 4 inputs → 2 hidden → 3 outputs
    const Eigen::VectorXf hidden = (Eigen::VectorXf(2) << 0.5f, 3.0f).finished();
    const Eigen::VectorXf outputs = (Eigen::VectorXf(3) << 0.2f, 0.7f, 0.1f).finished();
    CHECK(fullBrightness(net, 1, hidden) == 1.0f); // sigmoid: already 0..1
    net.hidden = Activation::Relu;
    net.output = Activation::Softmax;
    CHECK(fullBrightness(net, 0, Eigen::VectorXf::Constant(4, 0.9f)) == 1.0f); // input pixels
    CHECK(fullBrightness(net, 1, hidden) == 3.0f);  // ReLU: the brightest neuron is white
    CHECK(fullBrightness(net, 2, outputs) == 1.0f); // softmax output layer
    // An all-zero ReLU layer: a positive floor, so 0 / it is 0 (dark), not NaN.
    const float floor = fullBrightness(net, 1, Eigen::VectorXf::Zero(2));
    CHECK(floor > 0.0f);
    CHECK(floor < 1e-3f);
    CHECK(fullBrightness(net, 3, hidden) == 1.0f); // past the output layer
}

TEST_CASE("tile grid: the column count that gives the largest tiles")
{
    // 16 square tiles in a square area, no gaps or labels: 4×4 of a quarter each.
    const TileGrid square = fitTiles(16, 1.0f, 400, 400, 0, 0);
    CHECK(square.cols == 4);
    CHECK(square.rows == 4);
    CHECK(square.tile == 100.0f);
    // A label under each row takes height: 16 tiles in 400×400 with 20 px labels and 10 px gaps
    // in 4 rows are (400 − 4·20 − 3·10) / 4 = 72.5 px tall at most, floored to 72.
    const TileGrid labelled = fitTiles(16, 1.0f, 400, 400, 10, 20);
    CHECK(labelled.rows == 4);
    CHECK(labelled.tile == 72.0f);
    // 128 tiles in a wide area use many columns.
    const TileGrid wide = fitTiles(128, 1.0f, 800, 200, 4, 0);
    CHECK(wide.cols * wide.rows >= 128);
    CHECK(wide.cols >= 16);
    CHECK(float(wide.cols) * wide.tile + float(wide.cols - 1) * 4 <= 800);
    CHECK(float(wide.rows) * wide.tile + float(wide.rows - 1) * 4 <= 200);
    // One tile fills what it can; nothing fits in nothing.
    CHECK(fitTiles(1, 1.0f, 50, 80, 8, 0).tile == 50.0f);
    CHECK(fitTiles(4, 1.0f, 0, 0, 8, 0).tile == 0.0f);
    CHECK(fitTiles(0, 1.0f, 100, 100, 8, 0).tile == 0.0f);
}
