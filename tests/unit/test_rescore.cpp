// core/rescore: re-scoring an edited network equals a fresh evaluate() of the equivalently edited
// model (across 1000-image chunks, with and without the first layer's cache), and ablation's
// order matches direct re-evaluation, on a synthetic set and on MNIST with the bundled model.

#include "core/errors.hpp"
#include "core/rescore.hpp"
#include "core/trainer.hpp"
#include "tests/unit/real_data.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace nnviz;

namespace {

void checkSameEvaluation(const Evaluation& got, const Evaluation& want)
{
    CHECK(got.count == want.count);
    CHECK(got.accuracy == want.accuracy);
    CHECK(got.perClass == want.perClass);
    CHECK(got.confusion == want.confusion);
    CHECK(got.predicted == want.predicted);
    CHECK(got.confidence == want.confidence); // the same bits, not just close
}

// 2,500 quadrant images (4×4, 4 classes): three chunks, the last one partial.
std::shared_ptr<const Dataset> quadrantSet()
{
    return std::make_shared<const Dataset>(test::quadrants(2500, 4));
}

// 16-8-6-4 trained for two epochs on the quadrants: right more often than chance, so that
// killing a neuron changes the answers.
Network quadrantNet(Activation hidden)
{
    Network net = makeNetwork({16, 8, 6, 4}, hidden, Activation::Softmax, 21);
    TrainConfig cfg;
    cfg.epochs = 2;
    cfg.learningRate = 0.01f;
    train(net, test::quadrants(1000, 9), nullptr, cfg);
    return net;
}

} // namespace

TEST_CASE("Rescorer: equals evaluate() of the edited model, cached or not")
{
    const auto data = quadrantSet();
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        Network net = quadrantNet(hidden);
        Rescorer rescorer(data);
        checkSameEvaluation(rescorer.score(net), evaluate(net, *data));
        CHECK_FALSE(rescorer.lastUsedCache());

        Interventions iv; // kills: the equivalent model is exactly the folded one
        iv.set({1, 3, NeuronOp::Kill, 0});
        iv.set({2, 0, NeuronOp::Kill, 0});
        checkSameEvaluation(rescorer.score(net, iv), evaluate(foldInterventions(net, iv), *data));
        CHECK(rescorer.lastUsedCache());

        net.layers[1].W(2, 5) += 0.75f; // a deeper weight: still cached
        checkSameEvaluation(rescorer.score(net), evaluate(net, *data));
        CHECK(rescorer.lastUsedCache());
        net.layers[0].W(4, 9) = -2.0f; // a first-layer weight: recomputed
        checkSameEvaluation(rescorer.score(net), evaluate(net, *data));
        CHECK_FALSE(rescorer.lastUsedCache());
        net.layers[0].b[7] = 1.5f;
        checkSameEvaluation(rescorer.score(net), evaluate(net, *data));
        CHECK_FALSE(rescorer.lastUsedCache());
    }
}

TEST_CASE("Rescorer: clamp and scale agree with a per-image forward pass")
{
    const auto data = quadrantSet();
    const Network net = quadrantNet(Activation::Sigmoid);
    Interventions iv;
    iv.set({1, 1, NeuronOp::Clamp, 1.0f});
    iv.set({2, 2, NeuronOp::Scale, 4.0f});
    iv.set({3, 0, NeuronOp::Scale, 0.5f}); // an output neuron too
    Rescorer rescorer(data);
    const Evaluation ev = rescorer.score(net, iv);
    ForwardTrace t;
    int right = 0;
    for (size_t i = 0; i < data->size(); ++i) {
        forwardWith(net, iv, data->input(i), t);
        right += argmax(t.output()) == data->labels[i];
    }
    CHECK(ev.accuracy == doctest::Approx(right / 2500.0).epsilon(1e-3));
    CHECK(ev.predicted != rescorer.score(net).predicted);
    CHECK_THROWS_AS(rescorer.score(net,
                                   [] {
                                       Interventions bad;
                                       bad.set({3, 4, NeuronOp::Kill, 0});
                                       return bad;
                                   }()),
                    ConfigError);
}

