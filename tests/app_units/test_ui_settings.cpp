// The settings file (app/gui/window/ui_settings.hpp): where it lives (XDG_CONFIG_HOME, else
// ~/.config), a save read back, and every way a file can be wrong giving the defaults with one
// warning line rather than a failure.
#include "app/gui/window/ui_settings.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace nnviz::gui;
namespace fs = std::filesystem;

namespace {

// A fresh directory, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "nnviz-settings-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()));
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
};

void writeFile(const fs::path& file, const std::string& text)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string readFile(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// loadUiSettings with its warnings captured.
struct Loaded {
    UiSettings settings;
    std::string warnings;
};

Loaded load(const fs::path& file)
{
    char* data = nullptr;
    size_t size = 0;
    std::FILE* out = open_memstream(&data, &size);
    Loaded got{loadUiSettings(file, out), {}};
    std::fclose(out);
    got.warnings.assign(data, size);
    std::free(data);
    return got;
}

} // namespace

TEST_CASE("the settings file lives in XDG_CONFIG_HOME, else ~/.config")
{
    CHECK(uiSettingsPath("/x/conf", "/home/u") == fs::path("/x/conf/nnviz/settings"));
    CHECK(uiSettingsPath(nullptr, "/home/u") == fs::path("/home/u/.config/nnviz/settings"));
    // Empty or relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
    CHECK(uiSettingsPath("", "/home/u") == fs::path("/home/u/.config/nnviz/settings"));
    CHECK(uiSettingsPath("conf", "/home/u") == fs::path("/home/u/.config/nnviz/settings"));
    CHECK(uiSettingsPath(nullptr, nullptr).empty());
    CHECK(uiSettingsPath(nullptr, "").empty());
}

TEST_CASE("a saved zoom reads back; the directories are created; no file means the defaults")
{
    TempDir dir;
    const fs::path file = uiSettingsPath(dir.path.c_str(), "/nonexistent");
    Loaded first = load(file);
    CHECK(first.settings.zoom == 1.0f);
    CHECK(first.warnings.empty()); // a first run says nothing

    CHECK(saveUiSettings(file, UiSettings{1.25f}) == "");
    const std::string text = readFile(file);
    CHECK(text.rfind("# nnviz", 0) == 0); // the comment header
    CHECK(text.find("zoom = 1.25\n") != std::string::npos);
    for (const auto& entry : fs::directory_iterator(file.parent_path())) // no temporary left
        CHECK(entry.path().filename() == "settings");
    Loaded again = load(file);
    CHECK(again.settings.zoom == doctest::Approx(1.25));
    CHECK(again.warnings.empty());

    // Overwritten by the next save.
    CHECK(saveUiSettings(file, UiSettings{0.75f}) == "");
    CHECK(load(file).settings.zoom == doctest::Approx(0.75));
}

TEST_CASE("comments, blank lines, spaces and unknown keys are fine")
{
    TempDir dir;
    const fs::path file = dir.path / "settings";
    writeFile(file, "# hand-edited\n\n  zoom=2\r\ntheme = dark\n");
    Loaded got = load(file);
    CHECK(got.settings.zoom == doctest::Approx(2));
    CHECK(got.warnings.empty());
}

TEST_CASE("a garbled or unreadable file gives the defaults and one warning line")
{
    TempDir dir;
    const fs::path file = dir.path / "settings";
    struct Case {
        const char* text;
        const char* why;
    };
    const Case cases[] = {
        {"zoom = 1.5\nthis is not a setting\n", "line 2: expected key = value"},
        {"zoom = big\n", "line 1: zoom 'big' is not a number"},
        {"zoom = 1.5x\n", "is not a number"},
        {"zoom =\n", "is not a number"},
        {"zoom = nan\n", "is not a number"},
        {"zoom = 5\n", "outside 0.75..3"},
        {"zoom = -1\n", "outside 0.75..3"},
        {"\x89PNG\r\n\x1a\n\0\0\0", "expected key = value"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        writeFile(file, c.text);
        Loaded got = load(file);
        CHECK(got.settings.zoom == 1.0f);
        CHECK(got.warnings.find(c.why) != std::string::npos);
        CHECK(got.warnings.find(file.string()) != std::string::npos);
        CHECK(std::count(got.warnings.begin(), got.warnings.end(), '\n') == 1);
    }

    // A directory where the file should be: unreadable, and unwritable.
    fs::remove(file);
    fs::create_directories(file);
    Loaded got = load(file);
    CHECK(got.settings.zoom == 1.0f);
    CHECK(std::count(got.warnings.begin(), got.warnings.end(), '\n') == 1);
    CHECK(saveUiSettings(file, UiSettings{1.5f}) != "");
}

TEST_CASE("saving where no directory can be made says why")
{
    TempDir dir;
    writeFile(dir.path / "blocker", "a file, not a directory");
    const std::string why = saveUiSettings(dir.path / "blocker" / "nnviz" / "settings", {});
    CHECK(why.find("cannot create") != std::string::npos);
    CHECK(saveUiSettings({}, {}) != "");
}
