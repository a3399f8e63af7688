// What the window remembers between runs (today only the zoom), in a small text file in the XDG
// config directory: $XDG_CONFIG_HOME/nnviz/settings, else ~/.config/nnviz/settings. A missing file
// means the defaults; an unreadable or garbled one too, with one warning line, never a failure.
// No GL, no ImGui: tests/app_units checks it.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

namespace nnviz::gui {

struct UiSettings {
    float zoom = 1.0f; // the interface's zoom, kMinZoom..kMaxZoom (ui_scale.hpp)
};

// The settings file's path from these two variables' values (null = unset): XDG_CONFIG_HOME when
// it is an absolute path (the XDG spec ignores a relative one), else HOME/.config; empty when
// neither gives one (nothing is then read or saved).
std::filesystem::path uiSettingsPath(const char* xdgConfigHome, const char* home);
// The same from the environment.
std::filesystem::path uiSettingsPath();

// Reads the file; the defaults when it is missing. When it cannot be read or a line makes no
// sense, the defaults and one line on `warnings` saying which file and line and why.
UiSettings loadUiSettings(const std::filesystem::path& file, std::FILE* warnings = stderr);

// Writes the file (creating its directories), replacing the old one atomically. Empty on
// success, else why it failed.
std::string saveUiSettings(const std::filesystem::path& file, const UiSettings& settings);

} // namespace nnviz::gui
