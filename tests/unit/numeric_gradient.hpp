// Central differences for the gradient checks: ∂cost/∂p ≈ (cost(p + h) − cost(p − h)) / 2h for
// every entry p of a matrix or vector, in its own scalar type (double for test_gradients.cpp's
// reference model, float for test_example_gradient.cpp's network).
#pragma once

#include <Eigen/Core>

namespace nnviz::test {

template <class M, class Cost>
M numericGradient(M* param, const Cost& cost, typename M::Scalar h)
{
    using S = typename M::Scalar;
    M grad(param->rows(), param->cols());
    for (Eigen::Index i = 0; i < param->size(); ++i) {
        const S saved = param->data()[i];
        param->data()[i] = saved + h;
        const S plus = S(cost());
        param->data()[i] = saved - h;
        const S minus = S(cost());
        param->data()[i] = saved;
        grad.data()[i] = (plus - minus) / (S(2) * h);
    }
    return grad;
}

} // namespace nnviz::test
