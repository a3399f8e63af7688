// The real MNIST test set and the bundled models for the tests that want them. The test set is
// read once per test binary; tests skip their MNIST part (with a message) when it is absent.
#pragma once

#include "core/dataset.hpp"
#include "core/model_file.hpp"

#include <filesystem>
#include <memory>

namespace nnviz::test {

// The 10,000 MNIST test images, or null when third_party/fetch-data has not been run.
inline std::shared_ptr<const Dataset> mnistTestSet()
{
    static const std::shared_ptr<const Dataset> set = []() -> std::shared_ptr<const Dataset> {
        const std::filesystem::path dir = defaultDataDir();
        if (!std::filesystem::exists(dir / "mnist" / "t10k-images-idx3-ubyte")) return nullptr;
        return std::make_shared<const Dataset>(loadDataset(DatasetKind::Mnist, Split::Test, dir));
    }();
    return set;
}

// assets/models/<name>, e.g. "sigmoid.nnvz" (784-16-16-10, 96.30 % on the test set).
inline Network bundledModel(const char* name)
{
    return loadModel(std::filesystem::path(NNVIZ_ASSETS) / "models" / name);
}

} // namespace nnviz::test
