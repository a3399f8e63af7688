// The shell's event log (--log-events): each typed model event and each of the shell's own events
// as the exact line the window printed before the model's events were typed (README, "Window
// options"); tests and the soak run parse these, so their bytes do not change.
#include "app/gui/window/event_log.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace nnviz;
using namespace nnviz::gui;

namespace {

// What an EventLog writes, as text.
class Captured {
  public:
    Captured() : m_file(open_memstream(&m_data, &m_size)), log(true, m_file) {}
    ~Captured()
    {
        std::fclose(m_file);
        std::free(m_data);
    }
    Captured(const Captured&) = delete;
    Captured& operator=(const Captured&) = delete;

    std::string text()
    {
        std::fflush(m_file);
        return std::string(m_data, m_size);
    }

  private:
    char* m_data = nullptr;
    size_t m_size = 0;
    std::FILE* m_file;

  public:
    const EventLog log;
};

std::string line(const ModelEvent& e)
{
    Captured c;
    c.log.emit(e);
    return c.text();
}

} // namespace

TEST_CASE("event log: the model's events, byte for byte")
{
    CHECK(line(event::Prediction{7, 0.5f, {0.25f, 0.5f}, true, Activation::Relu}) ==
          R"({"activation":"relu","class":"7","confidence":0.5,"dataset":"mnist","digit":7,)"
          R"("event":"prediction","ink":true,"outputs":[0.25,0.5]})"
          "\n");
    // A Fashion-MNIST answer carries its class's name.
    CHECK(line(event::Prediction{9, 0.5f, {}, true, Activation::Relu, DatasetKind::Fashion}) ==
          R"({"activation":"relu","class":"Ankle boot","confidence":0.5,"dataset":"fashion",)"
          R"("digit":9,"event":"prediction","ink":true,"outputs":[]})"
          "\n");
    CHECK(line(event::ActivationToggled{Activation::Sigmoid}) ==
          "{\"event\":\"activation\",\"value\":\"sigmoid\"}\n");
    CHECK(line(event::Cleared{}) == "{\"event\":\"cleared\"}\n");
    CHECK(line(event::ImageOpened{"digits/7.pgm"}) ==
          "{\"event\":\"image\",\"path\":\"digits/7.pgm\"}\n");
    CHECK(line(event::TestSetLoaded{10000, DatasetKind::Fashion}) ==
          "{\"dataset\":\"fashion\",\"event\":\"dataset\",\"images\":10000,\"split\":\"test\"}\n");
    CHECK(line(event::Scored{0.5, 1.25, {{1, 0}, {1, 0}}, DatasetKind::Fashion, 2}) ==
          R"({"accuracy":0.5,"dataset":"fashion","event":"confusion","images":2,)"
          R"("matrix":[[1,0],[1,0]],"ms":1.25})"
          "\n");
    CHECK(line(event::ModelOpened{"mine.nnvz", Activation::Relu}) ==
          "{\"activation\":\"relu\",\"event\":\"model\",\"name\":\"mine.nnvz\"}\n");
    CHECK(line(event::ModelSaved{"/tmp/m.nnvz"}) ==
          "{\"event\":\"saved\",\"path\":\"/tmp/m.nnvz\"}\n");
    CHECK(line(event::Failed{event::Failure::OpenImage, "bad"}) ==
          "{\"event\":\"error\",\"message\":\"bad\",\"what\":\"open image\"}\n");
    CHECK(line(event::Failed{event::Failure::Dataset, "m"}).find("\"what\":\"dataset\"") !=
          std::string::npos);
    CHECK(line(event::Failed{event::Failure::Training, "m"}).find("\"what\":\"training\"") !=
          std::string::npos);
    CHECK(line(event::Failed{event::Failure::OpenModel, "m"}).find("\"what\":\"open model\"") !=
          std::string::npos);
    CHECK(line(event::Failed{event::Failure::SaveModel, "m"}).find("\"what\":\"save model\"") !=
          std::string::npos);
}

TEST_CASE("event log: the Data tab's list and a set's image put on the pad")
{
    CHECK(line(event::Browsed{DatasetKind::Mnist, Split::Test,
                              {9, 4, false, BrowseOrder::MostConfident}, 31, 10000, true,
                              2.4567}) ==
          R"({"answer":4,"dataset":"mnist","event":"browse","ms":2.46,"order":"most_confident",)"
          R"("scored":true,"shown":31,"split":"test","total":10000,"truth":9,"wrong_only":false})"
          "\n");
    CHECK(line(event::SetImage{DatasetKind::Fashion, Split::Train, 12, 3, -1}) ==
          R"({"answer":-1,"dataset":"fashion","event":"set_image","index":12,"label":3,)"
          R"("split":"train"})"
          "\n");
}

