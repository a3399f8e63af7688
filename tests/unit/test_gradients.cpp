// Gradient checks for core/cost's backprop: the float analytic gradients of W, b and the input
// against central differences of an independent double-precision reference forward pass, for
// every hidden activation × output activation × cost. Plus cost values and log clamping.

#include "core/cost.hpp"
#include "core/errors.hpp"
#include "core/random.hpp"
#include "tests/unit/numeric_gradient.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>

using namespace nnviz;

namespace {

// [SECTION] Reference model, in double, written straight from the formulas.
struct RefNet {
    std::vector<Eigen::MatrixXd> W; // W[l]: (out, in)
    std::vector<Eigen::VectorXd> b; // b[l]: (out)
    Activation hidden, output;
};

RefNet toRef(const Network& net)
{
    RefNet r{{}, {}, net.hidden, net.output};
    for (const Layer& layer : net.layers) {
        r.W.push_back(layer.W.cast<double>());
        r.b.push_back(layer.b.cast<double>());
    }
    return r;
}

Eigen::VectorXd refActivate(Activation f, const Eigen::VectorXd& z)
{
    switch (f) {
    case Activation::Sigmoid: return (1.0 / (1.0 + (-z.array()).exp())).matrix();
    case Activation::Relu: return z.cwiseMax(0.0);
    case Activation::Softmax: {
        const Eigen::ArrayXd e = (z.array() - z.maxCoeff()).exp();
        return (e / e.sum()).matrix();
    }
    }
    return z;
}

// Batch-mean cost of the reference model. X: (in, B), Y: (out, B).
double refCost(const RefNet& r, Cost c, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y)
{
    double total = 0;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        Eigen::VectorXd a = X.col(j);
        for (size_t l = 0; l < r.W.size(); ++l)
            a = refActivate(l + 1 == r.W.size() ? r.output : r.hidden, r.W[l] * a + r.b[l]);
        const Eigen::ArrayXd y = Y.col(j).array(), aa = a.array();
        if (c == Cost::Mse)
            total += 0.5 * (aa - y).square().sum();
        else if (r.output == Activation::Softmax)
            total += -(y * aa.log()).sum();
        else
            total += -(y * aa.log() + (1.0 - y) * (1.0 - aa).log()).sum();
    }
    return total / double(X.cols());
}

// Central difference of refCost with respect to every entry of *param.
template <class M> M numericGradient(M* param, const std::function<double()>& cost)
{
    return test::numericGradient(param, cost, 1e-5);
}

// ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖). The analytic side is float, so 1e−3 is
// about a hundred times its rounding error, while any wrong term in the backprop shows up as
// an error of order 1.
constexpr double kTolerance = 1e-3;

template <class A, class N>
void checkClose(const A& analytic, const N& numeric, const char* what)
{
    CAPTURE(what);
    const Eigen::MatrixXd a = analytic.template cast<double>();
    const double na = a.norm(), nn = numeric.norm();
    CAPTURE(na);
    CAPTURE(nn);
    // A gradient check must not pass with an all-zero gradient.
    REQUIRE(nn > 1e-4);
    REQUIRE(na > 1e-4);
    const double rel = (a - numeric).norm() / std::max(na, nn);
    CAPTURE(rel);
    CHECK(rel < kTolerance);
    // And entry by entry, relative to the largest entry.
    CHECK((a - numeric).cwiseAbs().maxCoeff() < kTolerance * numeric.cwiseAbs().maxCoeff());
}

