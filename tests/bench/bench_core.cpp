// Micro-benchmarks of the numeric core (Google Benchmark): single-sample forward, batched forward
// and evaluation of 10,000 images, and one training step (forward + backward + Adam) at batch 1,
// 10, 32 and 128, each for sigmoid and ReLU hidden layers on 784-16-16-10 (softmax output,
// cross-entropy, as `nnviz train` defaults). Each reports FLOP/s next to its time; the machine's
// limit comes from bench_peak.cpp (BM_PeakFma) in the same binary.
//
// FLOP counts, from the layer shapes only (multiply-adds of the matrix products; the element-wise
// work — activations, softmax, Adam's per-parameter update, the uint8 → float conversion — is
// left out, so the figures are "useful" FLOPs and the percentage of peak is a lower bound):
//   forward,  per sample: Σ_l 2·in_l·out_l                  (z = W a: one FMA per weight)
//             784-16-16-10: 2·(784·16 + 16·16 + 16·10) = 25,920
//   backward, per sample: Σ_l 2·in_l·out_l                  (∂W = δ aᵀ)
//                       + Σ_{l≥1} 2·in_l·out_l              (δ_{l−1} = W_lᵀ δ_l; no ∂input)
//             784-16-16-10: 25,920 + 832 = 26,752  (≈ 1× forward here: layer 0 dominates)
//   training step at batch B: B · (25,920 + 26,752) = B · 52,672
//
// Explain and experiment (#12): re-scoring the 10,000 test images after an edit, activation
// maximisation of one neuron, ablation of every hidden neuron.
//
// [SECTION] Shapes and FLOPs · Data · Forward · Evaluation · Training step · Trainer · Explain ·
// main

#include "core/cost.hpp"
#include "core/dataset.hpp"
#include "core/dream.hpp"
#include "core/errors.hpp"
#include "core/evaluate.hpp"
#include "core/network.hpp"
#include "core/random.hpp"
#include "core/rescore.hpp"
#include "core/trainer.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace nnviz;

// Set when a benchmark finds a wrong result; main() then exits non-zero so the smoke tests fail.
bool g_failed = false;

// Results are stored here so the compiler keeps the work. Not benchmark::DoNotOptimize on a
// float or double: libbenchmark 1.7.1's "+m,r" asm constraint lets GCC corrupt such values
// (google/benchmark#903), which this file's own checks caught.
volatile double g_sink = 0;

void fail(benchmark::State& state, const std::string& why)
{
    g_failed = true;
    std::fprintf(stderr, "bench_core: %s\n", why.c_str());
    state.SkipWithError(why.c_str());
}

// [SECTION] Shapes and FLOPs
const std::vector<int> kSizes{784, 16, 16, 10};

double forwardFlopsPerSample(const std::vector<int>& sizes)
{
    double f = 0;
    for (size_t l = 0; l + 1 < sizes.size(); ++l) f += 2.0 * sizes[l] * sizes[l + 1];
    return f;
}

double backwardFlopsPerSample(const std::vector<int>& sizes)
{
    double f = forwardFlopsPerSample(sizes); // ∂W = δ aᵀ, same shape as the forward product
    for (size_t l = 1; l + 1 < sizes.size(); ++l) f += 2.0 * sizes[l] * sizes[l + 1]; // Wᵀ δ
    return f;
}

// FLOP/s as a rate counter: Google Benchmark divides by the measured time.
void setFlops(benchmark::State& state, double flopsPerIteration)
{
    state.counters["FLOPs"] = benchmark::Counter(flopsPerIteration); // per iteration, constant
    state.counters["FLOP/s"] = benchmark::Counter(flopsPerIteration * double(state.iterations()),
                                                  benchmark::Counter::kIsRate,
                                                  benchmark::Counter::OneK::kIs1000);
}

Activation hiddenOf(benchmark::State& state)
{
    return state.range(0) == 0 ? Activation::Sigmoid : Activation::Relu;
}

Network makeBenchNetwork(Activation hidden)
{
    return makeNetwork(kSizes, hidden, Activation::Softmax, 1);
}

