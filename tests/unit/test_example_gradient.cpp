// Single-example backprop (core/example_gradient): ∂C/∂W, ∂C/∂b and ∂C/∂a against central
// differences of the cost, against backprop() on a batch of one, the chain-rule pieces agreeing
// with each other (δ = nudge ⊙ f′), a small step lowering the cost, and the saturation / dead
// marks.
#include "core/errors.hpp"
#include "core/example_gradient.hpp"
#include "tests/unit/numeric_gradient.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>

using namespace nnviz;

namespace {

// 6 → 5 → 4 → 3 with weights large enough that the gradients are not tiny.
Network smallNet(Activation hidden, Activation output)
{
    Network net = makeNetwork({6, 5, 4, 3}, hidden, output, 7);
    for (Layer& layer : net.layers) {
        layer.W *= 1.5f;
        layer.b.setLinSpaced(-0.3f, 0.4f);
    }
    return net;
}

Eigen::VectorXf someInput()
{
    Eigen::VectorXf x(6);
    x << 0.9f, 0.1f, 0.0f, 0.6f, 1.0f, 0.3f;
    return x;
}

float costOf(const Network& net, Cost cost, const Eigen::VectorXf& x, int target)
{
    Eigen::VectorXf y = Eigen::VectorXf::Zero(net.outputSize());
    y[target] = 1.0f;
    return costValue(cost, net.output, forward(net, x).output(), y);
}

// Central differences in float: h = 1e−2 for the weights (the cost's third derivatives are small
// there, so the O(h²) error stays under the tolerance); smaller for an output a, where
// cross-entropy's −y/a curves sharply near a = 0.
template <class M> M numeric(M* param, const std::function<float()>& cost, float h = 1e-2f)
{
    return test::numericGradient(param, cost, h);
}

template <class A, class B> void checkClose(const A& analytic, const B& num)
{
    REQUIRE(analytic.size() == num.size());
    CHECK(num.cwiseAbs().maxCoeff() > 1e-3f); // an all-zero gradient cannot pass
    for (Eigen::Index i = 0; i < analytic.size(); ++i)
        CHECK(analytic.data()[i] ==
              doctest::Approx(num.data()[i]).epsilon(0.03).scale(0.05)); // |Δ| ≤ 3 % of 0.05
}

} // namespace

TEST_CASE("exampleGradient: ∂C/∂W, ∂C/∂b and ∂C/∂a match central differences")
{
    for (int k = 0; k < 8; ++k) { // every hidden × output activation × cost
        const Activation hidden = k & 1 ? Activation::Relu : Activation::Sigmoid;
        const Activation output = k & 2 ? Activation::Softmax : Activation::Sigmoid;
        const Cost cost = k & 4 ? Cost::CrossEntropy : Cost::Mse;
        CAPTURE(std::string(toString(hidden)) + " / " + std::string(toString(output)) + " / " +
                std::string(toString(cost)));
        Network net = smallNet(hidden, output);
        const Eigen::VectorXf x = someInput();
        const int target = 1;
        const ExampleGradient g = exampleGradient(net, cost, x, target);
        CHECK(g.value == doctest::Approx(costOf(net, cost, x, target)));
        auto c = [&] { return costOf(net, cost, x, target); };
        for (size_t l = 0; l < net.layers.size(); ++l) {
            checkClose(g.dW[l], numeric(&net.layers[l].W, c));
            checkClose(g.db[l], numeric(&net.layers[l].b, c));
        }
        // ∂C/∂a of the output, perturbing the output itself.
        Eigen::VectorXf a = g.trace.output();
        const Eigen::VectorXf y = g.y;
        checkClose(g.dCda, numeric(
                               &a, [&] { return costValue(cost, output, a, y); }, 1e-4f));
    }
}

TEST_CASE("exampleGradient: the same numbers as backprop() on a batch of one")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        const Network net = smallNet(hidden, Activation::Softmax);
        const Eigen::VectorXf x = someInput();
        const ExampleGradient g = exampleGradient(net, Cost::CrossEntropy, x, 2);
        Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(3, 1);
        Y(2, 0) = 1;
        Gradients ref;
        BatchWorkspace ws;
        const float c = backprop(net, Cost::CrossEntropy, Eigen::MatrixXf(x), Y, ref, ws);
        CHECK(g.value == c);
        for (size_t l = 0; l < net.layers.size(); ++l) {
            CHECK(g.dW[l] == ref.dW[l]);
            CHECK(g.db[l] == ref.db[l]);
            CHECK(g.delta[l] == g.db[l]); // ∂C/∂b = δ
        }
        // The forward trace is forward()'s.
        const ForwardTrace t = forward(net, x);
        for (size_t l = 0; l < t.z.size(); ++l)
            CHECK(g.trace.z[l].isApprox(t.z[l]));
    }
}

