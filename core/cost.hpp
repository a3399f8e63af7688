// Costs and backpropagation. Gradients are taken with respect to every weight, bias and input
// pixel, averaged over the batch.
#pragma once

#include "core/network.hpp"

#include <Eigen/Core>
#include <optional>
#include <string_view>
#include <vector>

namespace nnviz {

enum class Cost {
    Mse,          // C = ½ Σ_i (a_i − y_i)²                      per sample
    CrossEntropy, // sigmoid output: −Σ_i [y ln a + (1−y) ln(1−a)]; softmax output: −Σ_i y ln a
};

std::string_view toString(Cost c);
std::optional<Cost> costFromString(std::string_view name);

// Cost of one output column a against target y (both (n)).
float costValue(Cost c, Activation output, const Eigen::VectorXf& a, const Eigen::VectorXf& y);

// ∂C/∂a per column (not averaged): A, Y, dA all (out, B). The general route into the output
// layer, followed by activationBackward; backprop uses it for MSE and for output activations
// without a simplified delta (cross-entropy with sigmoid or softmax output gives a − y directly).
// Cross-entropy clamps a to [1e−7, 1 − 1e−7] as costValue does.
void costDerivative(Cost c, Activation output, const Eigen::MatrixXf& A, const Eigen::MatrixXf& Y,
                    Eigen::MatrixXf& dA);

// ∂C/∂W, ∂C/∂b per layer (same shapes as the network's), and ∂C/∂input when asked for.
struct Gradients {
    std::vector<Eigen::MatrixXf> dW; // dW[l]: (sizes[l+1], sizes[l])
    std::vector<Eigen::VectorXf> db; // db[l]: (sizes[l+1])
    Eigen::MatrixXf dInput;          // (sizes[0], B) when requested, else empty

    void resizeLike(const Network& net); // zero-filled, matching shapes
    void setZero();
};

// Scratch matrices for a batched forward/backward, kept between calls so training does not
// allocate per batch.
struct BatchWorkspace {
    std::vector<Eigen::MatrixXf> z; // z[l]: (sizes[l+1], B)
    std::vector<Eigen::MatrixXf> a; // a[l+1]: (sizes[l+1], B); a[0] unused (X is read directly)
    std::vector<Eigen::MatrixXf> delta; // ∂C/∂z[l]: (sizes[l+1], B)
    Eigen::MatrixXf da;                 // scratch ∂C/∂a at the output: (sizes.back(), B)
};

// Forward + backward over a batch. X: (in, B), Y: (out, B) targets (one-hot for digits).
// Fills g with batch-mean gradients (overwriting), returns the batch-mean cost, and counts the
// columns whose argmax matches Y's in *correct when non-null.
float backprop(const Network& net, Cost cost, const Eigen::MatrixXf& X, const Eigen::MatrixXf& Y,
               Gradients& g, BatchWorkspace& ws, bool wantInputGradient = false,
               int* correct = nullptr);

// ∂C/∂pixel for one input and a target digit: which pixels would push the answer towards it.
Eigen::VectorXf inputGradient(const Network& net, Cost cost, const Eigen::VectorXf& x, int target);

} // namespace nnviz