// [SECTION] Data
// Random images in [0, 1] (the FLOPs do not depend on the pixels) and random one-hot targets.
Eigen::MatrixXf randomInputs(int n, uint64_t seed)
{
    Rng rng(seed);
    Eigen::MatrixXf X(kSizes.front(), n);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = float(rng.uniform());
    return X;
}

Eigen::MatrixXf randomTargets(int n, uint64_t seed)
{
    Rng rng(seed);
    Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(kSizes.back(), n);
    for (int j = 0; j < n; ++j) Y(int(rng.below(uint64_t(kSizes.back()))), j) = 1.0f;
    return Y;
}

Dataset syntheticDataset(size_t count, uint64_t seed)
{
    Rng rng(seed);
    Dataset d;
    d.name = "synthetic";
    d.rows = d.cols = 28;
    std::vector<uint8_t> pixels(count * 784);
    d.labels.resize(count);
    for (auto& p : pixels) p = uint8_t(rng.below(256));
    d.setPixels(pixels);
    for (auto& l : d.labels) l = uint8_t(rng.below(10));
    return d;
}

// The real MNIST test set when fetched (third_party/fetch-data), else 10,000 synthetic images:
// the timing is the same, only the label in the output differs.
const Dataset& testSet()
{
    static const Dataset data = [] {
        try {
            return loadDataset(DatasetKind::Mnist, Split::Test, defaultDataDir());
        } catch (const Error&) {
            return syntheticDataset(10'000, 7);
        }
    }();
    return data;
}

// [SECTION] Forward
void BM_ForwardSingle(benchmark::State& state)
{
    const Network net = makeBenchNetwork(hiddenOf(state));
    const Eigen::VectorXf x = randomInputs(1, 2).col(0);
    ForwardTrace trace;
    forward(net, x, trace); // sizes the trace: the loop then allocates nothing
    for (auto _ : state) {
        forward(net, x, trace);
        benchmark::DoNotOptimize(trace.a.back().data());
        benchmark::ClobberMemory();
    }
    if (!trace.output().allFinite() || std::abs(trace.output().sum() - 1.0f) > 1e-4f)
        fail(state, "softmax output is not a distribution");
    setFlops(state, forwardFlopsPerSample(kSizes));
}
BENCHMARK(BM_ForwardSingle)->ArgName("relu")->Arg(0)->Arg(1);

// forwardBatch over the 10,000 test images already converted to float (784, 10000): the pure
// compute of an evaluation.
void BM_ForwardBatch10k(benchmark::State& state)
{
    const Network net = makeBenchNetwork(hiddenOf(state));
    const Dataset& data = testSet();
    Eigen::MatrixXf X;
    data.inputs(0, data.size(), X);
    const int n = int(data.size());
    for (auto _ : state) {
        Eigen::MatrixXf out = forwardBatch(net, X);
        benchmark::DoNotOptimize(out.data());
        if (out.cols() != n) fail(state, "wrong output width");
    }
    setFlops(state, forwardFlopsPerSample(kSizes) * n);
    state.SetItemsProcessed(int64_t(state.iterations()) * n);
    state.SetLabel(data.name);
}
BENCHMARK(BM_ForwardBatch10k)->ArgName("relu")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// [SECTION] Evaluation
// evaluate(): the whole test-set evaluation as `nnviz eval` runs it after loading — uint8 → float
// in 1000-image chunks, batched forward, argmax, confusion matrix.
void BM_Evaluate10k(benchmark::State& state)
{
    const Network net = makeBenchNetwork(hiddenOf(state));
    const Dataset& data = testSet();
    double accuracy = -1;
    for (auto _ : state) {
        const Evaluation ev = evaluate(net, data);
        accuracy = ev.accuracy;
        g_sink = accuracy;
    }
    if (!(accuracy >= 0.0 && accuracy <= 1.0))
        fail(state, "accuracy " + std::to_string(accuracy) + " outside [0, 1]");
    setFlops(state, forwardFlopsPerSample(kSizes) * double(data.size()));
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(data.size()));
    state.SetLabel(data.name);
}
BENCHMARK(BM_Evaluate10k)->ArgName("relu")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// [SECTION] Training step
// Adam exactly as the trainer applies it (core/trainer.cpp, updateTensor: PyTorch's form with
// the bias corrections folded into the step), which is not public API.
struct Adam {
    float lr = 0.001f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
    int64_t step = 0;
    std::vector<Eigen::ArrayXf> m, v; // per tensor: W_0, b_0, W_1, b_1, ...

