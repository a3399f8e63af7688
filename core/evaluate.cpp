// Test-set evaluation: batched forward passes over 1000-image chunks, then accuracy, per-class
// recall and the confusion matrix from each column's argmax; and the accuracy on a range of a
// set (the trainer's validation split).

#include "core/evaluate.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <string>

namespace nnviz {

void startEvaluation(Evaluation& ev, const Network& net, const Dataset& data)
{
    const int classes = net.outputSize();
    if (data.size() > 0 && data.pixelCount() != net.inputSize())
        throw ConfigError("cannot evaluate on " + data.name + ": its images have " +
                          std::to_string(data.pixelCount()) + " pixels but the network takes " +
                          std::to_string(net.inputSize()) + " inputs");
    ev = Evaluation{};
    ev.count = data.size();
    ev.confusion.assign(size_t(classes), std::vector<int>(size_t(classes), 0));
    ev.perClass.assign(size_t(classes), 0.0);
    ev.predicted.resize(ev.count);
    ev.confidence.resize(ev.count);
}

void addOutputs(Evaluation& ev, const Dataset& data, size_t first, const Eigen::MatrixXf& out)
{
    const int classes = int(ev.confusion.size());
    for (size_t j = 0; j < size_t(out.cols()); ++j) {
        const int truth = data.labels[first + j];
        if (truth >= classes)
            throw ConfigError("cannot evaluate on " + data.name + ": label " +
                              std::to_string(truth) + " of image " + std::to_string(first + j) +
                              " is not one of the network's " + std::to_string(classes) +
                              " classes");
        const int predicted = argmax(out.col(Eigen::Index(j)));
        ev.predicted[first + j] = predicted;
        ev.confidence[first + j] = out(predicted, Eigen::Index(j));
        ++ev.confusion[size_t(truth)][size_t(predicted)];
    }
}

void finishEvaluation(Evaluation& ev)
{
    const size_t classes = ev.confusion.size();
    size_t correct = 0;
    for (size_t c = 0; c < classes; ++c) {
        // Recall: of the images whose true class is c, the fraction predicted as c (0 if none).
        int total = 0;
        for (size_t p = 0; p < classes; ++p) total += ev.confusion[c][p];
        correct += size_t(ev.confusion[c][c]);
        ev.perClass[c] = total ? double(ev.confusion[c][c]) / total : 0.0;
    }
    ev.accuracy = ev.count ? double(correct) / double(ev.count) : 0.0;
}

Evaluation evaluate(const Network& net, const Dataset& data)
{
    Evaluation ev;
    startEvaluation(ev, net, data);
    Eigen::MatrixXf X; // (in, chunk): X is (784, 1000) = 3 MB
    for (size_t first = 0; first < data.size(); first += kEvaluationChunk) {
        const size_t n = std::min(kEvaluationChunk, data.size() - first);
        data.inputs(first, n, X);
        addOutputs(ev, data, first, forwardBatch(net, X)); // (classes, n)
    }
    finishEvaluation(ev);
    return ev;
}

double accuracyOn(const Network& net, const Dataset& data, size_t first, size_t count)
{
    if (count == 0) return 0.0;
    if (data.pixelCount() != net.inputSize() || first + count > data.size())
        throw ConfigError("cannot score images " + std::to_string(first) + ".." +
                          std::to_string(first + count) + " of " + data.name + " (" +
                          std::to_string(data.size()) + " images of " +
                          std::to_string(data.pixelCount()) + " pixels) with a network of " +
                          std::to_string(net.inputSize()) + " inputs");
    Eigen::MatrixXf X; // (in, chunk)
    size_t correct = 0;
    for (size_t done = 0; done < count; done += kEvaluationChunk) {
        const size_t n = std::min(kEvaluationChunk, count - done);
        data.inputs(first + done, n, X);
        const Eigen::MatrixXf out = forwardBatch(net, X); // (classes, n)
        for (size_t j = 0; j < n; ++j)
            correct += size_t(argmax(out.col(Eigen::Index(j))) == data.labels[first + done + j]);
    }
    return double(correct) / double(count);
}

} // namespace nnviz
