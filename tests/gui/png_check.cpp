// Checks a window screenshot's pixels for the GUI tests: size, and within a region (fractions of
// the image) how many pixels are the network's green and red and how varied the region is, so a
// blank or broken view fails.
// Usage: png_check FILE W H [x0 y0 x1 y1 min_green min_red min_distinct_colours]...
// Regions repeat in groups of seven. Exit 0 when every check passes, 1 with a message otherwise.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv)
{
    if (argc < 4 || (argc - 4) % 7 != 0) {
        std::fprintf(stderr, "usage: png_check FILE W H [x0 y0 x1 y1 green red distinct]...\n");
        return 2;
    }
    int w = 0, h = 0, channels = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &channels, 3);
    if (!px) {
        std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    int status = 0;
    if (w != std::atoi(argv[2]) || h != std::atoi(argv[3])) {
        std::fprintf(stderr, "png_check: %s is %dx%d, expected %sx%s\n", argv[1], w, h, argv[2],
                     argv[3]);
        status = 1;
    }
    for (int a = 4; a + 7 <= argc; a += 7) {
        const int x0 = int(std::atof(argv[a]) * w), y0 = int(std::atof(argv[a + 1]) * h);
        const int x1 = int(std::atof(argv[a + 2]) * w), y1 = int(std::atof(argv[a + 3]) * h);
        const long minGreen = std::atol(argv[a + 4]), minRed = std::atol(argv[a + 5]);
        const size_t minDistinct = size_t(std::atol(argv[a + 6]));
        long green = 0, red = 0;
        std::set<int> colours;
        for (int y = y0; y < y1 && y < h; ++y)
            for (int x = x0; x < x1 && x < w; ++x) {
                const unsigned char* p = px + (size_t(y) * size_t(w) + size_t(x)) * 3;
                const int r = p[0], g = p[1], b = p[2];
                if (g > 110 && g > r + 40 && g > b + 30)
                    ++green;
                if (r > 110 && r > g + 50 && r > b + 50)
                    ++red;
                colours.insert((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
            }
        const bool ok = green >= minGreen && red >= minRed && colours.size() >= minDistinct;
        std::printf("region (%d,%d)-(%d,%d): %ld green, %ld red, %zu distinct colours: %s\n", x0,
                    y0, x1, y1, green, red, colours.size(), ok ? "ok" : "FAIL");
        if (!ok)
            status = 1;
    }
    stbi_image_free(px);
    return status;
}
