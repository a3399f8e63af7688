// Activation functions as forward/backward pairs. Matrices hold one sample per column, so the
// same functions serve a single sample (n × 1) and a batch (n × B).
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string_view>

namespace nnviz {

enum class Activation {
    Sigmoid, // σ(z) = 1 / (1 + e^−z)
    Relu,    // max(0, z)
    Softmax, // e^z_i / Σ_j e^z_j   (output layer only, per column)
};

std::string_view toString(Activation f);
std::optional<Activation> activationFromString(std::string_view name);

// a = f(z), element-wise (column-wise for softmax). z, a: (n, B), or (n) for one sample. a may
// alias z.
void activationForward(Activation f, const Eigen::MatrixXf& z, Eigen::MatrixXf& a);
void activationForward(Activation f, const Eigen::VectorXf& z, Eigen::VectorXf& a);

// dz = ∂C/∂z given da = ∂C/∂a, z and a = f(z). Sigmoid: da·a(1−a); ReLU: da·[z>0];
// softmax: a ⊙ (da − Σ_i a_i da_i) per column. All (n, B).
void activationBackward(Activation f, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                        const Eigen::MatrixXf& da, Eigen::MatrixXf& dz);

// Scalar version for plots (sigmoid, ReLU). Softmax is not element-wise: returns NaN.
float activate(Activation f, float z);
// Scalar derivative f'(z) for plots (sigmoid, ReLU). Softmax: NaN.
float activateDerivative(Activation f, float z);

} // namespace nnviz
