// core/explain: effective input maps against explicit matrix products, saliency against central
// differences (with and without interventions), occlusion against direct forward passes, and
// noise surveys deterministic for a seed.

#include "core/errors.hpp"
#include "core/explain.hpp"
#include "core/random.hpp"
#include "tests/unit/real_data.hpp"

#include <doctest/doctest.h>

using namespace nnviz;

namespace {

// 5×5 images → 7 → 6 → 4, random weights and biases (mostly positive, so that ReLU layers are
// not all dead).
Network smallNet(Activation hidden, Activation output, uint64_t seed = 3)
{
    Network net = makeNetwork({25, 7, 6, 4}, hidden, output, seed);
    Rng rng(seed + 50);
    for (auto& layer : net.layers)
        for (Eigen::Index j = 0; j < layer.b.size(); ++j)
            layer.b[j] = float(rng.uniform(-0.1, 0.5));
    return net;
}

} // namespace

TEST_CASE("effectiveInputMap: the rows of W_layer · … · W_1")
{
    const Network net = smallNet(Activation::Sigmoid, Activation::Softmax);
    const Eigen::MatrixXf& W1 = net.layers[0].W;
    const Eigen::MatrixXf& W2 = net.layers[1].W;
    const Eigen::MatrixXf& W3 = net.layers[2].W;
    const Eigen::MatrixXf P2 = W2 * W1, P3 = W3 * W2 * W1; // (6, 25), (4, 25)
    CHECK(effectiveInputMap(net, 1, 4) == W1.row(4).transpose());
    for (int j = 0; j < 6; ++j)
        CHECK((effectiveInputMap(net, 2, j) - P2.row(j).transpose()).cwiseAbs().maxCoeff() < 1e-5f);
    for (int k = 0; k < 4; ++k)
        CHECK((effectiveInputMap(net, 3, k) - P3.row(k).transpose()).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK_THROWS_AS(effectiveInputMap(net, 0, 0), ConfigError);
    CHECK_THROWS_AS(effectiveInputMap(net, 2, 6), ConfigError);
}

TEST_CASE("outputSaliency: ∂a_k/∂x against central differences")
{
    Rng rng(8);
    Eigen::VectorXf x(25);
    for (int i = 0; i < 25; ++i)
        x[i] = float(rng.uniform());
    Interventions none, some;
    some.set({1, 2, NeuronOp::Kill, 0});
    some.set({2, 3, NeuronOp::Scale, 2.5f});
    some.set({1, 4, NeuronOp::Clamp, 0.7f});
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu})
        for (Activation output : {Activation::Sigmoid, Activation::Softmax})
            for (const Interventions* iv : {&none, &some})
                for (int k = 0; k < 4; ++k) {
                    const Network net = smallNet(hidden, output);
                    CAPTURE(int(hidden));
                    CAPTURE(int(output));
                    CAPTURE(k);
                    CAPTURE(iv->size());
                    const Eigen::VectorXf g = outputSaliency(net, x, k, *iv);
                    REQUIRE(g.size() == 25);
                    CHECK(g.cwiseAbs().maxCoeff() > 1e-4f); // not an all-zero gradient
                    // Central differences in float, h = 2e−3 (truncation O(h²), rounding
                    // ~1e−7/h). A ReLU kink between x − h and x + h breaks the difference
                    // itself: such pixels are skipped, and there must be few of them.
                    const float h = 2e-3f;
                    ForwardTrace t, tUp, tDown;
                    forwardWith(net, *iv, x, t);
                    const auto pattern = [](const ForwardTrace& tr) {
                        std::vector<bool> on;
                        for (const auto& z : tr.z)
                            for (Eigen::Index j = 0; j < z.size(); ++j)
                                on.push_back(z[j] > 0);
                        return on;
                    };
                    int skipped = 0;
                    for (int i = 0; i < 25; ++i) {
                        Eigen::VectorXf up = x, down = x;
                        up[i] += h;
                        down[i] -= h;
                        forwardWith(net, *iv, up, tUp);
                        forwardWith(net, *iv, down, tDown);
                        if (hidden == Activation::Relu &&
                            (pattern(tUp) != pattern(t) || pattern(tDown) != pattern(t))) {
                            ++skipped;
                            continue;
                        }
                        const float numeric = (tUp.output()[k] - tDown.output()[k]) / (2 * h);
                        CAPTURE(i);
                        CHECK(g[i] == doctest::Approx(numeric).epsilon(1e-2).scale(1e-2));
                    }
                    CHECK(skipped <= 2);
                }
}

