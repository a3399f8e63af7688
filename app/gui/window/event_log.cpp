// EventLog: see event_log.hpp.
#include "app/gui/window/event_log.hpp"

#include <cstdio>

namespace nnviz::gui {

void EventLog::emit(const nlohmann::json& event) const
{
    if (!m_enabled)
        return;
    const std::string line = event.dump() + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

} // namespace nnviz::gui
