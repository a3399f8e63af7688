// Test-set evaluation: accuracy, per-class accuracy, confusion matrix.
#pragma once

#include "core/dataset.hpp"
#include "core/network.hpp"

#include <vector>

namespace nnviz {

struct Evaluation {
    double accuracy = 0;                     // fraction correct, 0..1
    std::vector<double> perClass;            // (classes): recall of each true class
    std::vector<std::vector<int>> confusion; // [true][predicted] counts
    std::vector<int> predicted;              // (count) each image's answer, argmax of the output
    std::vector<float> confidence;           // (count) the output at that answer
    size_t count = 0;
};

// Runs the batched forward over the whole set (in chunks, so memory stays small).
Evaluation evaluate(const Network& net, const Dataset& data);

// The fraction of images [first, first + count) of data that the network answers right (the
// trainer's validation split); 0 when count is 0.
double accuracyOn(const Network& net, const Dataset& data, size_t first, size_t count);

// Images per forward pass of evaluate(); the Rescorer (core/rescore.hpp) runs the same chunks so
// that its results are the same bits.
inline constexpr size_t kEvaluationChunk = 1000;

// evaluate() in pieces, for callers that compute the outputs their own way (the Rescorer):
// startEvaluation sizes ev for the set, addOutputs tallies out (classes, n), the outputs of
// images [first, first + n), and finishEvaluation computes accuracy and per-class recall.
void startEvaluation(Evaluation& ev, const Network& net, const Dataset& data);
void addOutputs(Evaluation& ev, const Dataset& data, size_t first, const Eigen::MatrixXf& out);
void finishEvaluation(Evaluation& ev);

} // namespace nnviz
