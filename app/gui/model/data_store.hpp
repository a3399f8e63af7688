// The window's datasets, owned by the model side: each set (MNIST or Fashion-MNIST, training or
// test) is read once on its own background thread when first asked for, then kept for the
// window's life, so browsing, scoring and every training run after the first use it at once. The
// MNIST test set is asked for as soon as the window is up; the others when a panel or a training
// run needs them. Errors are kept as messages (loadDataset's say how to fetch the data); the
// window works without any set.
#pragma once

#include "core/dataset.hpp"

#include <array>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace nnviz::gui {

class DataStore {
public:
    // Data from dataDir (empty: nnviz::defaultDataDir()), see loadDataset; nothing read yet.
    explicit DataStore(std::filesystem::path dataDir);
    ~DataStore(); // waits for the loads in progress (a fraction of a second each at most)
    DataStore(const DataStore&) = delete;
    DataStore& operator=(const DataStore&) = delete;

    struct Status {
        std::shared_ptr<const Dataset> set; // null until loaded, or when missing
        std::string error;                  // why it is missing
        bool requested = false;             // request() was called
        bool loading = false;               // requested and not yet read
    };

    // The sets a store keeps, {MNIST, Fashion} × {train, test}, and each one's index (also the
    // index of what the window keeps per set, e.g. the browser's answers).
    static constexpr size_t kSlots = 4;
    static size_t slotOf(DatasetKind kind, Split split)
    {
        return size_t(kind == DatasetKind::Fashion) * 2 + size_t(split == Split::Test);
    }

    // Any thread, never blocks: starts reading the set on its own thread the first time; later
    // calls do nothing, unless retry is set and the last load failed (the files may be there now).
    void request(DatasetKind kind, Split split, bool retry = false);
    Status status(DatasetKind kind, Split split) const;
    // Requests the set and blocks until its load has ended: the set, or null when it is missing
    // (status().error says why). For a TrainingSession's loaders, on its worker thread.
    std::shared_ptr<const Dataset> wait(DatasetKind kind, Split split, bool retry = false);
    // wait() with retry, but a missing set throws DataError with the reason (a training set a
    // run needs: each run tries again).
    std::shared_ptr<const Dataset> require(DatasetKind kind, Split split);

private:
    struct Slot {
        Status status;
        std::thread thread; // the load, once started
    };
    void load(DatasetKind kind, Split split); // on the slot's thread

    std::filesystem::path m_dataDir;
    mutable std::mutex m_mutex; // guards m_slots
    std::condition_variable m_loaded;
    std::array<Slot, kSlots> m_slots;
};

} // namespace nnviz::gui