    explicit Adam(const Network& net)
    {
        for (const Layer& layer : net.layers)
            for (Eigen::Index n : {layer.W.size(), layer.b.size()}) {
                m.push_back(Eigen::ArrayXf::Zero(n));
                v.push_back(Eigen::ArrayXf::Zero(n));
            }
    }

    void tensor(float* pData, const float* gData, Eigen::Index n, size_t k)
    {
        Eigen::Map<Eigen::ArrayXf> p(pData, n);
        Eigen::Map<const Eigen::ArrayXf> g(gData, n);
        m[k] = beta1 * m[k] + (1.0f - beta1) * g;
        v[k] = beta2 * v[k] + (1.0f - beta2) * g.square();
        const float stepSize = float(lr / (1.0 - std::pow(double(beta1), double(step))));
        const float invSqrtBc2 = float(1.0 / std::sqrt(1.0 - std::pow(double(beta2), double(step))));
        p -= stepSize * m[k] / (v[k].sqrt() * invSqrtBc2 + eps);
    }

    void update(Network& net, const Gradients& g)
    {
        ++step;
        for (size_t l = 0; l < net.layers.size(); ++l) {
            Layer& layer = net.layers[l];
            tensor(layer.W.data(), g.dW[l].data(), layer.W.size(), 2 * l);
            tensor(layer.b.data(), g.db[l].data(), layer.b.size(), 2 * l + 1);
        }
    }
};

// backprop (forward + backward, batch-mean gradients) then the Adam update, on inputs already
// in float. Cycles through 8 different batches so the inputs are not the same cache lines each
// time (the trainer gathers a fresh batch per step: that cost is in BM_TrainerStep).
void BM_TrainStep(benchmark::State& state)
{
    const int B = int(state.range(1));
    Network net = makeBenchNetwork(hiddenOf(state));
    constexpr int kBatches = 8;
    std::vector<Eigen::MatrixXf> X, Y;
    for (int k = 0; k < kBatches; ++k) {
        X.push_back(randomInputs(B, 100 + uint64_t(k)));
        Y.push_back(randomTargets(B, 200 + uint64_t(k)));
    }
    Gradients g;
    BatchWorkspace ws;
    Adam adam(net);
    float loss = 0;
    int k = 0;
    for (auto _ : state) {
        loss = backprop(net, Cost::CrossEntropy, X[size_t(k)], Y[size_t(k)], g, ws);
        adam.update(net, g);
        k = (k + 1) % kBatches;
        g_sink = loss;
    }
    if (!std::isfinite(loss)) fail(state, "non-finite loss");
    setFlops(state, B * (forwardFlopsPerSample(kSizes) + backwardFlopsPerSample(kSizes)));
    state.SetItemsProcessed(int64_t(state.iterations()) * B);
}
BENCHMARK(BM_TrainStep)
    ->ArgNames({"relu", "batch"})
    ->ArgsProduct({{0, 1}, {1, 10, 32, 128}});

