// Backpropagation on one example, keeping every intermediate a person might want to see (the
// 3Blue1Brown backprop video on one drawing): the cost, each layer's δ = ∂C/∂z, f′(z), the nudge
// each neuron receives from the layer above (Σ w·δ), ∂C/∂W and ∂C/∂b; and one gradient-descent
// step on that example. The numbers come from backprop() on a batch of one.
#pragma once

#include "core/cost.hpp"
#include "core/network.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace nnviz {

// Whether a neuron passes a gradient back: f′(z) = 0 stops it (a ReLU whose z ≤ 0), a sigmoid
// with f′(z) < kSaturatedSlope (a < ~0.01 or > ~0.99; f′ is at most 0.25) passes back almost
// nothing. Softmax outputs are never flagged (their f′ is not element-wise).
enum class GradientFlow : uint8_t { Open, Saturated, Dead };
inline constexpr float kSaturatedSlope = 0.01f;

// Layer l = 0..L−1 maps sizes[l] → sizes[l+1], as in Network::layers.
struct ExampleGradient {
    Cost cost = Cost::Mse;
    int target = 0;                      // the class the example should be
    ForwardTrace trace;                  // z[l] (sizes[l+1]), a[l] (sizes[l]); a[0] = x
    Eigen::VectorXf y;                   // (out) one-hot target
    float value = 0;                     // C for this example
    Eigen::VectorXf dCda;                // (out) ∂C/∂a of the output layer
    std::vector<Eigen::VectorXf> fprime; // fprime[l]: f′(z[l]) (sizes[l+1]); softmax: a(1−a)
    std::vector<Eigen::VectorXf> nudge;  // nudge[l] = ∂C/∂a[l+1]: the output's dCda; hidden:
                                         //   W_{l+1}ᵀ δ[l+1], what the layer above sends back
    std::vector<Eigen::VectorXf> delta;  // delta[l] = ∂C/∂z[l] (sizes[l+1])
    std::vector<Eigen::MatrixXf> dW;     // ∂C/∂W_l = δ[l] a[l]ᵀ (sizes[l+1], sizes[l])
    std::vector<Eigen::VectorXf> db;     // ∂C/∂b_l = δ[l] (sizes[l+1])
    std::vector<std::vector<GradientFlow>> flow; // flow[l][j]: neuron j of layer l+1

    int layerCount() const { return int(delta.size()); }
};

// Forward and backward for input x (sizes[0]) and target class `target`. Throws ConfigError when
// x does not fit the network or target is not one of its outputs.
ExampleGradient exampleGradient(const Network& net, Cost cost, const Eigen::VectorXf& x,
                                int target);

// One gradient-descent step on the example: W_l −= rate ∂C/∂W_l, b_l −= rate ∂C/∂b_l. g must
// come from this network's shapes.
void gradientStep(Network& net, const ExampleGradient& g, float rate);

// Which of the two marks applies to a neuron with this activation and f′(z).
GradientFlow gradientFlow(Activation f, float fprime);

} // namespace nnviz
