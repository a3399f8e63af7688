// exampleGradient: backprop() on a batch of one (already checked against finite differences),
// with its workspace's z, a and δ kept and the pieces the chain rule names computed from them:
// f′(z) by the activation's own backward pass, the received nudge W_{l+1}ᵀ δ[l+1], ∂C/∂a by the
// cost's own derivative.
#include "core/example_gradient.hpp"

#include "core/errors.hpp"

#include <string>

namespace nnviz {

GradientFlow gradientFlow(Activation f, float fprime)
{
    if (f == Activation::Relu) return fprime == 0.0f ? GradientFlow::Dead : GradientFlow::Open;
    if (f == Activation::Sigmoid && fprime < kSaturatedSlope) return GradientFlow::Saturated;
    return GradientFlow::Open;
}

namespace {

// f′(z) element-wise: the activation's backward pass of da = 1. Softmax (not element-wise) gets
// the diagonal of its Jacobian, a(1 − a).
Eigen::VectorXf slope(Activation f, const Eigen::VectorXf& z, const Eigen::VectorXf& a)
{
    if (f == Activation::Softmax) return (a.array() * (1.0f - a.array())).matrix();
    Eigen::MatrixXf dz;
    activationBackward(f, z, a, Eigen::MatrixXf::Ones(z.size(), 1), dz);
    return dz.col(0);
}

} // namespace

ExampleGradient exampleGradient(const Network& net, Cost cost, const Eigen::VectorXf& x, int target)
{
    if (target < 0 || target >= net.outputSize())
        throw ConfigError("exampleGradient: target " + std::to_string(target) +
                          " is not a class of a " + std::to_string(net.outputSize()) +
                          "-output network");
    ExampleGradient g;
    g.cost = cost;
    g.target = target;
    g.y = Eigen::VectorXf::Zero(net.outputSize());
    g.y[target] = 1.0f;

    const Eigen::MatrixXf X = x, Y = g.y; // (in, 1), (out, 1); backprop checks the shapes
    Gradients grads;
    BatchWorkspace ws;
    g.value = backprop(net, cost, X, Y, grads, ws);
    g.dW = std::move(grads.dW); // B = 1: the batch mean is this example's gradient
    g.db = std::move(grads.db);

    const int L = net.layerCount();
    g.trace.a.resize(size_t(L) + 1);
    g.trace.z.resize(size_t(L));
    g.trace.a[0] = x;
    g.delta.resize(size_t(L));
    g.fprime.resize(size_t(L));
    g.nudge.resize(size_t(L));
    g.flow.resize(size_t(L));
    for (int l = 0; l < L; ++l) {
        g.trace.z[size_t(l)] = ws.z[size_t(l)].col(0);
        g.trace.a[size_t(l) + 1] = ws.a[size_t(l) + 1].col(0);
        g.delta[size_t(l)] = ws.delta[size_t(l)].col(0);
        const Activation f = net.activationOf(l);
        g.fprime[size_t(l)] = slope(f, g.trace.z[size_t(l)], g.trace.a[size_t(l) + 1]);
        for (Eigen::Index j = 0; j < g.fprime[size_t(l)].size(); ++j)
            g.flow[size_t(l)].push_back(gradientFlow(f, g.fprime[size_t(l)][j]));
    }
    // ∂C/∂a at the output by the cost's derivative; deeper, the nudge each neuron is sent back.
    Eigen::MatrixXf dA;
    costDerivative(cost, net.output, ws.a[size_t(L)], Y, dA);
    g.dCda = dA.col(0);
    g.nudge[size_t(L) - 1] = g.dCda;
    for (int l = 0; l + 1 < L; ++l)
        g.nudge[size_t(l)] = net.layers[size_t(l) + 1].W.transpose() * g.delta[size_t(l) + 1];
    return g;
}

void gradientStep(Network& net, const ExampleGradient& g, float rate)
{
    if (g.dW.size() != net.layers.size())
        throw ConfigError("gradientStep: the gradient has " + std::to_string(g.dW.size()) +
                          " layers, the network " + std::to_string(net.layers.size()));
    for (size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W -= rate * g.dW[l];
        net.layers[l].b -= rate * g.db[l];
    }
}

} // namespace nnviz
