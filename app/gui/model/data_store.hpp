// The window's datasets, owned by the model side: the MNIST test set is read on a background
// thread as soon as the window is up (browsing test digits is then instant), the training set
// only when a training session asks for it, on the session's worker thread. Errors are kept as
// messages (loadDataset's say how to fetch the data); the window works without either set.
#pragma once

#include "core/dataset.hpp"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace nnviz::gui {

class DataStore {
public:
    // Data from <dataDir>/mnist (dataDir empty: nnviz::defaultDataDir()); nothing read yet.
    explicit DataStore(std::filesystem::path dataDir);
    ~DataStore(); // waits for the test set's thread (a fraction of a second at most)

    // Starts reading the test set on its own thread; any thread, once (later calls do nothing).
    void startLoading();
    DataStore(const DataStore&) = delete;
    DataStore& operator=(const DataStore&) = delete;

    struct TestStatus {
        std::shared_ptr<const Dataset> set; // null while loading or when missing
        std::string error;                  // why it is missing
        bool loading = true;
    };
    TestStatus test() const; // any thread, never blocks on the load

    // For a TrainingSession's loaders (its worker thread):
    // the training set, read now (throws DataError saying what is missing and how to fetch it);
    std::shared_ptr<const Dataset> loadTrain() const;
    // the test set once its load has ended, starting it if need be (null when it is missing: no
    // test accuracy then).
    std::shared_ptr<const Dataset> waitForTest();

private:
    std::filesystem::path m_dataDir;
    mutable std::mutex m_mutex; // guards m_test and m_thread
    mutable std::condition_variable m_loaded;
    TestStatus m_test;
    std::thread m_thread; // the test set's load, once started
};

} // namespace nnviz::gui
