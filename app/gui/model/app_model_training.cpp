// AppModel, second part: the datasets, the training session and model files (see app_model.hpp).
// Every failure here becomes a message in the snapshot and an event::Failed; the shown model is
// only ever replaced by a network that loaded or trained.
//
// [SECTION] Datasets
// [SECTION] Training
// [SECTION] Model files
#include "app/gui/model/app_model.hpp"

#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <system_error>

namespace nnviz::gui {
namespace fs = std::filesystem;

namespace {
constexpr int kTrainerNiceness = 10; // see startTraining
} // namespace

// [SECTION] Datasets

void AppModel::pollData()
{
    // The test set's load starts at the second frame, once the first is on screen: earlier it
    // would compete with the GL start-up for the two cores (the launch took ~0.16 s longer).
    // A model of the other dataset resets m_snap.data (setNetwork): its set is asked for here.
    if (m_ticks < 2) ++m_ticks;
    if (m_ticks < 2 || !m_snap.data.testSetLoading) return;
    m_data->request(m_snap.data.kind, Split::Test);
    DataStore::Status t = m_data->status(m_snap.data.kind, Split::Test);
    if (!t.requested || t.loading) return;
    m_snap.data.testSetLoading = false;
    m_snap.data.testSet = std::move(t.set);
    m_snap.data.testSetError = std::move(t.error);
    if (m_snap.data.testSet)
        m_events.emplace_back(event::TestSetLoaded{m_snap.data.testSet->size(), m_snap.data.kind});
    else
        m_events.emplace_back(event::Failed{event::Failure::Dataset, m_snap.data.testSetError});
}

void AppModel::rescore()
{
    ScoreState& s = m_snap.score;
    const Dataset* test = m_snap.data.testSet.get();
    if (!test || m_snap.data.kind != m_snap.model.net->dataset || m_snap.training.running ||
        (s.test && s.weightsVersion == m_snap.model.weightsVersion) || m_surgery)
        return; // a surgery session re-scores with its interventions (rescoreSurgery)
    const auto start = std::chrono::steady_clock::now();
    s.test = std::make_shared<const Evaluation>(evaluate(*m_snap.model.net, *test));
    s.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
               .count();
    s.weightsVersion = m_snap.model.weightsVersion;
    m_events.emplace_back(
        event::Scored{s.test->accuracy, s.ms, s.test->confusion, m_snap.data.kind, test->size()});
}

// [SECTION] Training

void AppModel::startTraining(const TrainRequest& request)
{
    if (m_session) return;   // one run at a time: the panel shows Stop meanwhile
    endSurgery("a training run started, so the surgery session ended (the edited weights, "
               "interventions folded, are what a run continuing from the shown weights starts "
               "from)",
               true);
    SessionProgress initial; // Loading, nothing done yet
    initial.epochs = request.config.epochs;
    Network start;
    try {
        request.config.validate(); // the panel checked it; a request from elsewhere may not be
        start = startNetwork(request);
    } catch (const ConfigError& e) {
        initial.state = SessionState::Failed;
        initial.message = e.what();
        m_snap.training.progress = initial;
        emitTraining(initial, std::nullopt);
        m_events.emplace_back(event::Failed{event::Failure::Training, initial.message});
        return;
    }
    SessionOptions options;
    options.config = request.config;
    // Every publish re-uploads the weight maps and redraws the edges (costly with software GL):
    // 12 Hz is smooth enough to watch.
    options.publishSeconds = 1.0 / 12;
    options.maxBatchesPerSecond = request.maxBatchesPerSecond;
    // The run takes what the window leaves: at the same priority it competed with the UI
    // thread and the software rasteriser's threads for the two cores (frames p95 50-130 ms).
    options.niceness = kTrainerNiceness;
    // Slow motion: a loss point about every 0.2 s rather than every 1/40 epoch (minutes apart).
    if (request.maxBatchesPerSecond > 0)
        options.lossWindow = std::max(1, int(request.maxBatchesPerSecond / 5));
    // The loaders run on the session's thread; they hold the store, not this model.
    std::shared_ptr<DataStore> data = m_data;
    const DatasetKind kind = request.dataset;
    m_session = std::make_unique<TrainingSession>(
        std::move(start), [data, kind] { return data->require(kind, Split::Train); },
        [data, kind] { return data->wait(kind, Split::Test); }, options);
    m_trainSlot = slotOf(request.hidden, request.dataset);
    resetTimeline();
    m_adopted = false;
    m_seenVersion = 0;
    m_emittedEpochs = 0;
    m_emittedState = SessionState::Loading;
    m_snap.training.running = true;
    m_snap.training.progress = initial;
    emitTraining(*m_snap.training.progress, std::nullopt);
}

// The network a run starts from: the shown weights under the chosen functions when the request
// continues from them (same shape only), else fresh random weights of the requested shape between
// the shown network's input and output. Throws ConfigError with the reason.
Network AppModel::startNetwork(const TrainRequest& request) const
{
    const Network& shown = *m_snap.model.net;
    std::vector<int> sizes{shown.inputSize()};
    sizes.insert(sizes.end(), request.hiddenSizes.begin(), request.hiddenSizes.end());
    sizes.push_back(shown.outputSize());
    validateArchitecture(sizes, request.hidden, request.output);
    if (!request.fromCurrent) {
        Network fresh = makeNetwork(sizes, request.hidden, request.output, request.config.seed);
        fresh.dataset = request.dataset;
        return fresh;
    }
    if (sizes != shown.sizes)
        throw ConfigError("cannot continue from the shown weights: the shown network is " +
                          joined(shown.sizes, "-") + ", the run asks for " +
                          joined(sizes, "-"));
    Network start = shown;
    start.hidden = request.hidden;
    start.output = request.output;
    start.dataset = request.dataset; // may be the other one: the weights learn it now
    return start;
}

// One event::Training: the state and epoch, with the figures of the completed epoch epochIndex
// (or of the last completed one).
void AppModel::emitTraining(const SessionProgress& p, std::optional<int> epochIndex)
{
    event::Training e{p.state, p.epoch, p.epochs, std::nullopt, p.message};
    if (epochIndex) {
        e.report = p.epochReports[size_t(*epochIndex)];
        e.epoch = e.report->epoch;
    } else if (!p.epochReports.empty()) {
        e.report = p.epochReports.back();
    }
    m_events.emplace_back(std::move(e));
}

// Puts the run's network into its slot, and on screen when the slot is what is shown (or at
// the first hand-off, when the person just pressed Start).
void AppModel::adoptTrained(std::shared_ptr<const Network> net, std::string name)
{
    const bool shown = !m_adopted || m_snap.model.net == m_bundled[m_trainSlot];
    m_adopted = true;
    m_bundled[m_trainSlot] = net;
    m_bundledName[m_trainSlot] = name;
    m_bundledUntrained[m_trainSlot] = false;
    if (shown) setNetwork(std::move(net), std::move(name), false);
}

void AppModel::pollTraining()
{
    if (!m_session) return;
    SessionProgress p = m_session->progress();
    // "relu", "fashion relu": the run's slot (see slotOf).
    const std::string activation =
        std::string(m_trainSlot / 2 ? "fashion " : "") +
        std::string(toString(m_trainSlot % 2 ? Activation::Relu : Activation::Sigmoid));

    // Events: running, then each completed epoch (the end comes below).
    const uint64_t version = m_session->version();
    const bool started = p.state == SessionState::Running || version > 0;
    if (m_emittedState == SessionState::Loading && started && p.state != SessionState::Failed) {
        SessionProgress running;
        running.state = SessionState::Running;
        running.epochs = p.epochs;
        emitTraining(running, std::nullopt);
        m_emittedState = SessionState::Running;
    }
    for (; m_emittedEpochs < p.epochReports.size(); ++m_emittedEpochs) {
        SessionProgress epoch;
        epoch.state = SessionState::Running;
        epoch.epochs = p.epochs;
        epoch.epochReports = {p.epochReports[m_emittedEpochs]};
        emitTraining(epoch, 0);
    }

    // Weights: from the first batch on (a run that fails or is cancelled while loading leaves the
    // current model alone).
    if (!p.done() && started && (!m_adopted || version != m_seenVersion)) {
        m_seenVersion = version;
        adoptTrained(m_session->latest(), "training " + activation + "…");
    }

    if (!p.done()) pollTimeline(p);
    if (p.done()) {
        emitTraining(p, std::nullopt);
        m_emittedState = p.state;
        if (p.state == SessionState::Failed)
            m_events.emplace_back(event::Failed{event::Failure::Training, p.message});
        // The final weights (after the state's event, so the "prediction" they cause follows it).
        if (m_adopted || version > 0)
            adoptTrained(m_session->latest(), "trained " + activation + " (unsaved)");
        pollTimeline(p);   // its last entries, then the "timeline" event
        m_session.reset(); // the worker has ended; this frees the training set
        m_snap.training.running = false;
    }
    m_snap.training.progress = std::move(p);
}

// [SECTION] Model files

void AppModel::modelFileFailed(event::Failure what, const std::string& message)
{
    m_snap.files.message = message;
    m_snap.files.failed = true;
    m_events.emplace_back(event::Failed{what, message});
}

void AppModel::openModel(const fs::path& file)
{
    if (m_session)
        return modelFileFailed(event::Failure::OpenModel,
                               "stop the training run before opening a model");
    if (file.empty())
        return modelFileFailed(event::Failure::OpenModel,
                               "type the path of a .nnvz model file first");
    std::shared_ptr<const Network> net;
    try {
        net = std::make_shared<const Network>(loadModel(file));
    } catch (const std::exception& e) { // ModelFileError, or out of memory: the model stays
        return modelFileFailed(event::Failure::OpenModel, e.what());
    }
    if (const std::string misfit = misfitFor(*net, file); !misfit.empty())
        return modelFileFailed(event::Failure::OpenModel, misfit);
    // Like --model: it replaces the bundled model of its activation, so A swaps to the other.
    const int slot = slotOf(*net);
    m_bundled[slot] = net;
    m_bundledName[slot] = file.filename().string();
    m_bundledUntrained[slot] = false;
    m_snap.files.message = "opened " + file.string();
    m_snap.files.failed = false;
    m_events.emplace_back(event::ModelOpened{m_bundledName[slot], net->hidden});
    startSweep();
    setNetwork(net, m_bundledName[slot], false);
}

void AppModel::saveModel(const fs::path& file)
{
    if (file.empty())
        return modelFileFailed(event::Failure::SaveModel, "type a file name to save the model to");
    try {
        // An edited network is saved with its interventions folded into the weights.
        nnviz::saveModel(m_surgery ? *foldedNetwork() : *m_snap.model.net, file);
    } catch (const std::exception& e) {
        return modelFileFailed(event::Failure::SaveModel, e.what());
    }
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec);
    m_snap.files.message = "saved to " + (ec ? file : absolute).string();
    m_snap.files.failed = false;
    m_events.emplace_back(event::ModelSaved{ec ? file : absolute});
    // The shown model now has a file: name it after it (no longer "unsaved").
    if (m_surgery) m_snap.model.name = file.filename().string() + " (surgery, saved)";
    const int slot = slotOf(*m_snap.model.net);
    if (m_snap.model.net == m_bundled[slot]) {
        m_bundledName[slot] = file.filename().string();
        m_snap.model.name = m_bundledName[slot];
    }
    refreshModelFiles();
}

// Model files (*.nnvz, and NumPy's *.npz from `nnviz convert` or PyTorch) in the bundled models
// directory, then in the working directory (a short list to click).
void AppModel::refreshModelFiles()
{
    constexpr size_t kMaxFiles = 40;
    std::vector<fs::path> files;
    std::set<fs::path> seen;
    for (const fs::path& dir : {m_modelsDir, fs::path(".")}) {
        std::error_code ec;
        std::vector<fs::path> found;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code ignored;
            const fs::path ext = it->path().extension();
            if ((ext == ".nnvz" || ext == ".npz") && it->is_regular_file(ignored))
                found.push_back(dir == "." ? it->path().filename() : it->path());
        }
        std::sort(found.begin(), found.end());
        for (fs::path& f : found) {
            std::error_code ignored;
            if (files.size() < kMaxFiles && seen.insert(fs::weakly_canonical(f, ignored)).second)
                files.push_back(std::move(f));
        }
    }
    m_snap.files.models = std::move(files);
}

} // namespace nnviz::gui
