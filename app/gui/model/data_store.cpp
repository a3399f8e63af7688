// DataStore: see data_store.hpp.
#include "app/gui/model/data_store.hpp"

#include "core/errors.hpp"

namespace nnviz::gui {

DataStore::DataStore(std::filesystem::path dataDir)
    : m_dataDir(dataDir.empty() ? defaultDataDir() : std::move(dataDir))
{
}

DataStore::~DataStore()
{
    std::thread load;
    {
        std::lock_guard lock(m_mutex);
        load = std::move(m_thread);
    }
    if (load.joinable()) // outside the lock: the thread takes it to store its result
        load.join();
}

void DataStore::startLoading()
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable())
        return;
    m_thread = std::thread([this] {
        TestStatus result;
        result.loading = false;
        try {
            result.set = std::make_shared<const Dataset>(
                loadDataset(DatasetKind::Mnist, Split::Test, m_dataDir));
        } catch (const Error& e) {
            result.error = e.what();
        } catch (const std::exception& e) { // e.g. out of memory: still a message, not a crash
            result.error = std::string("cannot load the MNIST test set: ") + e.what();
        }
        {
            std::lock_guard done(m_mutex);
            m_test = std::move(result);
        }
        m_loaded.notify_all();
    });
}

DataStore::TestStatus DataStore::test() const
{
    std::lock_guard lock(m_mutex);
    return m_test;
}

std::shared_ptr<const Dataset> DataStore::loadTrain() const
{
    return std::make_shared<const Dataset>(
        loadDataset(DatasetKind::Mnist, Split::Train, m_dataDir));
}

std::shared_ptr<const Dataset> DataStore::waitForTest()
{
    startLoading();
    std::unique_lock lock(m_mutex);
    m_loaded.wait(lock, [this] { return !m_test.loading; });
    return m_test.set;
}

} // namespace nnviz::gui
