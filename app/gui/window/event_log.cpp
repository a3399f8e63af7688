// EventLog: see event_log.hpp. nlohmann::json keeps an object's keys sorted, so each line's bytes
// depend only on the names and values written here.
#include "app/gui/window/event_log.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace nnviz::gui {
namespace {

using nlohmann::json;

std::string name(Activation f)
{
    return std::string(toString(f));
}

const char* name(event::Failure what)
{
    switch (what) {
    case event::Failure::OpenImage:
        return "open image";
    case event::Failure::Dataset:
        return "dataset";
    case event::Failure::Training:
        return "training";
    case event::Failure::OpenModel:
        return "open model";
    case event::Failure::SaveModel:
        return "save model";
    }
    return "unknown";
}

json rect(const WidgetRect& r)
{
    return {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
}

double hundredths(double v)
{
    return std::round(v * 100) / 100;
}

// One JSON object per model event.
struct ToJson {
    json operator()(const event::Prediction& e) const
    {
        return {{"event", "prediction"}, {"digit", e.digit}, {"confidence", e.confidence},
                {"outputs", e.outputs},  {"ink", e.ink},     {"activation", name(e.activation)}};
    }
    json operator()(const event::ActivationToggled& e) const
    {
        return {{"event", "activation"}, {"value", name(e.value)}};
    }
    json operator()(const event::Cleared&) const { return {{"event", "cleared"}}; }
    json operator()(const event::ImageOpened& e) const
    {
        return {{"event", "image"}, {"path", e.path.string()}};
    }
    json operator()(const event::TestSetLoaded& e) const
    {
        return {{"event", "dataset"}, {"split", "test"}, {"images", e.images}};
    }
    json operator()(const event::Training& e) const
    {
        json j = {{"event", "training"},
                  {"state", toString(e.state)},
                  {"epoch", e.epoch},
                  {"epochs", e.epochs}};
        if (e.report) {
            j["train_loss"] = e.report->trainLoss;
            if (e.report->testAccuracy >= 0)
                j["test_accuracy"] = e.report->testAccuracy;
            else
                j["test_accuracy"] = nullptr;
            if (e.report->validationAccuracy >= 0)
                j["validation_accuracy"] = e.report->validationAccuracy;
            j["samples_per_s"] = e.report->samplesPerSecond;
        }
        if (!e.message.empty()) j["message"] = e.message;
        return j;
    }
    json operator()(const event::ModelOpened& e) const
    {
        return {{"event", "model"}, {"name", e.name}, {"activation", name(e.activation)}};
    }
    json operator()(const event::ModelSaved& e) const
    {
        return {{"event", "saved"}, {"path", e.path.string()}};
    }
    json operator()(const event::Scored& e) const
    {
        return {{"event", "confusion"},
                {"accuracy", e.accuracy},
                {"ms", hundredths(e.ms)},
                {"matrix", e.confusion}};
    }
    json operator()(const event::Failed& e) const
    {
        return {{"event", "error"}, {"what", name(e.what)}, {"message", e.message}};
    }
};

void write(std::FILE* out, const json& event)
{
    const std::string line = event.dump() + "\n";
    std::fwrite(line.data(), 1, line.size(), out);
    std::fflush(out);
}

} // namespace

void EventLog::emit(const ModelEvent& event) const
{
    if (m_enabled) write(m_out, std::visit(ToJson{}, event));
}

void EventLog::emit(const std::vector<ModelEvent>& events) const
{
    for (const ModelEvent& e : events)
        emit(e);
}

void EventLog::ready(int width, int height, const WidgetRect& canvas) const
{
    if (m_enabled)
        write(m_out, {{"event", "ready"},
                      {"window", {{"w", width}, {"h", height}}},
                      {"canvas", rect(canvas)}});
}

void EventLog::layout(const WidgetRects& widgets) const
{
    if (!m_enabled) return;
    json rects = json::object();
    for (const auto& [widget, r] : widgets)
        rects[widget] = rect(r);
    write(m_out, {{"event", "layout"}, {"widgets", rects}});
}

void EventLog::frames(const FramesReport& r) const
{
    if (m_enabled)
        write(m_out, {{"event", "frames"},
                      {"count", r.count},
                      {"seconds", hundredths(r.seconds)},
                      {"p50_ms", hundredths(r.p50Ms)},
                      {"p95_ms", hundredths(r.p95Ms)},
                      {"max_ms", hundredths(r.maxMs)}});
}

} // namespace nnviz::gui