TEST_CASE("saliency: a killed neuron's path carries no gradient")
{
    // Two pixels, each feeding its own hidden neuron; killing hidden neuron 0 silences pixel 0.
    Network net;
    net.sizes = {2, 2, 1};
    net.output = Activation::Sigmoid;
    net.layers.resize(2);
    net.layers[0].W = Eigen::Matrix2f::Identity() * 3.0f;
    net.layers[0].b = Eigen::Vector2f::Zero();
    net.layers[1].W = Eigen::RowVector2f(1.0f, 1.0f);
    net.layers[1].b = Eigen::VectorXf::Zero(1);
    const Eigen::Vector2f x(0.2f, 0.4f);
    Interventions kill;
    kill.set({1, 0, NeuronOp::Kill, 0});
    const Eigen::VectorXf g = outputSaliency(net, x, 0, kill);
    CHECK(g[0] == 0.0f);
    CHECK(g[1] > 0.0f);
    CHECK(outputSaliency(net, x, 0)[0] > 0.0f);
}

TEST_CASE("occlusion: each patch's drop is the output with that patch blanked")
{
    const Network net = smallNet(Activation::Sigmoid, Activation::Softmax);
    Rng rng(2);
    Eigen::VectorXf x(25);
    for (int i = 0; i < 25; ++i)
        x[i] = float(rng.uniform());
    x.segment(0, 2).setZero(); // pixels (0,0), (1,0) already blank
    x.segment(5, 2).setZero(); // (0,1), (1,1): the whole first 2×2 patch
    const Occlusion o = occlusion(net, x, 1, 5, 2);
    REQUIRE(o.cols == 3);
    REQUIRE(o.rows == 3);
    REQUIRE(o.drop.size() == 9);
    const float base = forwardBatch(net, x)(1, 0);
    CHECK(o.base == doctest::Approx(base));
    CHECK(o.drop[0] == doctest::Approx(0.0f)); // blanking blank pixels changes nothing
    for (int p = 0; p < 9; ++p) {
        Eigen::VectorXf blanked = x;
        const int px = (p % 3) * 2, py = (p / 3) * 2;
        for (int y = py; y < std::min(py + 2, 5); ++y)
            for (int c = px; c < std::min(px + 2, 5); ++c)
                blanked[y * 5 + c] = 0;
        CAPTURE(p);
        CHECK(o.drop[size_t(p)] == doctest::Approx(base - forwardBatch(net, blanked)(1, 0)));
        CHECK(o.pixelMap[py * 5 + px] == o.drop[size_t(p)]);
    }
    CHECK(std::count_if(o.drop.begin(), o.drop.end(), [](float d) { return std::abs(d) > 1e-4f; }) >
          4);
    CHECK_THROWS_AS(occlusion(net, x, 4, 5), ConfigError);
    CHECK_THROWS_AS(occlusion(net, x, 0, 6), ConfigError);
    CHECK_THROWS_AS(occlusion(net, x, 0, 5, 0), ConfigError);
}

TEST_CASE("noise: images within 0..1, surveys the same for a seed and equal to one-by-one answers")
{
    const Network net = smallNet(Activation::Relu, Activation::Softmax);
    const Eigen::VectorXf a = noiseImage(25, 4);
    CHECK(a == noiseImage(25, 4));
    CHECK(a != noiseImage(25, 5));
    CHECK(a.minCoeff() >= 0.0f);
    CHECK(a.maxCoeff() < 1.0f);

    const NoiseSurvey s = noiseSurvey(net, 300, 10, 0.5f);
    const NoiseSurvey again = noiseSurvey(net, 300, 10, 0.5f);
    CHECK(s.confident == again.confident);
    CHECK(s.answers == again.answers);
    int confident = 0;
    double meanConfidence = 0;
    std::vector<int> answers(4, 0);
    for (int i = 0; i < 300; ++i) {
        const NoiseAnswer n = answerTo(net, noiseImage(25, 10 + uint64_t(i)));
        ++answers[size_t(n.answer)];
        confident += n.confidence >= 0.5f;
        meanConfidence += n.confidence;
    }
    CHECK(s.answers == answers);
    CHECK(s.confident == confident);
    CHECK(s.fractionConfident == doctest::Approx(confident / 300.0));
    CHECK(s.meanConfidence == doctest::Approx(meanConfidence / 300.0).epsilon(1e-5));
    CHECK(s.count == 300);
    CHECK_THROWS_AS(noiseSurvey(net, 0), ConfigError);
}

TEST_CASE("noise on the bundled models: confident answers to pure noise")
{
    for (const char* name : {"sigmoid.nnvz", "relu.nnvz"}) {
        const NoiseSurvey s = noiseSurvey(test::bundledModel(name), 1000, 1);
        MESSAGE(std::string(name) << ": " << s.confident
                                  << " of 1000 noise images answered with ≥ 90 % "
                                  << "confidence, mean confidence " << s.meanConfidence);
        CHECK(s.count == 1000);
        int total = 0;
        for (int n : s.answers)
            total += n;
        CHECK(total == 1000);
        CHECK(s.meanConfidence > 0.1); // above chance for 10 classes: it answers something
    }
}
