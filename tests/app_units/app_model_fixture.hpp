// What the app model tests share: the bundled models as the window finds them from the build tree,
// requests applied as after a frame, ticking like the frame loop, a drawn 7, byte-exact weight
// comparison and picking events by type.
#pragma once

#include "app/gui/model/app_model.hpp"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>
#include <variant>
#include <vector>

namespace nnviz::gui::test {

// The bundled models (sigmoid.nnvz, relu.nnvz) and MNIST from dataDir (which may not exist).
inline AppModelConfig bundledConfig(const std::filesystem::path& dataDir)
{
    AppModelConfig o;
    o.dataDir = dataDir;
    o.modelsDir = std::filesystem::path(NNVIZ_SOURCE_DIR) / "assets" / "models";
    return o;
}

// Applies the requests fill() makes, as after a frame's panels.
inline void request(AppModel& model, const std::function<void(UiRequests&)>& fill)
{
    UiRequests req;
    fill(req);
    model.apply(req);
}

// Ticks like the frame loop until done() or the timeout; true if done.
inline bool tickUntil(AppModel& model, const std::function<bool()>& done, double seconds = 30)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        model.tick(0.01);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// A "7"-ish stroke: a bar along the top and a diagonal down to the bottom left.
inline void drawSeven(AppModel& model)
{
    const float s = float(AppModel::kCanvasSize);
    request(model, [&](UiRequests& r) {
        r.strokes.push_back({0.25f * s, 0.2f * s, 0.75f * s, 0.2f * s, 0.05f * s, false});
        r.strokes.push_back({0.75f * s, 0.2f * s, 0.4f * s, 0.85f * s, 0.05f * s, false});
    });
}

// The weights and biases of a and b are the same bytes (not merely equal floats).
inline bool sameBytes(const Network& a, const Network& b)
{
    if (a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); ++l) {
        const Layer &x = a.layers[l], &y = b.layers[l];
        if (x.W.size() != y.W.size() || x.b.size() != y.b.size() ||
            std::memcmp(x.W.data(), y.W.data(), sizeof(float) * size_t(x.W.size())) != 0 ||
            std::memcmp(x.b.data(), y.b.data(), sizeof(float) * size_t(x.b.size())) != 0)
            return false;
    }
    return true;
}

// The events of type E among events, in order.
template <class E> std::vector<E> eventsOf(const std::vector<ModelEvent>& events)
{
    std::vector<E> out;
    for (const ModelEvent& e : events)
        if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    return out;
}

} // namespace nnviz::gui::test
