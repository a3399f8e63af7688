// DataStore: sets read once on a background thread and kept, a missing set's reason kept as a
// message, a training run's retry after the files appear.
#include "app/gui/model/data_store.hpp"
#include "core/errors.hpp"

#include "tests/unit/idx_files.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace nnviz;
using namespace nnviz::test;
using nnviz::gui::DataStore;

namespace {

// A 3-image MNIST training set in dir/mnist.
void writeMnistTrain(const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir / "mnist");
    writeFile(dir / "mnist" / "train-images-idx3-ubyte", imagesIdx(3));
    writeFile(dir / "mnist" / "train-labels-idx1-ubyte", labelsIdx({4, 0, 9}));
}

} // namespace

TEST_CASE("DataStore reads a set once, on request, and keeps it")
{
    TempDir dir("data-store");
    writeMnistTrain(dir.path);
    DataStore store(dir.path);
    DataStore::Status before = store.status(DatasetKind::Mnist, Split::Train);
    CHECK_FALSE(before.requested);
    CHECK_FALSE(before.loading);
    CHECK(before.set == nullptr);

    std::shared_ptr<const Dataset> first = store.wait(DatasetKind::Mnist, Split::Train);
    REQUIRE(first != nullptr);
    CHECK(first->size() == 3);
    CHECK(first->labels[2] == 9);
    // Kept: the same object for every later caller, even after the files are gone.
    std::filesystem::remove_all(dir.path / "mnist");
    CHECK(store.require(DatasetKind::Mnist, Split::Train) == first);
    DataStore::Status after = store.status(DatasetKind::Mnist, Split::Train);
    CHECK(after.requested);
    CHECK_FALSE(after.loading);
    CHECK(after.set == first);
    // Other sets are untouched by it.
    CHECK_FALSE(store.status(DatasetKind::Mnist, Split::Test).requested);
}

TEST_CASE("DataStore keeps a missing set's reason; a training run retries")
{
    TempDir dir("data-store-missing");
    DataStore store(dir.path);
    CHECK(store.wait(DatasetKind::Mnist, Split::Train) == nullptr);
    const std::string why = store.status(DatasetKind::Mnist, Split::Train).error;
    CHECK(why.find("train-images-idx3-ubyte") != std::string::npos);
    CHECK_THROWS_AS(store.require(DatasetKind::Mnist, Split::Train), DataError);
    // wait() does not read again; require() does, and finds the files written meanwhile.
    writeMnistTrain(dir.path);
    CHECK(store.wait(DatasetKind::Mnist, Split::Train) == nullptr);
    std::shared_ptr<const Dataset> now = store.require(DatasetKind::Mnist, Split::Train);
    REQUIRE(now != nullptr);
    CHECK(now->size() == 3);
    CHECK(store.status(DatasetKind::Mnist, Split::Train).error.empty());
}
