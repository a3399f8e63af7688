// Costs (MSE, cross-entropy) and backpropagation over a batch: forward keeping z and a per layer,
// output delta, then δ_l = f'(z_l) ⊙ W_{l+1}ᵀ δ_{l+1} back to the input, as in Nielsen's
// network.py but on whole batches (one sample per column) with Eigen GEMMs.

#include "core/cost.hpp"
#include "core/text.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace nnviz {

namespace {

// Cross-entropy never takes the log of 0 or 1: a is clamped to [kClamp, 1 − kClamp], so the
// worst sample costs −ln(1e−7) ≈ 16.1 instead of inf.
constexpr float kClamp = 1e-7f;

// Σ over all entries of the per-sample cost; A, Y are (out, B) matrices or (out) vectors.
template <class MA, class MY>
float costSum(Cost c, Activation output, const MA& A, const MY& Y)
{
    if (c == Cost::Mse) return 0.5f * (A - Y).squaredNorm(); // ½ Σ (a − y)²
    const auto a = A.array().max(kClamp).min(1.0f - kClamp);
    if (output == Activation::Softmax) return -(Y.array() * a.log()).sum(); // −Σ y ln a
    // −Σ [y ln a + (1 − y) ln(1 − a)]
    return -(Y.array() * a.log() + (1.0f - Y.array()) * (1.0f - a).log()).sum();
}

} // namespace

namespace {
constexpr EnumName<Cost> kCostNames[] = {
    {Cost::Mse, "mse"},           {Cost::CrossEntropy, "cross-entropy"},
    {Cost::Mse, "quadratic"},     {Cost::CrossEntropy, "crossentropy"},
    {Cost::CrossEntropy, "xent"}, {Cost::CrossEntropy, "ce"}};
} // namespace

std::string_view toString(Cost c) { return nameIn(kCostNames, c); }

std::optional<Cost> costFromString(std::string_view name) { return parseIn(kCostNames, name); }

float costValue(Cost c, Activation output, const Eigen::VectorXf& a, const Eigen::VectorXf& y)
{
    return costSum(c, output, a, y);
}

void costDerivative(Cost c, Activation output, const Eigen::MatrixXf& A, const Eigen::MatrixXf& Y,
                    Eigen::MatrixXf& dA)
{
    if (c == Cost::Mse) {
        dA = A - Y; // ∂/∂a ½(a − y)² = a − y
        return;
    }
    const auto a = A.array().max(kClamp).min(1.0f - kClamp);
    if (output == Activation::Softmax)
        dA = (-Y.array() / a).matrix(); // ∂/∂a (−y ln a) = −y/a
    else
        dA = (-Y.array() / a + (1.0f - Y.array()) / (1.0f - a)).matrix(); // −y/a + (1−y)/(1−a)
}

void Gradients::resizeLike(const Network& net)
{
    dW.resize(net.layers.size());
    db.resize(net.layers.size());
    for (size_t l = 0; l < net.layers.size(); ++l) {
        dW[l].setZero(net.layers[l].W.rows(), net.layers[l].W.cols());
        db[l].setZero(net.layers[l].b.size());
    }
    dInput.resize(0, 0);
}

void Gradients::setZero()
{
    for (auto& m : dW) m.setZero();
    for (auto& v : db) v.setZero();
    dInput.setZero();
}