// [SECTION] Trainer
// The real thing: train() for one epoch of 6,400 synthetic images on one thread, so every step
// includes the shuffled gather (uint8 → float), backprop, Adam and the trainer's bookkeeping.
// Time is per epoch; "steps/s" and FLOP/s come from the 6400 / B steps inside it.
void BM_TrainerEpoch6400(benchmark::State& state)
{
    const int B = int(state.range(1));
    const Dataset data = syntheticDataset(6'400, 3);
    Network net = makeBenchNetwork(hiddenOf(state));
    TrainConfig cfg;
    cfg.batchSize = B;
    cfg.epochs = 1;
    cfg.threads = 1;
    TrainResult r;
    for (auto _ : state) {
        r = train(net, data, nullptr, cfg);
        benchmark::DoNotOptimize(net.layers[0].W.data());
    }
    if (r.epochsDone != 1 || r.diverged) fail(state, "the epoch did not complete");
    const double steps = std::ceil(double(data.size()) / B);
    state.counters["steps/s"] =
        benchmark::Counter(steps * double(state.iterations()), benchmark::Counter::kIsRate);
    setFlops(state, double(data.size()) *
                        (forwardFlopsPerSample(kSizes) + backwardFlopsPerSample(kSizes)));
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(data.size()));
}
BENCHMARK(BM_TrainerEpoch6400)
    ->ArgNames({"relu", "batch"})
    ->ArgsProduct({{0, 1}, {32, 128}})
    ->Unit(benchmark::kMillisecond);

// [SECTION] Explain
// The test set shared by the Rescorer benchmarks (a shared_ptr, as the window holds it).
std::shared_ptr<const Dataset> sharedTestSet()
{
    static const auto data = std::make_shared<const Dataset>(testSet());
    return data;
}

// Re-scoring the 10,000 test images after one edit, as the surgery panel does in the background.
// edit 0: a neuron killed (a different one each time; the Rescorer reuses the first layer's
// sums); edit 1: a first-layer weight changed each time, so the sums are recomputed (the worst
// case, and the figure the ≤ 10 ms target is for).
void BM_RescoreAfterEdit(benchmark::State& state)
{
    Network net = makeBenchNetwork(hiddenOf(state));
    const bool firstLayer = state.range(1) == 1;
    Rescorer rescorer(sharedTestSet());
    rescorer.score(net); // the cache as it stands before the first edit
    int k = 0;
    double accuracy = -1;
    for (auto _ : state) {
        Interventions iv;
        if (firstLayer)
            net.layers[0].W(k % 16, 400) += 0.01f;
        else
            iv.set({1 + k % 2, k % 16, NeuronOp::Kill, 0.0f});
        accuracy = rescorer.score(net, iv).accuracy;
        g_sink = accuracy;
        ++k;
    }
    if (!(accuracy >= 0.0 && accuracy <= 1.0)) fail(state, "accuracy outside [0, 1]");
    if (rescorer.lastUsedCache() == firstLayer) fail(state, "the cache was (not) used as meant");
    state.SetLabel(sharedTestSet()->name);
}
BENCHMARK(BM_RescoreAfterEdit)
    ->ArgNames({"relu", "first_layer"})
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

// Activation maximisation of one neuron with the default 300 steps: a first-hidden, a
// second-hidden and an output neuron (layer 1, 2, 3).
void BM_DreamNeuron(benchmark::State& state)
{
    const Network net = makeBenchNetwork(Activation::Sigmoid);
    const int layer = int(state.range(0));
    DreamResult r;
    for (auto _ : state) {
        r = dream(net, layer, 3);
        g_sink = r.activation;
    }
    if (!(r.activation > r.blankActivation)) fail(state, "the neuron did not rise");
}
BENCHMARK(BM_DreamNeuron)->ArgName("layer")->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// Ablation: each of the 32 hidden neurons killed in turn and the test set re-scored (33
// scorings, the first one filling the Rescorer's cache).
void BM_AblateHidden(benchmark::State& state)
{
    const Network net = makeBenchNetwork(hiddenOf(state));
    Ablation ab;
    for (auto _ : state) {
        Rescorer rescorer(sharedTestSet());
        ab = ablateHiddenNeurons(rescorer, net);
        g_sink = ab.base;
    }
    if (ab.neurons.size() != 32) fail(state, "not 32 hidden neurons");
}
BENCHMARK(BM_AblateHidden)->ArgName("relu")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

} // namespace

// [SECTION] main
// BENCHMARK_MAIN(), plus a non-zero exit when a benchmark found a wrong result or the filter
// matched nothing, so that the smoke tests can fail.
int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    const size_t ran = benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (ran == 0) {
        std::fprintf(stderr, "bench_core: no benchmark matched the filter\n");
        return 1;
    }
    return g_failed ? 1 : 0;
}
