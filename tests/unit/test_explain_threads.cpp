// #12's background use: dreams and re-scorings running on worker threads, each on its own copy
// of the network and its own Rescorer over one shared, read-only test set, give the results a
// single thread gets, and a dream stops when its flag is raised from another thread. Also run
// under ThreadSanitizer (tsan.trainer, tests/sanitizers).

#include "core/dream.hpp"
#include "core/rescore.hpp"
#include "core/trainer.hpp"
#include "tests/unit/synthetic_data.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace nnviz;

TEST_CASE("explain in the background: threads on copies agree with one thread, and cancel")
{
    const auto data = std::make_shared<const Dataset>(test::quadrants(1500, 6));
    Network net = makeNetwork({16, 8, 6, 4}, Activation::Relu, Activation::Softmax, 2);
    TrainConfig cfg;
    cfg.epochs = 1;
    cfg.learningRate = 0.01f;
    train(net, *data, nullptr, cfg);

    // What one thread computes.
    Rescorer alone(data);
    const Ablation wantAblation = ablateHiddenNeurons(alone, net);
    std::vector<DreamResult> wantDreams;
    for (int j = 0; j < 8; ++j) wantDreams.push_back(dream(net, 1, j));

    // Four workers at once, each with its own copy of the network, the test set shared: two
    // ablations (a Rescorer each), two dreamers (neurons 0-3 and 4-7).
    Ablation gotAblation[2];
    std::vector<DreamResult> gotDreams(8);
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w) {
        workers.emplace_back([copy = net, data, &gotAblation, w] {
            Rescorer rescorer(data);
            gotAblation[w] = ablateHiddenNeurons(rescorer, copy);
        });
        workers.emplace_back([copy = net, &gotDreams, w] {
            for (int j = 4 * w; j < 4 * w + 4; ++j) gotDreams[size_t(j)] = dream(copy, 1, j);
        });
    }
    for (auto& t : workers) t.join();
    for (const Ablation& got : gotAblation) {
        REQUIRE(got.neurons.size() == wantAblation.neurons.size());
        for (size_t i = 0; i < wantAblation.neurons.size(); ++i) {
            CHECK(got.neurons[i].layer == wantAblation.neurons[i].layer);
            CHECK(got.neurons[i].neuron == wantAblation.neurons[i].neuron);
            CHECK(got.neurons[i].accuracy == wantAblation.neurons[i].accuracy);
        }
    }
    for (int j = 0; j < 8; ++j) CHECK(gotDreams[size_t(j)].image == wantDreams[size_t(j)].image);

    // A long dream cancelled from this thread stops early.
    std::atomic<bool> cancel{false};
    DreamConfig longRun;
    longRun.steps = 50'000'000;
    DreamResult stopped;
    std::thread worker([copy = net, &longRun, &cancel, &stopped] {
        stopped = dream(copy, 2, 0, longRun, {}, &cancel);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    cancel.store(true);
    worker.join();
    CHECK(stopped.cancelled);
    CHECK(stopped.steps > 0);
    CHECK(stopped.steps < longRun.steps);
    CHECK(stopped.image.size() == 16);
}
