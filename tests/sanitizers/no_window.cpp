// For the ASan copy of the CLI (nnviz_asan): the command-line subcommands without the window, so
// `make test` does not compile the whole GUI a second time. The window runs under its own tests.
#include "app/gui/window/window_options.hpp"

#include <cstdio>

int nnviz::gui::runWindow(const WindowOptions&)
{
    std::fprintf(stderr, "nnviz: this sanitizer build has no window; use a subcommand\n");
    return 1;
}