TEST_CASE("ablateHiddenNeurons: every hidden neuron, order and figures of direct re-evaluation")
{
    const auto data = quadrantSet();
    const Network net = quadrantNet(Activation::Relu);
    Rescorer rescorer(data);
    const Ablation ab = ablateHiddenNeurons(rescorer, net);
    REQUIRE(ab.neurons.size() == 8 + 6);
    CHECK(ab.base == evaluate(net, *data).accuracy);
    // The expected list, built independently: each neuron's outgoing weights zeroed, evaluate().
    std::vector<NeuronImportance> want;
    for (int layer = 1; layer <= 2; ++layer)
        for (int j = 0; j < net.sizes[size_t(layer)]; ++j) {
            Network cut = net;
            cut.layers[size_t(layer)].W.col(j).setZero();
            const double acc = evaluate(cut, *data).accuracy;
            want.push_back({layer, j, acc, ab.base - acc});
        }
    std::stable_sort(want.begin(), want.end(), [](auto& a, auto& b) { return a.drop > b.drop; });
    for (size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        CHECK(ab.neurons[i].layer == want[i].layer);
        CHECK(ab.neurons[i].neuron == want[i].neuron);
        CHECK(ab.neurons[i].accuracy == want[i].accuracy);
        CHECK(ab.neurons[i].drop == want[i].drop);
    }
    CHECK(ab.neurons.front().drop > ab.neurons.back().drop); // not all equal

    std::atomic<bool> cancel{true};
    const Ablation stopped = ablateHiddenNeurons(rescorer, net, {}, &cancel);
    CHECK(stopped.cancelled);
    CHECK(stopped.neurons.empty());
}

TEST_CASE("layerActivity: means, maxima and dead neurons against a whole-set forward pass")
{
    const auto data = quadrantSet();
    Network net = quadrantNet(Activation::Relu);
    net.layers[0].b[2] = -100.0f; // first-hidden neuron 2 can never fire
    Interventions iv;
    iv.set({2, 4, NeuronOp::Kill, 0}); // nor can second-hidden neuron 4
    const LayerActivity act = layerActivity(net, *data, iv);
    REQUIRE(act.mean.size() == 4);
    Eigen::MatrixXf X;
    data->inputs(0, data->size(), X);
    for (int layer = 1; layer <= 3; ++layer) {
        Eigen::MatrixXf a = X; // (sizes[layer], 2500) from one pass over the whole set
        forwardFrom(net, iv, 0, a, layer);
        CAPTURE(layer);
        CHECK((act.mean[size_t(layer)] - a.rowwise().mean()).cwiseAbs().maxCoeff() < 1e-5f);
        CHECK(act.max[size_t(layer)] == a.rowwise().maxCoeff());
    }
    CHECK(act.dead[1] >= 1);
    CHECK(act.max[1][2] == 0.0f);
    CHECK(act.dead[2] >= 1);
    CHECK(act.max[2][4] == 0.0f);
    CHECK(act.dead[1] < 8);
}

TEST_CASE("Rescorer and ablation on MNIST with the bundled sigmoid model")
{
    const auto mnist = test::mnistTestSet();
    if (!mnist) {
        MESSAGE("skipped: MNIST not found; run third_party/fetch-data");
        return;
    }
    const Network net = test::bundledModel("sigmoid.nnvz");
    Rescorer rescorer(mnist);
    checkSameEvaluation(rescorer.score(net), evaluate(net, *mnist));
    Interventions iv;
    iv.set({2, 7, NeuronOp::Kill, 0});
    checkSameEvaluation(rescorer.score(net, iv), evaluate(foldInterventions(net, iv), *mnist));

    const Ablation ab = ablateHiddenNeurons(rescorer, net);
    REQUIRE(ab.neurons.size() == 32);
    CHECK(ab.base == evaluate(net, *mnist).accuracy);
    for (size_t i = 0; i < ab.neurons.size(); i += 7) { // a few, re-evaluated directly
        const NeuronImportance& n = ab.neurons[i];
        Network cut = net;
        cut.layers[size_t(n.layer)].W.col(n.neuron).setZero();
        CHECK(evaluate(cut, *mnist).accuracy == n.accuracy);
    }
    CHECK(ab.neurons.front().drop > 0.05); // some neuron matters a lot
    for (size_t i = 1; i < ab.neurons.size(); ++i)
        CHECK(ab.neurons[i - 1].drop >= ab.neurons[i].drop);
}
