// Unit tests for core/network: parameter count, architecture checks, initialisation, and forward
// passes on hand-set weights whose outputs are worked out by hand below.

#include "core/errors.hpp"
#include "core/network.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <string>

using namespace nnviz;

namespace {

// The message of the ConfigError f throws, or "" when it does not throw one.
template <class F>
std::string configErrorOf(F&& f)
{
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

// A dynamic-size vector from values (fixed-size Eigen vectors trip GCC 12's -Warray-bounds
// under AVX-512).
Eigen::VectorXf vec(std::initializer_list<float> values)
{
    Eigen::VectorXf v(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (float x : values) v(i++) = x;
    return v;
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// 2 → 2 → 2 with hand-set weights. For x = (1, 2):
//   z0 = W0 x + b0 = (1·1 + 1·2 + 0, 2·1 − 1·2 + 1) = (3, 1)
//   ReLU: a1 = (3, 1);  sigmoid: a1 = (σ(3), σ(1))
//   z1 = W1 a1 + b1 with W1 = [[1, −2], [0.5, 0]], b1 = (0, −1)
Network handSetNetwork(Activation hidden, Activation output)
{
    Network net;
    net.sizes = {2, 2, 2};
    net.hidden = hidden;
    net.output = output;
    net.layers.resize(2);
    net.layers[0].W.resize(2, 2);
    net.layers[0].W << 1.0f, 1.0f, //
        2.0f, -1.0f;
    net.layers[0].b = vec({0.0f, 1.0f});
    net.layers[1].W.resize(2, 2);
    net.layers[1].W << 1.0f, -2.0f, //
        0.5f, 0.0f;
    net.layers[1].b = vec({0.0f, -1.0f});
    return net;
}

} // namespace

TEST_CASE("network: parameter count of the video's network is 13,002")
{
    const Network net = makeNetwork({784, 16, 16, 10}, Activation::Sigmoid, Activation::Sigmoid, 1);
    // 784·16 + 16 + 16·16 + 16 + 16·10 + 10
    CHECK(net.parameterCount() == 13002);
    int64_t counted = 0;
    for (const Layer& layer : net.layers) counted += layer.W.size() + layer.b.size();
    CHECK(counted == 13002);
    CHECK(net.inputSize() == 784);
    CHECK(net.outputSize() == 10);
    CHECK(net.layerCount() == 3);
    CHECK((net.activationOf(0) == Activation::Sigmoid)); // (( )): doctest would call nnviz::toString
    CHECK(net.layers[1].W.rows() == 16);
    CHECK(net.layers[1].W.cols() == 16);
    CHECK(net.layers[2].W.rows() == 10);
}

TEST_CASE("network: validateArchitecture says what is wrong")
{
    const auto S = Activation::Sigmoid;
    CHECK(configErrorOf([&] { validateArchitecture({784, 16, 16, 10}, S, Activation::Softmax); })
              .empty());
    CHECK(configErrorOf([&] { validateArchitecture({784}, S, S); }).find("at least 2 layers") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({}, S, S); }).find("at least 2 layers") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({0, 10}, S, S); }).find("input layer") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({2'000'000, 10}, S, S); }).find("input layer") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({784, 0, 10}, S, S); }).find("layer 1") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({784, 16, 100'001}, S, S); }).find("layer 2") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({784, 16, -3}, S, S); }).find("got -3") !=
          std::string::npos);
    CHECK(configErrorOf([&] { validateArchitecture({784, 16, 10}, Activation::Softmax, S); })
              .find("softmax") != std::string::npos);
    // The limits of network.hpp, named with their numbers.
    CHECK(configErrorOf([&] { validateArchitecture(std::vector<int>(65, 2), S, S); }) ==
          "network has 65 layers; nnviz supports at most 64 (input and output included)");
    CHECK(configErrorOf([&] {
              validateArchitecture({784, 100'001}, S, S);
          }) == "layer 1 size must be 1..100,000, got 100001");
    CHECK(configErrorOf([&] {
              validateArchitecture({100'000, 1'000}, S, S);
          }) ==
          "the network would have 100,001,000 parameters; nnviz supports at most 100,000,000");
    CHECK(configErrorOf([&] { validateArchitecture({100'000, 999}, S, S); }).empty());
    CHECK_THROWS_AS(makeNetwork({784}, S, S, 1), ConfigError);
}

TEST_CASE("network: initialisation is seeded and scaled by fan-in")
{
    const Network a = makeNetwork({784, 64, 10}, Activation::Relu, Activation::Softmax, 42);
    const Network b = makeNetwork({784, 64, 10}, Activation::Relu, Activation::Softmax, 42);
    const Network c = makeNetwork({784, 64, 10}, Activation::Relu, Activation::Softmax, 43);
    CHECK(a.layers[0].W == b.layers[0].W);
    CHECK(a.layers[1].W == b.layers[1].W);
    CHECK(a.layers[0].W != c.layers[0].W);
    CHECK(a.layers[0].b.isZero());
    // He for the ReLU layer: sd √(2/784); LeCun for the softmax layer: sd √(1/64).
    auto sd = [](const Eigen::MatrixXf& W) {
        const double mean = W.mean();
        return std::sqrt((W.array() - float(mean)).square().sum() / double(W.size()));
    };
    CHECK(sd(a.layers[0].W) == doctest::Approx(std::sqrt(2.0 / 784)).epsilon(0.05));
    CHECK(sd(a.layers[1].W) == doctest::Approx(std::sqrt(1.0 / 64)).epsilon(0.1));
    CHECK(std::abs(a.layers[0].W.mean()) < 0.005);
}

TEST_CASE("network: forward on hand-set weights, ReLU hidden, softmax output")
{
    const Network net = handSetNetwork(Activation::Relu, Activation::Softmax);
    const ForwardTrace t = forward(net, vec({1.0f, 2.0f}));
    REQUIRE(t.z.size() == 2);
    REQUIRE(t.a.size() == 3);
    CHECK(t.a[0] == vec({1.0f, 2.0f}));
    CHECK(t.z[0] == vec({3.0f, 1.0f})); // exact in float
    CHECK(t.a[1] == vec({3.0f, 1.0f}));
    // z1 = (1·3 − 2·1 + 0, 0.5·3 + 0·1 − 1) = (1, 0.5)
    CHECK(t.z[1] == vec({1.0f, 0.5f}));
    // softmax(1, 0.5) = (e^1, e^0.5) / (e^1 + e^0.5)
    const double s = std::exp(1.0) + std::exp(0.5);
    CHECK(t.output()(0) == doctest::Approx(std::exp(1.0) / s).epsilon(1e-6));
    CHECK(t.output()(1) == doctest::Approx(std::exp(0.5) / s).epsilon(1e-6));
    CHECK(argmax(t.output()) == 0);
}

TEST_CASE("network: forward on hand-set weights, sigmoid hidden and output")
{
    const Network net = handSetNetwork(Activation::Sigmoid, Activation::Sigmoid);
    const ForwardTrace t = forward(net, vec({1.0f, 2.0f}));
    const double h0 = sigmoid(3.0), h1 = sigmoid(1.0);
    CHECK(t.a[1](0) == doctest::Approx(h0).epsilon(1e-6));
    CHECK(t.a[1](1) == doctest::Approx(h1).epsilon(1e-6));
    const double z0 = h0 - 2.0 * h1, z1 = 0.5 * h0 - 1.0;
    CHECK(t.z[1](0) == doctest::Approx(z0).epsilon(1e-6));
    CHECK(t.z[1](1) == doctest::Approx(z1).epsilon(1e-6));
    CHECK(t.output()(0) == doctest::Approx(sigmoid(z0)).epsilon(1e-6));
    CHECK(t.output()(1) == doctest::Approx(sigmoid(z1)).epsilon(1e-6));
    CHECK(argmax(t.output()) == 0); // z1 ≈ (−0.510, −0.524)
}

TEST_CASE("network: forward reuses the trace's storage")
{
    const Network net = makeNetwork({784, 16, 16, 10}, Activation::Sigmoid, Activation::Sigmoid, 3);
    ForwardTrace t;
    forward(net, Eigen::VectorXf::Constant(784, 0.5f), t);
    const float* z0 = t.z[0].data();
    const float* out = t.a[3].data();
    const Eigen::VectorXf first = t.output();
    forward(net, Eigen::VectorXf::Constant(784, 0.25f), t);
    CHECK(t.z[0].data() == z0);
    CHECK(t.a[3].data() == out);
    CHECK(t.output() != first);
}

TEST_CASE("network: batched forward agrees with the single-sample forward")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        const Network net = makeNetwork({20, 7, 5, 4}, hidden, Activation::Softmax, 9);
        const Eigen::MatrixXf X = (Eigen::MatrixXf::Random(20, 6).array() + 1.0f) * 0.5f;
        const Eigen::MatrixXf out = forwardBatch(net, X);
        REQUIRE(out.rows() == 4);
        REQUIRE(out.cols() == 6);
        for (int j = 0; j < 6; ++j) {
            const Eigen::VectorXf single = forward(net, Eigen::VectorXf(X.col(j))).output();
            CHECK(out.col(j).isApprox(single, 1e-5f));
        }
    }
}

TEST_CASE("network: forward refuses an input of the wrong size")
{
    const Network net = makeNetwork({4, 3, 2}, Activation::Sigmoid, Activation::Softmax, 1);
    CHECK(configErrorOf([&] { forward(net, Eigen::VectorXf::Zero(5)); }).find("5 values") !=
          std::string::npos);
    CHECK_THROWS_AS(forwardBatch(net, Eigen::MatrixXf::Zero(3, 2)), ConfigError);
}

TEST_CASE("network: argmax takes the first of equal maxima")
{
    CHECK(argmax(vec({0.1f, 0.7f, 0.7f, 0.2f})) == 1);
    CHECK(argmax(vec({-3.0f, -1.0f, -2.0f})) == 1);
    CHECK(argmax(Eigen::VectorXf()) == -1);
}