float backprop(const Network& net, Cost cost, const Eigen::MatrixXf& X, const Eigen::MatrixXf& Y,
               Gradients& g, BatchWorkspace& ws, bool wantInputGradient, int* correct)
{
    const int L = net.layerCount();
    const Eigen::Index B = X.cols();
    if (L < 1) throw ConfigError("backprop: the network has no layers");
    if (X.rows() != net.inputSize() || Y.rows() != net.outputSize() || Y.cols() != B || B < 1)
        throw ConfigError("backprop: batch shapes X (" + std::to_string(X.rows()) + " × " +
                          std::to_string(X.cols()) + "), Y (" + std::to_string(Y.rows()) + " × " +
                          std::to_string(Y.cols()) + ") do not fit a " +
                          std::to_string(net.inputSize()) + " → " +
                          std::to_string(net.outputSize()) + " network");

    // Vectors only grow on the first call; Eigen matrices keep their storage when the shape
    // matches, so a steady batch size allocates nothing.
    ws.delta.resize(size_t(L));
    if (g.dW.size() != size_t(L)) g.resizeLike(net);
    auto layerInput = [&](int l) -> const Eigen::MatrixXf& { return l == 0 ? X : ws.a[size_t(l)]; };

    // Forward: z_l = W_l a_l + b_l (out, B); a_{l+1} = f(z_l), keeping both for the backward pass.
    forwardLayers(net, X, ws.z, ws.a);
    const Eigen::MatrixXf& A = ws.a[size_t(L)]; // (out, B)

    const float invB = 1.0f / float(B);
    const float loss = costSum(cost, net.output, A, Y) * invB;
    if (correct) {
        int n = 0;
        for (Eigen::Index j = 0; j < B; ++j)
            n += argmax(A.col(j)) == argmax(Y.col(j));
        *correct = n;
    }

    // Output delta δ_{L−1} = ∂C/∂z, per sample (the 1/B comes in with the gradients).
    Eigen::MatrixXf& deltaOut = ws.delta[size_t(L) - 1];
    if (cost == Cost::CrossEntropy && net.output == Activation::Sigmoid) {
        // σ'(z) = a(1 − a) cancels the 1/(a(1 − a)) of the cost's derivative: δ = a − y.
        deltaOut.noalias() = A - Y;
    } else if (cost == Cost::CrossEntropy && net.output == Activation::Softmax) {
        // δ_k = a_k Σ_i y_i − y_k, which is a − y for one-hot targets.
        deltaOut.resize(A.rows(), B);
        for (Eigen::Index j = 0; j < B; ++j)
            deltaOut.col(j).noalias() = A.col(j) * Y.col(j).sum() - Y.col(j);
    } else {
        // General route: ∂C/∂a (out, B) into ws.da, then through the output activation.
        costDerivative(cost, net.output, A, Y, ws.da);
        activationBackward(net.output, ws.z[size_t(L) - 1], A, ws.da, deltaOut);
    }

    // Hidden deltas: δ_{l−1} = f'(z_{l−1}) ⊙ (W_lᵀ δ_l), (sizes[l], B). ∂C/∂a goes straight
    // into δ_{l−1}'s storage and the activation's backward runs in place, so layers of
    // different widths never resize a shared scratch matrix.
    for (int l = L - 1; l >= 1; --l) {
        Eigen::MatrixXf& delta = ws.delta[size_t(l) - 1];
        delta.noalias() = net.layers[size_t(l)].W.transpose() * ws.delta[size_t(l)];
        activationBackward(net.hidden, ws.z[size_t(l) - 1], ws.a[size_t(l)], delta, delta);
    }

    // Batch-mean gradients: ∂C/∂W_l = (1/B) δ_l a_lᵀ (out, in); ∂C/∂b_l = (1/B) Σ_cols δ_l.
    for (int l = 0; l < L; ++l) {
        g.dW[size_t(l)].noalias() = invB * ws.delta[size_t(l)] * layerInput(l).transpose();
        g.db[size_t(l)].noalias() = invB * ws.delta[size_t(l)].rowwise().sum();
    }
    // ∂(mean C)/∂X = (1/B) W_0ᵀ δ_0 (in, B): column j is sample j's own gradient divided by B.
    if (wantInputGradient)
        g.dInput.noalias() = invB * net.layers[0].W.transpose() * ws.delta[0];
    else
        g.dInput.resize(0, 0);
    return loss;
}

Eigen::VectorXf inputGradient(const Network& net, Cost cost, const Eigen::VectorXf& x, int target)
{
    if (target < 0 || target >= net.outputSize())
        throw ConfigError("inputGradient: target " + std::to_string(target) + " is not a class of a " +
                          std::to_string(net.outputSize()) + "-output network");
    const Eigen::MatrixXf X = x; // (in, 1)
    Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(net.outputSize(), 1);
    Y(target, 0) = 1.0f;
    Gradients g;
    BatchWorkspace ws;
    backprop(net, cost, X, Y, g, ws, true);
    return g.dInput.col(0); // B = 1, so this is ∂C/∂x itself
}

} // namespace nnviz
