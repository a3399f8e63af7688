// What the app model tests share: the bundled models as the window finds them from the build tree.
#pragma once

#include "app/gui/model/app_model.hpp"

#include <filesystem>
#include <functional>

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

} // namespace nnviz::gui::test
