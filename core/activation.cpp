// Activation functions: forward a = f(z) and backward dz = f'(z)·da, on matrices holding one
// sample per column. Everything is coefficient-wise Eigen, so it vectorises and never allocates
// when the output already has the right shape.

#include "core/activation.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

namespace nnviz {

namespace {
constexpr EnumName<Activation> kActivationNames[] = {
    {Activation::Sigmoid, "sigmoid"}, {Activation::Relu, "relu"},
    {Activation::Softmax, "softmax"}, {Activation::Sigmoid, "logistic"}};
} // namespace

std::string_view toString(Activation f) { return nameIn(kActivationNames, f); }

std::optional<Activation> activationFromString(std::string_view name)
{
    return parseIn(kActivationNames, name);
}

namespace {

// a = f(z) for a MatrixXf (n, B) or a VectorXf (n): the same expressions, so a single sample and
// a batch column agree bit for bit. Assignments are coefficient-wise, so a may alias z.
template <class M> void forwardOf(Activation f, const M& z, M& a)
{
    switch (f) {
    case Activation::Sigmoid:
        // σ(z) = 1 / (1 + e^−z); e^−z overflows to +inf for very negative z, giving exactly 0.
        a = (1.0f + (-z.array()).exp()).inverse().matrix();
        return;
    case Activation::Relu:
        a = z.cwiseMax(0.0f);
        return;
    case Activation::Softmax:
        // Per column: subtract the column's max before exp so nothing overflows; the result is
        // unchanged because softmax(z) = softmax(z − c).
        if constexpr (M::ColsAtCompileTime == 1) { // one sample: the vector as a whole
            const float zmax = z.maxCoeff();
            a = (z.array() - zmax).exp().matrix();
            a /= a.sum();
            return;
        }
        a.resize(z.rows(), z.cols());
        for (Eigen::Index j = 0; j < z.cols(); ++j) {
            const float zmax = z.col(j).maxCoeff();
            a.col(j) = (z.col(j).array() - zmax).exp().matrix();
            a.col(j) /= a.col(j).sum();
        }
        return;
    }
}

} // namespace

void activationForward(Activation f, const Eigen::MatrixXf& z, Eigen::MatrixXf& a)
{
    forwardOf(f, z, a);
}

void activationForward(Activation f, const Eigen::VectorXf& z, Eigen::VectorXf& a)
{
    forwardOf(f, z, a);
}

// dz = ∂C/∂z from da = ∂C/∂a. All (n, B); dz may alias da.
void activationBackward(Activation f, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                        const Eigen::MatrixXf& da, Eigen::MatrixXf& dz)
{
    switch (f) {
    case Activation::Sigmoid:
        // σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)
        dz = (da.array() * a.array() * (1.0f - a.array())).matrix();
        return;
    case Activation::Relu:
        // ReLU'(z) = [z > 0] (0 at the kink, as PyTorch does)
        dz = (z.array() > 0.0f).select(da, 0.0f);
        return;
    case Activation::Softmax:
        // Jacobian ∂a_i/∂z_k = a_i([i=k] − a_k), so dz_k = a_k (da_k − Σ_i a_i da_i) per column.
        // The dot product is taken before the column is written, so dz may alias da.
        dz.resize(da.rows(), da.cols());
        for (Eigen::Index j = 0; j < da.cols(); ++j) {
            const float s = a.col(j).dot(da.col(j));
            dz.col(j) = (a.col(j).array() * (da.col(j).array() - s)).matrix();
        }
        return;
    }
}

float activate(Activation f, float z)
{
    switch (f) {
    case Activation::Sigmoid: return 1.0f / (1.0f + std::exp(-z));
    case Activation::Relu: return z > 0.0f ? z : 0.0f;
    case Activation::Softmax: break;
    }
    return std::numeric_limits<float>::quiet_NaN();
}

float activateDerivative(Activation f, float z)
{
    switch (f) {
    case Activation::Sigmoid: {
        const float s = 1.0f / (1.0f + std::exp(-z));
        return s * (1.0f - s);
    }
    case Activation::Relu: return z > 0.0f ? 1.0f : 0.0f;
    case Activation::Softmax: break;
    }
    return std::numeric_limits<float>::quiet_NaN();
}

} // namespace nnviz