TEST_CASE("event log: the Backprop tab's events")
{
    CHECK(line(event::Backprop{3, true, Cost::Mse, 0.5f}) ==
          "{\"c\":0.5,\"chosen\":true,\"cost\":\"mse\",\"event\":\"backprop\",\"target\":3}\n");
    CHECK(line(event::Step{3, Cost::CrossEntropy, 0.25f, 2.0f, 0.5f, 1}) ==
          "{\"cost\":\"cross-entropy\",\"cost_after\":0.5,\"cost_before\":2.0,\"depth\":1,"
          "\"event\":\"step\",\"rate\":0.25,\"target\":3}\n");
    CHECK(line(event::Undo{0, 2.0f}) == "{\"c\":2.0,\"depth\":0,\"event\":\"undo\"}\n");
}

TEST_CASE("event log: the Explain tab's events")
{
    CHECK(line(event::Dreams{3, 2, true, {0.5f, 1.0f}, 12.345, false}) ==
          R"({"activations":[0.5,1.0],"cached":false,"count":2,"event":"dreams","layer":3,)"
          R"("ms":12.35,"noise":true})"
          "\n");
    CHECK(line(event::Saliency{true, 4, false, true, 0.5f}) ==
          R"({"chosen":false,"event":"saliency","mode":"occlusion","output":4,"overlay":true,)"
          R"("scale":0.5})"
          "\n");
    CHECK(line(event::Noise{7}) == "{\"event\":\"noise\",\"seed\":7}\n");
    CHECK(line(event::NoiseSurveyed{4, 1, 0.5f, 0.25, {3, 1}, 1.004}) ==
          R"({"answers":[3,1],"confident":1,"count":4,"event":"noise_survey",)"
          R"("mean_confidence":0.25,"ms":1.0,"threshold":0.5})"
          "\n");
    CHECK(line(event::Selected{2, 5}) == "{\"event\":\"select\",\"layer\":2,\"neuron\":5}\n");
}

TEST_CASE("event log: training events carry the epoch's figures when there are some")
{
    event::Training loading{SessionState::Loading, 0, 3, std::nullopt, ""};
    CHECK(line(loading) ==
          "{\"epoch\":0,\"epochs\":3,\"event\":\"training\",\"state\":\"loading\"}\n");

    EpochReport report;
    report.epoch = 2;
    report.trainLoss = 0.5f;
    report.testAccuracy = 0.75f;
    report.validationAccuracy = 0.625f;
    report.samplesPerSecond = 1000;
    event::Training epoch{SessionState::Running, 2, 3, report, ""};
    CHECK(line(epoch) == "{\"epoch\":2,\"epochs\":3,\"event\":\"training\",\"samples_per_s\":"
                         "1000.0,\"state\":\"running\",\"test_accuracy\":0.75,\"train_loss\":0.5,"
                         "\"validation_accuracy\":0.625}\n");

    report.testAccuracy = -1; // no test set: null, not left out
    report.validationAccuracy = -1; // none held out: left out
    report.samplesPerSecond = 0;
    event::Training failed{SessionState::Failed, 2, 3, report, "diverged at batch 7"};
    CHECK(line(failed) == "{\"epoch\":2,\"epochs\":3,\"event\":\"training\",\"message\":"
                          "\"diverged at batch 7\",\"samples_per_s\":0.0,\"state\":\"failed\","
                          "\"test_accuracy\":null,"
                          "\"train_loss\":0.5}\n");
}

TEST_CASE("event log: the timeline's events")
{
    CHECK(line(event::TimelineRecorded{120, 6291456, 33554432, 16, 1875}) ==
          "{\"budget\":33554432,\"bytes\":6291456,\"event\":\"timeline\",\"interval\":16,"
          "\"last_batch\":1875,\"snapshots\":120}\n");
    CHECK(line(event::Scrubbed{400, 1, false, 0.75, 3.14159}) ==
          "{\"accuracy\":0.75,\"batch\":400,\"epoch\":1,\"event\":\"scrub\",\"latest\":false,"
          "\"ms\":3.14}\n");
    CHECK(line(event::Scrubbed{1875, 1, true, std::nullopt, 0.5}) ==
          "{\"accuracy\":null,\"batch\":1875,\"epoch\":1,\"event\":\"scrub\",\"latest\":true,"
          "\"ms\":0.5}\n");
}

TEST_CASE("event log: the Compare tab's events")
{
    event::Compared e;
    e.a = {"sigmoid.nnvz", 1, {0.25f, 0.75f}, 0.5, {}};
    e.b = {"relu.nnvz", 0, {0.5f, 0.5f}, std::nullopt, {0, 3}};
    e.differ = true;
    e.source = CompareSource::File;
    CHECK(line(e) == "{\"a\":1,\"a_accuracy\":0.5,\"a_dead\":[],\"a_name\":\"sigmoid.nnvz\","
                     "\"a_outputs\":[0.25,0.75],\"b\":0,\"b_accuracy\":null,\"b_dead\":[0,3],"
                     "\"b_name\":\"relu.nnvz\",\"b_outputs\":[0.5,0.5],\"differ\":true,"
                     "\"disagreements\":null,\"event\":\"compare\",\"source\":\"file\"}\n");
    CHECK(line(event::Failed{event::Failure::CompareModel, "no"}) ==
          "{\"event\":\"error\",\"message\":\"no\",\"what\":\"compare model\"}\n");
}

