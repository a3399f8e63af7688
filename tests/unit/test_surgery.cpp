// core/surgery: interventions in the single and batched forward passes (against networks
// edited by hand), folding them into weights, and EditableNetwork's undo/redo restoring the
// weights byte for byte.

#include "core/errors.hpp"
#include "core/random.hpp"
#include "core/surgery.hpp"

#include <doctest/doctest.h>

#include <cstring>

using namespace nnviz;

namespace {

Network smallNet(Activation hidden = Activation::Sigmoid, uint64_t seed = 5)
{
    Network net = makeNetwork({12, 6, 5, 4}, hidden, Activation::Softmax, seed);
    Rng rng(seed + 100);
    for (auto& layer : net.layers)
        for (Eigen::Index j = 0; j < layer.b.size(); ++j)
            layer.b[j] = float(rng.uniform(-0.5, 0.5));
    return net;
}

Eigen::MatrixXf inputs(int n, uint64_t seed)
{
    Rng rng(seed);
    Eigen::MatrixXf X(12, n);
    for (Eigen::Index i = 0; i < X.size(); ++i)
        X.data()[i] = float(rng.uniform());
    return X;
}

// Same parameters to the byte (memcmp: also tells −0 from +0 and NaN payloads apart).
bool sameBytes(const Network& a, const Network& b)
{
    if (a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); ++l) {
        const Layer &p = a.layers[l], &q = b.layers[l];
        if (p.W.size() != q.W.size() || p.b.size() != q.b.size() ||
            std::memcmp(p.W.data(), q.W.data(), sizeof(float) * size_t(p.W.size())) != 0 ||
            std::memcmp(p.b.data(), q.b.data(), sizeof(float) * size_t(p.b.size())) != 0)
            return false;
    }
    return true;
}

} // namespace

TEST_CASE(
    "forwardWith: no interventions is forward, a kill is the neuron’s outgoing weights zeroed")
{
    for (Activation hidden : {Activation::Sigmoid, Activation::Relu}) {
        const Network net = smallNet(hidden);
        const Eigen::VectorXf x = inputs(1, 3).col(0);
        ForwardTrace plain, with;
        forward(net, x, plain);
        forwardWith(net, {}, x, with);
        CHECK(with.output() == plain.output());

        Interventions iv;
        iv.set({1, 2, NeuronOp::Kill, 0});
        iv.set({2, 4, NeuronOp::Kill, 0});
        forwardWith(net, iv, x, with);
        CHECK(with.a[1][2] == 0.0f);
        CHECK(with.a[2][4] == 0.0f);
        CHECK(with.z[0] == plain.z[0]); // z untouched, only a overridden
        Network cut = net;              // the same by hand
        cut.layers[1].W.col(2).setZero();
        cut.layers[2].W.col(4).setZero();
        CHECK(forward(cut, x).output() == with.output()); // exact: 0·w and w·0 add nothing
        CHECK(forward(foldInterventions(net, iv), x).output() == with.output());
        CHECK((with.output() - plain.output()).cwiseAbs().maxCoeff() > 1e-4f); // it did change
    }
}