// Checks dW, db and dInput of backprop on a 5-4-3-3 network, batch of 3.
void checkGradients(Activation hidden, Activation output, Cost cost, bool softTargets = false)
{
    Network net = makeNetwork({5, 4, 3, 3}, hidden, output, 11);
    Rng rng(5);
    for (Layer& layer : net.layers) // non-zero biases so their path is exercised
        for (Eigen::Index i = 0; i < layer.b.size(); ++i) layer.b(i) = float(rng.uniform(-0.5, 0.5));
    Eigen::MatrixXf X(5, 3);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = float(rng.uniform());
    Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(3, 3);
    for (int j = 0; j < 3; ++j) Y((j + 1) % 3, j) = 1.0f; // one-hot, classes 1, 2, 0
    if (softTargets) // spread over the classes, and columns summing to 0.9, not 1
        Y = (0.6f * Y.array() + 0.1f).matrix();

    Gradients g;
    BatchWorkspace ws;
    const float loss = backprop(net, cost, X, Y, g, ws, true);

    RefNet ref = toRef(net);
    Eigen::MatrixXd Xd = X.cast<double>();
    const Eigen::MatrixXd Yd = Y.cast<double>();
    auto c = [&] { return refCost(ref, cost, Xd, Yd); };
    CHECK(loss == doctest::Approx(c()).epsilon(1e-5));

    REQUIRE(g.dW.size() == 3);
    for (size_t l = 0; l < 3; ++l) {
        CAPTURE(l);
        REQUIRE(g.dW[l].rows() == net.layers[l].W.rows());
        REQUIRE(g.dW[l].cols() == net.layers[l].W.cols());
        checkClose(g.dW[l], numericGradient(&ref.W[l], c), "dW");
        checkClose(g.db[l], numericGradient(&ref.b[l], c), "db");
    }
    REQUIRE(g.dInput.rows() == 5);
    REQUIRE(g.dInput.cols() == 3);
    checkClose(g.dInput, numericGradient(&Xd, c), "dInput");
}

} // namespace

TEST_CASE("gradients: backprop matches central differences for every pairing")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu})
        for (Activation output : {Activation::Sigmoid, Activation::Softmax})
            for (Cost cost : {Cost::Mse, Cost::CrossEntropy}) {
                CAPTURE(toString(hidden));
                CAPTURE(toString(output));
                CAPTURE(toString(cost));
                checkGradients(hidden, output, cost);
            }
}

TEST_CASE("gradients: cross-entropy with soft targets that do not sum to 1")
{
    checkGradients(Activation::Sigmoid, Activation::Softmax, Cost::CrossEntropy, true);
    checkGradients(Activation::Relu, Activation::Sigmoid, Cost::CrossEntropy, true);
}

TEST_CASE("gradients: the general output path agrees with the simplified a − y")
{
    // costDerivative followed by the activation's backward is what backprop does for MSE; for
    // cross-entropy with sigmoid or softmax output it must reduce to a − y.
    Eigen::MatrixXf z(4, 2);
    z << 0.5f, -1.0f, //
        1.5f, 0.2f, //
        -0.3f, 2.0f, //
        0.0f, -0.7f;
    Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(4, 2);
    Y(1, 0) = 1.0f;
    Y(3, 1) = 1.0f;
    for (Activation output : {Activation::Sigmoid, Activation::Softmax}) {
        CAPTURE(toString(output));
        Eigen::MatrixXf a, dA, dz;
        activationForward(output, z, a);
        costDerivative(Cost::CrossEntropy, output, a, Y, dA);
        activationBackward(output, z, a, dA, dz);
        CHECK(dz.isApprox(a - Y, 1e-5f));
    }
    Eigen::MatrixXf a, dA;
    activationForward(Activation::Sigmoid, z, a);
    costDerivative(Cost::Mse, Activation::Sigmoid, a, Y, dA);
    CHECK(dA == a - Y);
}

TEST_CASE("gradients: inputGradient of one sample matches central differences")
{
    const Network net = makeNetwork({6, 5, 4}, Activation::Sigmoid, Activation::Softmax, 4);
    Eigen::VectorXf x(6);
    x << 0.1f, 0.9f, 0.4f, 0.0f, 1.0f, 0.6f;
    const Eigen::VectorXf g = inputGradient(net, Cost::CrossEntropy, x, 2);
    RefNet ref = toRef(net);
    Eigen::MatrixXd X = x.cast<double>();
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(4, 1);
    Y(2, 0) = 1.0;
    const Eigen::MatrixXd numeric =
        numericGradient(&X, [&] { return refCost(ref, Cost::CrossEntropy, X, Y); });
    checkClose(Eigen::MatrixXf(g), numeric, "inputGradient");
    CHECK_THROWS_AS(inputGradient(net, Cost::CrossEntropy, x, 4), ConfigError);
    CHECK_THROWS_AS(inputGradient(net, Cost::CrossEntropy, x, -1), ConfigError);
}

