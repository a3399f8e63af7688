// UiSettings' file: see ui_settings.hpp. The format, one `key = value` a line:
//   # nnviz window settings (written by nnviz; Ctrl + / Ctrl − / Ctrl 0 change the zoom)
//   zoom = 1.25
// Lines starting with # and blank lines are skipped; unknown keys too (a later version's file
// still gives this one its zoom).
#include "app/gui/window/ui_settings.hpp"

#include "app/gui/window/ui_scale.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace nnviz::gui {
namespace {

std::string trim(const std::string& s)
{
    const char* space = " \t\r";
    const size_t first = s.find_first_not_of(space);
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

// A zoom as written, or why it is not one.
std::optional<float> parseZoom(const std::string& text, std::string& why)
{
    char* end = nullptr;
    errno = 0;
    const double z = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(z)) {
        why = "zoom '" + text + "' is not a number";
        return std::nullopt;
    }
    if (z < double(kMinZoom) - 1e-6 || z > double(kMaxZoom) + 1e-6) {
        why = "zoom " + text + " is outside 0.75..3";
        return std::nullopt;
    }
    return float(z);
}

// The settings in the file's text, or why not (with the line number).
std::optional<UiSettings> parse(std::istream& in, std::string& why)
{
    UiSettings settings;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const size_t eq = line.find('=');
        if (eq == std::string::npos) {
            why = "line " + std::to_string(number) + ": expected key = value";
            return std::nullopt;
        }
        const std::string key = trim(line.substr(0, eq));
        const std::string value = trim(line.substr(eq + 1));
        if (key == "zoom") {
            const std::optional<float> zoom = parseZoom(value, why);
            if (!zoom) {
                why = "line " + std::to_string(number) + ": " + why;
                return std::nullopt;
            }
            settings.zoom = *zoom;
        }
    }
    if (in.bad()) {
        why = "read error";
        return std::nullopt;
    }
    return settings;
}

} // namespace

std::filesystem::path uiSettingsPath(const char* xdgConfigHome, const char* home)
{
    namespace fs = std::filesystem;
    if (xdgConfigHome && fs::path(xdgConfigHome).is_absolute())
        return fs::path(xdgConfigHome) / "nnviz" / "settings";
    if (home && *home) return fs::path(home) / ".config" / "nnviz" / "settings";
    return {};
}

std::filesystem::path uiSettingsPath()
{
    return uiSettingsPath(std::getenv("XDG_CONFIG_HOME"), std::getenv("HOME"));
}

UiSettings loadUiSettings(const std::filesystem::path& file, std::FILE* warnings)
{
    if (file.empty()) return {};
    std::error_code ec;
    if (!std::filesystem::exists(file, ec) && !ec) return {}; // first run
    std::ifstream in(file, std::ios::binary);
    std::string why;
    if (!in)
        why = std::strerror(errno);
    else if (std::optional<UiSettings> settings = parse(in, why))
        return *settings;
    if (warnings)
        std::fprintf(warnings, "nnviz: ignoring the settings file %s (%s); using the defaults\n",
                     file.string().c_str(), why.c_str());
    return {};
}

std::string saveUiSettings(const std::filesystem::path& file, const UiSettings& settings)
{
    namespace fs = std::filesystem;
    if (file.empty()) return "no settings directory (neither XDG_CONFIG_HOME nor HOME is set)";
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return "cannot create " + file.parent_path().string() + ": " + ec.message();
    // Written beside it, then renamed over it: a crash leaves the old file or the new one (and
    // two windows saving at once each their own temporary file).
    const fs::path temp = file.string() + ".tmp" + std::to_string(getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << "# nnviz window settings, written by nnviz (Ctrl + / Ctrl - / Ctrl 0 change the "
               "zoom)\n";
        std::ostringstream zoom;
        zoom << settings.zoom;
        out << "zoom = " << zoom.str() << "\n";
        out.flush();
        if (!out) {
            fs::remove(temp, ec);
            return "cannot write " + temp.string();
        }
    }
    fs::rename(temp, file, ec);
    if (ec) {
        const std::string why = "cannot replace " + file.string() + ": " + ec.message();
        fs::remove(temp, ec);
        return why;
    }
    return {};
}

} // namespace nnviz::gui