TEST_CASE("forwardWith: clamp and scale match the folded network and the batch")
{
    const Network net = smallNet();
    const Eigen::MatrixXf X = inputs(40, 9);
    Interventions iv;
    iv.set({1, 0, NeuronOp::Clamp, 0.8f});
    iv.set({1, 5, NeuronOp::Scale, -1.5f});
    iv.set({2, 1, NeuronOp::Scale, 3.0f});
    const Network folded = foldInterventions(net, iv);
    const Eigen::MatrixXf batch = forwardBatchWith(net, iv, X);
    const Eigen::MatrixXf reference = forwardBatch(folded, X);
    const Eigen::MatrixXf plain = forwardBatch(net, X);
    CHECK(forwardBatchWith(net, {}, X) == plain); // exactly forwardBatch without interventions
    ForwardTrace t;
    for (int i = 0; i < X.cols(); ++i) {
        forwardWith(net, iv, X.col(i), t);
        CHECK(t.a[1][0] == 0.8f);
        CHECK((t.output() - batch.col(i)).cwiseAbs().maxCoeff() < 1e-6f);
    }
    CHECK((batch - reference).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK((batch - plain).cwiseAbs().maxCoeff() > 1e-3f);

    // An output neuron can be overridden in the pass, but not folded into weights.
    Interventions out;
    out.set({3, 2, NeuronOp::Clamp, 0.25f});
    CHECK((forwardBatchWith(net, out, X).row(2).array() == 0.25f).all());
    CHECK_THROWS_AS(foldInterventions(net, out), ConfigError);
}

TEST_CASE("Interventions: one per neuron, sorted, bad ones refused")
{
    Interventions iv;
    iv.set({2, 1, NeuronOp::Kill, 0});
    iv.set({1, 3, NeuronOp::Scale, 2});
    iv.set({2, 1, NeuronOp::Clamp, 0.5f}); // replaces the kill
    REQUIRE(iv.size() == 2);
    CHECK(iv.list()[0].layer == 1);
    CHECK(iv.find(2, 1)->op == NeuronOp::Clamp);
    CHECK(iv.touches(2));
    CHECK_FALSE(iv.touches(3));
    CHECK(iv.clear(1, 3));
    CHECK_FALSE(iv.clear(1, 3));
    CHECK(iv.find(1, 3) == nullptr);

    const Network net = smallNet();
    const Eigen::MatrixXf X = inputs(2, 1);
    for (NeuronIntervention bad :
         {NeuronIntervention{0, 0, NeuronOp::Kill, 0}, NeuronIntervention{4, 0, NeuronOp::Kill, 0},
          NeuronIntervention{1, 6, NeuronOp::Kill, 0}, NeuronIntervention{2, -1, NeuronOp::Kill, 0},
          NeuronIntervention{1, 0, NeuronOp::Clamp, NAN}}) {
        Interventions b;
        b.set(bad);
        CHECK_THROWS_AS(forwardBatchWith(net, b, X), ConfigError);
    }
}

TEST_CASE("EditableNetwork: undo restores byte-identical weights, redo replays, reset is one step")
{
    const Network original = smallNet(Activation::Relu, 11);
    EditableNetwork ed(original);
    CHECK_FALSE(ed.edited());
    CHECK_FALSE(ed.canUndo());

    ed.setWeight(1, 2, 7, 0.0f);
    ed.setBias(2, 3, 1.25f);
    ed.setWeight(1, 2, 7, 0.0f); // no change: no step
    Eigen::VectorXf brush = Eigen::VectorXf::Zero(12);
    brush.segment(3, 4).setConstant(0.1f); // float additions that do not round-trip by subtracting
    ed.addToWeights(1, 4, brush);
    ed.beginGroup("drag");
    for (float v : {0.1f, 0.2f, 0.3f})
        ed.setWeight(3, 0, 1, v); // one step for the whole drag
    ed.endGroup();
    ed.setIntervention({2, 0, NeuronOp::Kill, 0});
    ed.setIntervention({1, 5, NeuronOp::Scale, 2.0f});
    CHECK(ed.history().size() == 6);
    CHECK(ed.undoLabel() == "scale 1:5");
    CHECK(ed.edited());
    CHECK(ed.network().layers[0].W(4, 3) == original.layers[0].W(4, 3) + 0.1f);
    const Network edited = ed.network();
    const Interventions editedIv = ed.interventions();

    int undone = 0;
    while (ed.undo())
        ++undone;
    CHECK(undone == 6);
    CHECK(sameBytes(ed.network(), original));
    CHECK(ed.interventions().empty());
    CHECK_FALSE(ed.edited());
    while (ed.redo()) {
    }
    CHECK(sameBytes(ed.network(), edited));
    CHECK(ed.interventions() == editedIv);

    ed.reset();
    CHECK(sameBytes(ed.network(), original));
    CHECK(ed.interventions().empty());
    CHECK(ed.undoLabel() == "reset");
    REQUIRE(ed.undo()); // undoing the reset brings every edit back
    CHECK(sameBytes(ed.network(), edited));
    CHECK(ed.interventions() == editedIv);

    // A new edit after an undo forgets the undone steps.
    REQUIRE(ed.undo());
    CHECK(ed.canRedo());
    ed.clearIntervention(2, 0);
    CHECK_FALSE(ed.canRedo());

    CHECK_THROWS_AS(ed.setWeight(1, 6, 0, 1.0f), ConfigError);
    CHECK_THROWS_AS(ed.setWeight(1, 0, 12, 1.0f), ConfigError);
    CHECK_THROWS_AS(ed.setBias(0, 0, 1.0f), ConfigError);
    CHECK_THROWS_AS(ed.setBias(1, 0, INFINITY), ConfigError);
    CHECK_THROWS_AS(ed.addToWeights(2, 0, brush), ConfigError); // layer 2 takes 6 inputs
    CHECK_THROWS_AS(ed.setIntervention({3, 4, NeuronOp::Kill, 0}), ConfigError);
}
