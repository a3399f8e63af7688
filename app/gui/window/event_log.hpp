// --log-events: one JSON object per line on stdout, flushed at once, so tests and demos can follow
// the window ("ready", "prediction", "activation", "cleared", "layout", "training", "model",
// "saved", "dataset", "error"). Silent when disabled.
#pragma once

#include <nlohmann/json.hpp>

namespace nnviz::gui {

class EventLog {
public:
    explicit EventLog(bool enabled) : m_enabled(enabled) {}
    bool enabled() const { return m_enabled; }
    void emit(const nlohmann::json& event) const;

private:
    bool m_enabled;
};

} // namespace nnviz::gui
