// What the app model tests share: the bundled models as the window finds them from the build tree.
#pragma once

#include "app/gui/model/app_model.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

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

} // namespace nnviz::gui::test
