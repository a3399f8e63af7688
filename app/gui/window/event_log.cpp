// EventLog: see event_log.hpp. nlohmann::json keeps an object's keys sorted, so each line's bytes
// depend only on the names and values written here.
#include "app/gui/window/event_log.hpp"

#include "core/dataset.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <utility>

namespace nnviz::gui {
namespace {

using nlohmann::json;

std::string name(Activation f)
{
    return std::string(toString(f));
}

std::string name(DatasetKind d)
{
    return std::string(toString(d));
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
    case event::Failure::Surgery:
        return "surgery";
    case event::Failure::CompareModel:
        return "compare model";
    }
    return "unknown";
}

json rect(const WidgetRect& r)
{
    json j = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
    if (r.clipped > 0) j["clipped"] = r.clipped;
    return j;
}

const char* splitName(Split s)
{
    return s == Split::Train ? "train" : "test";
}

double hundredths(double v)
{
    return std::round(v * 100) / 100;
}

const char* name(CompareSource s)
{
    switch (s) {
    case CompareSource::Pinned:
        return "pinned";
    case CompareSource::File:
        return "file";
    case CompareSource::Partner:
        break;
    }
    return "partner";
}

// An optional number, or null.
template <typename T> json orNull(const std::optional<T>& v)
{
    return v ? json(*v) : json(nullptr);
}

// One JSON object per model event.
struct ToJson {
    json operator()(const event::Prediction& e) const
    {
        const auto& names = classNames(e.dataset);
        const bool named = e.digit >= 0 && size_t(e.digit) < names.size();
        return {{"event", "prediction"},
                {"digit", e.digit}, // the class's index (a digit for MNIST)
                {"class", named ? names[size_t(e.digit)] : ""},
                {"dataset", name(e.dataset)},
                {"confidence", e.confidence},
                {"outputs", e.outputs},
                {"ink", e.ink},
                {"activation", name(e.activation)}};
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
        return {{"event", "dataset"},
                {"split", "test"},
                {"images", e.images},
                {"dataset", name(e.dataset)}};
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
        return {{"event", "confusion"},   {"dataset", name(e.dataset)}, {"images", e.images},
                {"accuracy", e.accuracy}, {"ms", hundredths(e.ms)},     {"matrix", e.confusion}};
    }
    json operator()(const event::Browsed& e) const
    {
        return {{"event", "browse"},
                {"dataset", std::string(toString(e.kind))},
                {"split", splitName(e.split)},
                {"truth", e.filter.truth},
                {"answer", e.filter.answer},
                {"wrong_only", e.filter.wrongOnly},
                {"order", std::string(toString(e.filter.order))},
                {"shown", e.shown},
                {"total", e.total},
                {"scored", e.scored},
                {"ms", hundredths(e.ms)}};
    }
    json operator()(const event::SetImage& e) const
    {
        return {{"event", "set_image"}, {"dataset", std::string(toString(e.kind))},
                {"split", splitName(e.split)}, {"index", e.index},
                {"label", e.label},           {"answer", e.answer}};
    }
    json operator()(const event::TimelineRecorded& e) const
    {
        return {{"event", "timeline"}, {"snapshots", e.snapshots}, {"bytes", e.bytes},
                {"budget", e.budget},   {"interval", e.interval},   {"last_batch", e.lastBatch}};
    }
    json operator()(const event::Scrubbed& e) const
    {
        json j = {{"event", "scrub"},
                  {"batch", e.batch},
                  {"epoch", e.epoch},
                  {"latest", e.latest},
                  {"ms", hundredths(e.ms)}};
        j["accuracy"] = orNull(e.accuracy);
        return j;
    }
    json operator()(const event::Backprop& e) const
    {
        return {{"event", "backprop"},     {"target", e.target}, {"chosen", e.chosen},
                {"cost", toString(e.cost)}, {"c", e.value}};
    }
    json operator()(const event::Step& e) const
    {
        return {{"event", "step"},
                {"target", e.target},
                {"cost", toString(e.cost)},
                {"rate", e.rate},
                {"cost_before", e.costBefore},
                {"cost_after", e.costAfter},
                {"depth", e.depth}};
    }
    json operator()(const event::Undo& e) const
    {
        return {{"event", "undo"}, {"depth", e.depth}, {"c", e.value}};
    }
    json operator()(const event::Rescored& e) const
    {
        return {{"event", "rescored"},   {"accuracy", e.accuracy},
                {"base", e.base},        {"change", e.accuracy - e.base},
                {"class_change", e.classChange},
                {"ms", hundredths(e.ms)}, {"cached", e.cached},
                {"edit", e.edit},        {"edits", e.edits},
                {"interventions", e.interventions}};
    }
    json operator()(const event::Ablated& e) const
    {
        return {{"event", "ablated"},
                {"base", e.base},
                {"ms", hundredths(e.ms)},
                {"neurons", e.neurons},
                {"top", {{"layer", e.layer}, {"neuron", e.neuron}, {"drop", e.drop}}},
                {"dead", e.dead}};
    }
    json operator()(const event::SurgeryEnded& e) const
    {
        return {{"event", "surgery_ended"}, {"reason", e.reason}};
    }
    json operator()(const event::Compared& e) const
    {
        json j = {{"event", "compare"},
                  {"a", e.a.answer},
                  {"b", e.b.answer},
                  {"differ", e.differ},
                  {"source", name(e.source)},
                  {"disagreements", orNull(e.disagreements)}};
        for (const auto& [key, side] : {std::pair{"a", &e.a}, std::pair{"b", &e.b}}) {
            const std::string k(key);
            j[k + "_name"] = side->name;
            j[k + "_outputs"] = side->outputs;
            j[k + "_accuracy"] = orNull(side->accuracy);
            j[k + "_dead"] = side->dead;
        }
        return j;
    }
    json operator()(const event::Dreams& e) const
    {
        return {{"event", "dreams"},          {"layer", e.layer},
                {"count", e.count},           {"noise", e.fromNoise},
                {"activations", e.activations}, {"ms", hundredths(e.ms)},
                {"cached", e.cached}};
    }
    json operator()(const event::Saliency& e) const
    {
        return {{"event", "saliency"},    {"mode", e.occlusion ? "occlusion" : "gradient"},
                {"output", e.output},     {"chosen", e.chosen},
                {"overlay", e.overlay},   {"scale", e.scale}};
    }
    json operator()(const event::Selected& e) const
    {
        return {{"event", "select"}, {"layer", e.layer}, {"neuron", e.neuron}};
    }
    json operator()(const event::Noise& e) const
    {
        return {{"event", "noise"}, {"seed", e.seed}};
    }
    json operator()(const event::NoiseSurveyed& e) const
    {
        return {{"event", "noise_survey"},        {"count", e.count},
                {"confident", e.confident},       {"threshold", e.threshold},
                {"mean_confidence", e.meanConfidence}, {"answers", e.answers},
                {"ms", hundredths(e.ms)}};
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

void EventLog::present(bool on, int width, int height) const
{
    if (m_enabled)
        write(m_out, {{"event", "present"}, {"on", on}, {"window", {{"w", width}, {"h", height}}}});
}

void EventLog::learn(int step, const char* title) const
{
    if (m_enabled) write(m_out, {{"event", "learn"}, {"step", step}, {"title", title}});
}

void EventLog::zoom(const ZoomReport& r) const
{
    if (m_enabled)
        write(m_out, {{"event", "zoom"},
                      {"zoom", hundredths(r.zoom)},
                      {"fit", hundredths(r.fit)},
                      {"content_scale", hundredths(r.contentScale)},
                      {"font_px", r.fontPixels},
                      {"ms", hundredths(r.ms)}});
}

} // namespace nnviz::gui
