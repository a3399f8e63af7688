// Explaining one answer or one neuron: effective input maps, gradients of any neuron with
// respect to the input pixels (saliency), occlusion, and the network's answers to pure noise.
// Free functions on a const network, no shared state: safe on a background thread.
//
// Layers are counted as in core/surgery.hpp: 0 = input, 1 = first hidden, layerCount() = outputs.
#pragma once

#include "core/network.hpp"
#include "core/surgery.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace nnviz {

// What neuron `neuron` of layer `layer` responds to in pixel space, ignoring the squashing
// between layers: row `neuron` of W_layer · … · W_1, (inputSize). Layer 1 gives the neuron's own
// weights. Throws ConfigError for a layer or neuron the network lacks.
Eigen::VectorXf effectiveInputMap(const Network& net, int layer, int neuron);

// ∂(a given function of layer `layer`'s activations)/∂x, back through the layers below:
// da = ∂obj/∂a_layer (sizes[layer]) at the forward pass `trace` of x (from forwardWith with the
// same interventions; overridden neurons pass no gradient, scaled ones pass it scaled).
// Returns ∂obj/∂x, (inputSize).
Eigen::VectorXf backToInput(const Network& net, const Interventions& iv, const ForwardTrace& trace,
                            int layer, const Eigen::VectorXf& da);

// Saliency: ∂a_k/∂x for output k (its value after the output activation, softmax included), at
// input x (inputSize), through the interventions. Returns (inputSize).
Eigen::VectorXf outputSaliency(const Network& net, const Eigen::VectorXf& x, int output,
                               const Interventions& iv = {});

// Occlusion: output k's value with each patch × patch square of the image set to 0 (blank).
struct Occlusion {
    int patch = 4;
    int cols = 0, rows = 0;   // patches across and down (7 × 7 for 28 × 28 and 4)
    float base = 0;           // output k on the whole image
    std::vector<float> drop;  // (rows · cols), row-major: base − output with that patch blanked
    Eigen::VectorXf pixelMap; // (inputSize): each pixel the drop of its patch, for drawing
};
// x: (side · side) row-major. The occluded images run as one batch. Throws ConfigError when x
// is not side × side, or output or patch is out of range.
Occlusion occlusion(const Network& net, const Eigen::VectorXf& x, int output, int side,
                    int patch = 4, const Interventions& iv = {});

// Noise: images of uniformly random pixels in [0, 1), and what the network makes of them.
// noiseImage(seed) is a pure function of the seed.
Eigen::VectorXf noiseImage(int pixels, uint64_t seed);

struct NoiseAnswer {
    int answer = -1;      // argmax of the output
    float confidence = 0; // the output at the answer
};
NoiseAnswer answerTo(const Network& net, const Eigen::VectorXf& x, const Interventions& iv = {});

struct NoiseSurvey {
    int count = 0;
    float threshold = 0.9f;
    int confident = 0;            // answered with confidence ≥ threshold
    double fractionConfident = 0; // confident / count
    double meanConfidence = 0;
    std::vector<int> answers; // (outputSize): how often each class was the answer
};
// Image i of the survey is noiseImage(inputSize, seed + i); all run as one batch, so the same
// seed gives the same survey.
NoiseSurvey noiseSurvey(const Network& net, int count = 1000, uint64_t seed = 1,
                        float threshold = 0.9f, const Interventions& iv = {});

} // namespace nnviz
