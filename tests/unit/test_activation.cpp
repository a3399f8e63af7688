// Unit tests for core/activation: known values, softmax normalisation and stability, backward
// passes against central differences, names.

#include "core/activation.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace nnviz;

namespace {

// Σ_ij da_ij · f(z)_ij, whose gradient with respect to z is activationBackward(da).
double projected(Activation f, const Eigen::MatrixXf& z, const Eigen::MatrixXf& da)
{
    Eigen::MatrixXf a;
    activationForward(f, z, a);
    return double(a.cwiseProduct(da).sum());
}

} // namespace

TEST_CASE("activation: sigmoid and ReLU forward give the textbook values")
{
    Eigen::MatrixXf z(2, 3);
    z << 0.0f, std::log(3.0f), -std::log(3.0f), //
        -2.0f, 5.0f, 20.0f;
    Eigen::MatrixXf a;
    activationForward(Activation::Sigmoid, z, a);
    CHECK(a(0, 0) == doctest::Approx(0.5).epsilon(1e-7));
    CHECK(a(0, 1) == doctest::Approx(0.75).epsilon(1e-6)); // 1/(1 + 1/3)
    CHECK(a(0, 2) == doctest::Approx(0.25).epsilon(1e-6)); // 1/(1 + 3)
    CHECK(a(1, 0) == doctest::Approx(1.0 / (1.0 + std::exp(2.0))).epsilon(1e-6));

    activationForward(Activation::Relu, z, a);
    CHECK(a(0, 0) == 0.0f);
    CHECK(a(0, 2) == 0.0f);
    CHECK(a(1, 0) == 0.0f);
    CHECK(a(1, 1) == 5.0f);
    CHECK(a(1, 2) == 20.0f);

    // Very negative z: e^−z overflows to inf, and σ must come out as 0, not NaN.
    Eigen::MatrixXf extreme(2, 1);
    extreme << -1000.0f, 1000.0f;
    activationForward(Activation::Sigmoid, extreme, a);
    CHECK(a(0, 0) == 0.0f);
    CHECK(a(1, 0) == 1.0f);
}

TEST_CASE("activation: softmax columns sum to 1 and survive large inputs")
{
    Eigen::MatrixXf z(3, 3);
    z << 0.0f, 1000.0f, -5.0f, //
        std::log(3.0f), 1001.0f, -5.0f, //
        -1e30f, 999.0f, -5.0f;
    Eigen::MatrixXf a;
    activationForward(Activation::Softmax, z, a);
    REQUIRE(a.allFinite());
    for (int j = 0; j < 3; ++j) CHECK(a.col(j).sum() == doctest::Approx(1.0).epsilon(1e-6));
    // Column 0: e^0 : e^ln3 : 0 → 1/4, 3/4, 0.
    CHECK(a(0, 0) == doctest::Approx(0.25).epsilon(1e-6));
    CHECK(a(1, 0) == doctest::Approx(0.75).epsilon(1e-6));
    CHECK(a(2, 0) == 0.0f);
    // Column 1 is column [0, 1, −1] shifted by 1000.
    const double e = std::exp(1.0), s = 1.0 + e + 1.0 / e;
    CHECK(a(1, 1) == doctest::Approx(e / s).epsilon(1e-6));
    CHECK(a(2, 1) == doctest::Approx(1.0 / e / s).epsilon(1e-6));
    // Column 2: all equal → uniform.
    CHECK(a(0, 2) == doctest::Approx(1.0 / 3.0).epsilon(1e-6));
}

TEST_CASE("activation: forward may write over its input")
{
    Eigen::MatrixXf z = Eigen::MatrixXf::Random(4, 5) * 3.0f;
    for (Activation f : {Activation::Sigmoid, Activation::Relu, Activation::Softmax}) {
        CAPTURE(toString(f));
        Eigen::MatrixXf expected, inPlace = z;
        activationForward(f, z, expected);
        activationForward(f, inPlace, inPlace);
        CHECK(inPlace.isApprox(expected, 1e-6f));
    }
}

TEST_CASE("activation: backward matches central differences")
{
    // d/dz Σ da ⊙ f(z) = activationBackward(da); checked entry by entry.
    Eigen::MatrixXf z(3, 2), da(3, 2);
    z << 0.3f, -1.2f, //
        1.7f, 0.4f, //
        -0.6f, 2.1f; // no entry near ReLU's kink
    da << 0.5f, -1.0f, //
        2.0f, 0.25f, //
        -0.75f, 1.5f;
    const float h = 1e-2f; // float: a bigger step keeps rounding error below the tolerance
    for (Activation f : {Activation::Sigmoid, Activation::Relu, Activation::Softmax}) {
        CAPTURE(toString(f));
        Eigen::MatrixXf a, dz;
        activationForward(f, z, a);
        activationBackward(f, z, a, da, dz);
        REQUIRE(dz.cwiseAbs().maxCoeff() > 1e-3f);
        for (int i = 0; i < z.rows(); ++i)
            for (int j = 0; j < z.cols(); ++j) {
                Eigen::MatrixXf zp = z, zm = z;
                zp(i, j) += h;
                zm(i, j) -= h;
                const double numeric = (projected(f, zp, da) - projected(f, zm, da)) / (2.0 * h);
                CAPTURE(i);
                CAPTURE(j);
                CHECK(dz(i, j) == doctest::Approx(numeric).epsilon(2e-3).scale(1.0));
            }
    }
}

TEST_CASE("activation: backward may write over da")
{
    Eigen::MatrixXf z = Eigen::MatrixXf::Random(4, 3), da = Eigen::MatrixXf::Random(4, 3);
    for (Activation f : {Activation::Sigmoid, Activation::Relu, Activation::Softmax}) {
        CAPTURE(toString(f));
        Eigen::MatrixXf a, expected;
        activationForward(f, z, a);
        activationBackward(f, z, a, da, expected);
        Eigen::MatrixXf inPlace = da;
        activationBackward(f, z, a, inPlace, inPlace);
        CHECK(inPlace.isApprox(expected, 1e-6f));
    }
}

TEST_CASE("activation: scalar versions for plots")
{
    CHECK(activate(Activation::Sigmoid, 0.0f) == 0.5f);
    CHECK(activate(Activation::Relu, -3.0f) == 0.0f);
    CHECK(activate(Activation::Relu, 2.5f) == 2.5f);
    CHECK(activateDerivative(Activation::Sigmoid, 0.0f) == 0.25f);
    CHECK(activateDerivative(Activation::Relu, -1.0f) == 0.0f);
    CHECK(activateDerivative(Activation::Relu, 1.0f) == 1.0f);
    CHECK(std::isnan(activate(Activation::Softmax, 1.0f)));
    CHECK(std::isnan(activateDerivative(Activation::Softmax, 1.0f)));
}

TEST_CASE("activation: names round-trip")
{
    for (Activation f : {Activation::Sigmoid, Activation::Relu, Activation::Softmax})
        CHECK((activationFromString(toString(f)) == f));
    CHECK((activationFromString("ReLU") == Activation::Relu));
    CHECK_FALSE(activationFromString("tanh").has_value());
}