TEST_CASE("exampleGradient: the chain rule's pieces agree: δ = (Wᵀδ above) ⊙ f′(z), ∂C/∂W = δ aᵀ")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        const Network net = smallNet(hidden, Activation::Sigmoid);
        const ExampleGradient g = exampleGradient(net, Cost::Mse, someInput(), 0);
        const int L = g.layerCount();
        REQUIRE(L == 3);
        // At the output (MSE, sigmoid): ∂C/∂a = a − y and δ = (a − y) σ′(z).
        CHECK(g.dCda.isApprox(g.trace.output() - g.y));
        for (int l = 0; l < L; ++l) {
            const Eigen::VectorXf chain = g.nudge[size_t(l)].cwiseProduct(g.fprime[size_t(l)]);
            CHECK(g.delta[size_t(l)].isApprox(chain, 1e-5f));
            CHECK(g.dW[size_t(l)].isApprox(g.delta[size_t(l)] * g.trace.a[size_t(l)].transpose(),
                                           1e-5f));
        }
        for (int l = 0; l + 1 < L; ++l) // what a hidden neuron receives: Σ_k w_kj δ_k
            CHECK(g.nudge[size_t(l)][1] ==
                  doctest::Approx(net.layers[size_t(l) + 1].W.col(1).dot(g.delta[size_t(l) + 1])));
    }
}

TEST_CASE("gradientStep: a small step lowers the cost on the example, for every target")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu})
        for (int target = 0; target < 3; ++target) {
            Network net = smallNet(hidden, Activation::Softmax);
            const Eigen::VectorXf x = someInput();
            const ExampleGradient g = exampleGradient(net, Cost::CrossEntropy, x, target);
            const float before = g.value;
            const Network old = net;
            gradientStep(net, g, 0.05f);
            CHECK(costOf(net, Cost::CrossEntropy, x, target) < before);
            CHECK(forward(net, x).output()[target] > forward(old, x).output()[target]);
            // Every parameter moved by exactly −rate × its gradient.
            CHECK(net.layers[0].W.isApprox(old.layers[0].W - 0.05f * g.dW[0]));
        }
    Network net = smallNet(Activation::Sigmoid, Activation::Softmax);
    ExampleGradient g = exampleGradient(net, Cost::Mse, someInput(), 0);
    g.dW.pop_back();
    CHECK_THROWS_AS(gradientStep(net, g, 0.1f), ConfigError);
}

TEST_CASE("exampleGradient: saturated sigmoid and dead ReLU neurons are marked")
{
    CHECK(gradientFlow(Activation::Sigmoid, 0.25f) == GradientFlow::Open);
    CHECK(gradientFlow(Activation::Sigmoid, 0.005f) == GradientFlow::Saturated);
    CHECK(gradientFlow(Activation::Relu, 0.0f) == GradientFlow::Dead);
    CHECK(gradientFlow(Activation::Relu, 1.0f) == GradientFlow::Open);
    CHECK(gradientFlow(Activation::Softmax, 0.0f) == GradientFlow::Open);

    // First hidden layer: neuron 0 driven far positive, 1 far negative, 2 near zero.
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        Network net = smallNet(hidden, Activation::Softmax);
        net.layers[0].b[0] = 30;
        net.layers[0].W.row(0).setZero();
        net.layers[0].b[1] = -30;
        net.layers[0].W.row(1).setZero();
        net.layers[0].b[2] = 0.1f;
        net.layers[0].W.row(2).setZero();
        const ExampleGradient g = exampleGradient(net, Cost::CrossEntropy, someInput(), 1);
        const auto& f = g.flow[0];
        if (hidden == Activation::Sigmoid) {
            CHECK(f[0] == GradientFlow::Saturated);
            CHECK(f[1] == GradientFlow::Saturated);
        } else {
            CHECK(f[0] == GradientFlow::Open);
            CHECK(f[1] == GradientFlow::Dead);
            CHECK(g.delta[0][1] == 0.0f); // nothing passes back through it
            CHECK(g.dW[0].row(1).isZero());
        }
        CHECK(f[2] == GradientFlow::Open);
        for (GradientFlow o : g.flow.back())
            CHECK(o == GradientFlow::Open); // softmax
    }
    const Network net = smallNet(Activation::Sigmoid, Activation::Softmax);
    CHECK_THROWS_AS(exampleGradient(net, Cost::Mse, someInput(), 3), ConfigError);
    CHECK_THROWS_AS(exampleGradient(net, Cost::Mse, Eigen::VectorXf::Zero(5), 0), ConfigError);
}
