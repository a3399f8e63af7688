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
          R"({"activation":"relu","confidence":0.5,"digit":7,"event":"prediction","ink":true,)"
          R"("outputs":[0.25,0.5]})"
          "\n");
    CHECK(line(event::ActivationToggled{Activation::Sigmoid}) ==
          "{\"event\":\"activation\",\"value\":\"sigmoid\"}\n");
    CHECK(line(event::Cleared{}) == "{\"event\":\"cleared\"}\n");
    CHECK(line(event::ImageOpened{"digits/7.pgm"}) ==
          "{\"event\":\"image\",\"path\":\"digits/7.pgm\"}\n");
    CHECK(line(event::TestSetLoaded{10000}) ==
          "{\"event\":\"dataset\",\"images\":10000,\"split\":\"test\"}\n");
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