TEST_CASE("gradients: cost values by hand, and clamped logs stay finite")
{
    const Eigen::Vector2f a(0.8f, 0.4f), y(1.0f, 0.0f);
    CHECK(costValue(Cost::Mse, Activation::Sigmoid, a, y) ==
          doctest::Approx(0.5 * (0.04 + 0.16)).epsilon(1e-6));
    CHECK(costValue(Cost::CrossEntropy, Activation::Softmax, a, y) ==
          doctest::Approx(-std::log(0.8)).epsilon(1e-6));
    CHECK(costValue(Cost::CrossEntropy, Activation::Sigmoid, a, y) ==
          doctest::Approx(-std::log(0.8) - std::log(0.6)).epsilon(1e-6));

    // A saturated, confidently wrong output: ln 0 would be −inf.
    const Eigen::Vector2f wrong(0.0f, 1.0f);
    const float sig = costValue(Cost::CrossEntropy, Activation::Sigmoid, wrong, y);
    const float soft = costValue(Cost::CrossEntropy, Activation::Softmax, wrong, y);
    CHECK(std::isfinite(sig));
    CHECK(std::isfinite(soft));
    // Clamped to [1e−7, 1 − 1e−7]; in float 1 − 1e−7 rounds to 1 − 1.19e−7.
    CHECK(sig == doctest::Approx(-std::log(1e-7) - std::log(1.0 - double(1.0f - 1e-7f))).epsilon(1e-4));
    CHECK(soft == doctest::Approx(-std::log(1e-7)).epsilon(1e-3));

    Eigen::MatrixXf A(2, 1), Y(2, 1), dA;
    A << 0.0f, 1.0f;
    Y << 1.0f, 0.0f;
    costDerivative(Cost::CrossEntropy, Activation::Sigmoid, A, Y, dA);
    CHECK(dA.allFinite());

    // Backprop through a network whose outputs saturate to exactly 0 and 1.
    Network net = makeNetwork({3, 2}, Activation::Sigmoid, Activation::Sigmoid, 1);
    net.layers[0].W << 500.0f, 0.0f, 0.0f, //
        -500.0f, 0.0f, 0.0f;
    Gradients g;
    BatchWorkspace ws;
    const Eigen::MatrixXf X = Eigen::Vector3f(1.0f, 0.0f, 0.0f);
    const Eigen::MatrixXf T = Eigen::Vector2f(0.0f, 1.0f);
    const float loss = backprop(net, Cost::CrossEntropy, X, T, g, ws);
    CHECK(std::isfinite(loss));
    CHECK(loss > 30.0f);
    CHECK(g.dW[0].allFinite());
}

TEST_CASE("gradients: backprop counts correct answers and checks shapes")
{
    Network net = makeNetwork({2, 2}, Activation::Sigmoid, Activation::Softmax, 1);
    net.layers[0].W = Eigen::Matrix2f::Identity();
    Eigen::MatrixXf X(2, 3), Y = Eigen::MatrixXf::Zero(2, 3);
    X << 1.0f, 0.0f, 1.0f, //
        0.0f, 1.0f, 0.0f;  // predicts 0, 1, 0
    Y(0, 0) = Y(1, 1) = Y(1, 2) = 1.0f; // truth 0, 1, 1
    Gradients g;
    BatchWorkspace ws;
    int correct = -1;
    backprop(net, Cost::CrossEntropy, X, Y, g, ws, false, &correct);
    CHECK(correct == 2);
    CHECK(g.dInput.size() == 0);
    CHECK_THROWS_AS(backprop(net, Cost::CrossEntropy, Eigen::MatrixXf::Zero(3, 3), Y, g, ws),
                    ConfigError);
}

TEST_CASE("gradients: cost names round-trip")
{
    for (Cost c : {Cost::Mse, Cost::CrossEntropy}) CHECK((costFromString(toString(c)) == c));
    CHECK((costFromString("xent") == Cost::CrossEntropy));
    CHECK_FALSE(costFromString("hinge").has_value());
}