TEST_CASE(
    "event log: a layout rectangle says how much of its content is clipped, only when some is")
{
    Captured c;
    c.log.layout({{"panel_answer", {1, 2, 3, 4, 18}}, {"panel_pad", {5, 6, 7, 8, 0}}});
    CHECK(c.text() ==
          "{\"event\":\"layout\",\"widgets\":{\"panel_answer\":{\"clipped\":18,\"h\":4,"
          "\"w\":3,\"x\":1,\"y\":2},\"panel_pad\":{\"h\":8,\"w\":7,\"x\":5,\"y\":6}}}\n");
}

TEST_CASE("event log: the shell's ready, layout and frames events; silent when disabled")
{
    Captured c;
    c.log.ready(1600, 1000, {8, 32, 352, 352});
    c.log.layout({{"train_start", {10, 20, 30, 40}}, {"tab_train", {1, 2, 3, 4}}});
    c.log.layout({});
    c.log.frames({120, 5.004, 12.346, 20.0, 31.5});
    CHECK(c.text() ==
          "{\"canvas\":{\"h\":352,\"w\":352,\"x\":8,\"y\":32},\"event\":\"ready\",\"window\":"
          "{\"h\":1000,\"w\":1600}}\n"
          "{\"event\":\"layout\",\"widgets\":{\"tab_train\":{\"h\":4,\"w\":3,\"x\":1,\"y\":2},"
          "\"train_start\":{\"h\":40,\"w\":30,\"x\":10,\"y\":20}}}\n"
          "{\"event\":\"layout\",\"widgets\":{}}\n"
          "{\"count\":120,\"event\":\"frames\",\"max_ms\":31.5,\"p50_ms\":12.35,\"p95_ms\":20.0,"
          "\"seconds\":5.0}\n");

    char* data = nullptr;
    size_t size = 0;
    std::FILE* file = open_memstream(&data, &size);
    const EventLog off(false, file);
    off.emit(event::Cleared{});
    off.ready(1, 1, {});
    std::fflush(file);
    CHECK(size == 0);
    std::fclose(file);
    std::free(data);
}

TEST_CASE("event log: the Surgery tab's events")
{
    event::Rescored r;
    r.accuracy = 0.75;
    r.base = 1.0;
    r.classChange = {-0.5, 0.0};
    r.ms = 2.345;
    r.cached = true;
    r.edit = "kill 1:3";
    r.edits = 1;
    r.interventions = 1;
    CHECK(line(r) == R"({"accuracy":0.75,"base":1.0,"cached":true,"change":-0.25,)"
                     R"("class_change":[-0.5,0.0],"edit":"kill 1:3","edits":1,)"
                     R"("event":"rescored","interventions":1,"ms":2.35})"
                     "\n");
    event::Ablated a;
    a.base = 0.5;
    a.ms = 17.0;
    a.neurons = 32;
    a.layer = 2;
    a.neuron = 7;
    a.drop = 0.25;
    a.dead = {3, 0};
    CHECK(line(a) == R"({"base":0.5,"dead":[3,0],"event":"ablated","ms":17.0,"neurons":32,)"
                     R"("top":{"drop":0.25,"layer":2,"neuron":7}})"
                     "\n");
    CHECK(line(event::SurgeryEnded{"a run started"}) ==
          "{\"event\":\"surgery_ended\",\"reason\":\"a run started\"}\n");
    CHECK(line(event::Failed{event::Failure::Surgery, "no"}) ==
          "{\"event\":\"error\",\"message\":\"no\",\"what\":\"surgery\"}\n");
}

TEST_CASE("event log: presentation mode's present and learn events")
{
    Captured c;
    c.log.present(true, 1920, 1080);
    c.log.learn(2, "Layer by layer");
    c.log.present(false, 1280, 800);
    CHECK(c.text() == R"({"event":"present","on":true,"window":{"h":1080,"w":1920}})"
                      "\n"
                      R"({"event":"learn","step":2,"title":"Layer by layer"})"
                      "\n"
                      R"({"event":"present","on":false,"window":{"h":800,"w":1280}})"
                      "\n");
}

TEST_CASE("event log: the zoom event")
{
    Captured c;
    c.log.zoom({1.1000000238, 1.44, 1.0, 25, 1.234});
    CHECK(c.text() == R"({"content_scale":1.0,"event":"zoom","fit":1.44,"font_px":25,"ms":1.23,)"
                      R"("zoom":1.1})"
                      "\n");
}
