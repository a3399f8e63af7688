// What the command line passes to the window (nnviz with no subcommand; app/main.cpp declares the
// options and their --help text).
#pragma once

#include <filesystem>
#include <string>

namespace nnviz::gui {

// What the network view's edges show at start (its toolbar switches later).
enum class EdgeMode {
    Weight,       // w, green/red by sign
    Contribution, // w·a for the current input
};

struct WindowOptions {
    int width = 1600, height = 1000;   // --window WxH (logical size before content scale)
    std::filesystem::path model;       // --model FILE; empty = the bundled sigmoid model
    std::filesystem::path dataDir;     // --data DIR; empty = nnviz::defaultDataDir()
    std::filesystem::path image;       // --image FILE: put on the pad at start, as if dropped
    EdgeMode edges = EdgeMode::Weight; // --edges weight|contribution
    std::string tab;                   // --tab NAME: the bottom tab shown at start (e.g. compare)
    std::filesystem::path screenshot; // --screenshot FILE: write a PNG after the first frames, exit
    int benchFrames = 0;              // --bench-frames N: render N frames, print timings, exit
    bool timing = false;              // --timing: start-up (and bench frame) stages on stderr
    bool logEvents = false;           // --log-events: JSON lines on stdout
    bool present = false;             // --present: start in presentation mode (full screen)
    float scale = 0; // --scale X: the interface's zoom for this run (0: the remembered one)
};

// Opens the window and runs until it is closed (or the screenshot/bench run ends).
// Returns the process exit code (0 ok, 1 failure such as no OpenGL 3.3).
int runWindow(const WindowOptions& options);

} // namespace nnviz::gui
