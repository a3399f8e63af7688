// DataStore: see data_store.hpp.
#include "app/gui/model/data_store.hpp"

#include "core/errors.hpp"

#include <vector>

namespace nnviz::gui {

DataStore::DataStore(std::filesystem::path dataDir)
    : m_dataDir(dataDir.empty() ? defaultDataDir() : std::move(dataDir))
{
}

DataStore::~DataStore()
{
    std::vector<std::thread> loads;
    {
        std::lock_guard lock(m_mutex);
        for (Slot& slot : m_slots)
            if (slot.thread.joinable()) loads.push_back(std::move(slot.thread));
    }
    for (std::thread& load : loads) // outside the lock: each thread takes it to store its result
        load.join();
}

void DataStore::request(DatasetKind kind, Split split, bool retry)
{
    std::lock_guard lock(m_mutex);
    Slot& slot = m_slots[slotOf(kind, split)];
    const bool failed = slot.status.requested && !slot.status.loading && !slot.status.set;
    if (slot.status.requested && !(retry && failed)) return;
    if (slot.thread.joinable()) slot.thread.join(); // the failed load: it has ended
    slot.status = {};
    slot.status.requested = true;
    slot.status.loading = true;
    slot.thread = std::thread([this, kind, split] { load(kind, split); });
}

void DataStore::load(DatasetKind kind, Split split)
{
    Status result;
    result.requested = true;
    try {
        result.set = std::make_shared<const Dataset>(loadDataset(kind, split, m_dataDir));
    } catch (const Error& e) {
        result.error = e.what();
    } catch (const std::exception& e) { // e.g. out of memory: still a message, not a crash
        result.error = "cannot load the " + std::string(toString(kind)) +
                       (split == Split::Test ? " test" : " training") + " set: " + e.what();
    }
    {
        std::lock_guard done(m_mutex);
        m_slots[slotOf(kind, split)].status = std::move(result);
    }
    m_loaded.notify_all();
}

DataStore::Status DataStore::status(DatasetKind kind, Split split) const
{
    std::lock_guard lock(m_mutex);
    return m_slots[slotOf(kind, split)].status;
}

std::shared_ptr<const Dataset> DataStore::wait(DatasetKind kind, Split split, bool retry)
{
    request(kind, split, retry);
    std::unique_lock lock(m_mutex);
    const Status& s = m_slots[slotOf(kind, split)].status;
    m_loaded.wait(lock, [&s] { return !s.loading; });
    return s.set;
}

std::shared_ptr<const Dataset> DataStore::require(DatasetKind kind, Split split)
{
    if (std::shared_ptr<const Dataset> set = wait(kind, split, true)) return set;
    throw DataError(status(kind, split).error);
}

} // namespace nnviz::gui
