// Measures a window screenshot for the GUI tests (gui_test.py decides what passes): in rectangles
// of window pixels, how many pixels are the network's green and red, how many are bright ink, how
// varied the colours are, the longest horizontal green run (a highlighted bar); along a stroke,
// how bright the pad is on it and away from it; and where the dark drawing pad is.
// Usage: png_check FILE MEASUREMENT...
//   region:X,Y,W,H                      green, red, bright, distinct colours, longest green run
//   ink:X,Y,W,H,NEAR,FAR,x0,y0,x1,y1,...  in the rectangle, pixels within NEAR of the polyline
//                                        x0,y0 → x1,y1 → … and beyond FAR of it, and how many of
//                                        each are bright
//   pad:X,Y                             the black square met walking diagonally from X,Y (its
//                                        one-pixel frame included), as x, y, w, h
// Prints one JSON object a line: {"w":…,"h":…} for the image, then one per measurement.
// Exit 0, or 2 on bad usage or an unreadable file.
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Image {
    int w = 0, h = 0;
    const unsigned char* px = nullptr; // h × w × 3 (RGB)

    const unsigned char* at(int x, int y) const { return px + (size_t(y) * size_t(w) + size_t(x)) * 3; }
};

// The colour classes, as the window draws them: kPositive (51, 217, 89) and kNegative
// (242, 64, 64) faded towards the background (20, 20, 26), as heatmaps and edges fade small
// weights, counted while the hue still clearly shows (not the selection's orange (255, 204, 64));
// ink is the pad's white.
bool isGreen(const unsigned char* p)
{
    return p[1] >= std::max(p[0], p[2]) + 25 && std::abs(p[0] - p[2]) <= 50;
}
bool isRed(const unsigned char* p)
{
    return p[0] >= std::max(p[1], p[2]) + 25 && std::abs(p[1] - p[2]) <= 30;
}
bool isBright(const unsigned char* p) { return std::min({p[0], p[1], p[2]}) >= 160; }
bool isBlack(const unsigned char* p) { return std::max({p[0], p[1], p[2]}) <= 4; }

// The numbers after "kind:", comma-separated.
std::vector<double> numbers(const std::string& spec)
{
    std::vector<double> v;
    std::stringstream in(spec.substr(spec.find(':') + 1));
    std::string item;
    while (std::getline(in, item, ','))
        v.push_back(std::atof(item.c_str()));
    return v;
}

// The rectangle x, y, w, h clipped to the image, as [x0, x1) × [y0, y1).
struct Box {
    int x0, y0, x1, y1;
};
Box clip(const Image& img, const std::vector<double>& v)
{
    return {std::clamp(int(v[0]), 0, img.w), std::clamp(int(v[1]), 0, img.h),
            std::clamp(int(v[0] + v[2]), 0, img.w), std::clamp(int(v[1] + v[3]), 0, img.h)};
}

void region(const Image& img, const Box& b)
{
    long green = 0, red = 0, bright = 0, run = 0, longestRun = 0;
    std::set<int> colours;
    for (int y = b.y0; y < b.y1; ++y) {
        run = 0;
        for (int x = b.x0; x < b.x1; ++x) {
            const unsigned char* p = img.at(x, y);
            const bool g = isGreen(p);
            green += g;
            red += isRed(p);
            bright += isBright(p);
            run = g ? run + 1 : 0;
            longestRun = std::max(longestRun, run);
            colours.insert((p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3));
        }
    }
    std::printf("{\"pixels\":%ld,\"green\":%ld,\"red\":%ld,\"bright\":%ld,\"distinct\":%zu,"
                "\"green_run\":%ld}\n",
                long(b.x1 - b.x0) * long(std::max(0, b.y1 - b.y0)), green, red, bright,
                colours.size(), longestRun);
}

// Distance from (x, y) to the segment a → b.
double segmentDistance(double x, double y, double ax, double ay, double bx, double by)
{
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(x - (ax + t * dx), y - (ay + t * dy));
}

void ink(const Image& img, const Box& b, double nearR, double farR, const std::vector<double>& line)
{
    long near = 0, nearBright = 0, far = 0, farBright = 0;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x) {
            double d = 1e30;
            for (size_t i = 0; i + 3 < line.size(); i += 2)
                d = std::min(d, segmentDistance(x + 0.5, y + 0.5, line[i], line[i + 1], line[i + 2],
                                                line[i + 3]));
            const bool bright = isBright(img.at(x, y));
            if (d <= nearR) {
                ++near;
                nearBright += bright;
            } else if (d > farR) {
                ++far;
                farBright += bright;
            }
        }
    std::printf("{\"near\":%ld,\"near_bright\":%ld,\"far\":%ld,\"far_bright\":%ld}\n", near,
                nearBright, far, farBright);
}

// Walks from (x, y) down the diagonal to the first black pixel with black below-right of it,
// then out along its row and column to where black ends: the pad's inside, plus its frame.
void pad(const Image& img, int x, int y)
{
    for (; x + 2 < img.w && y + 2 < img.h; ++x, ++y)
        if (isBlack(img.at(x, y)) && isBlack(img.at(x + 2, y + 2)))
            break;
    if (x + 2 >= img.w || y + 2 >= img.h) {
        std::printf("{\"found\":false}\n");
        return;
    }
    int left = x, top = y, right = x, bottom = y;
    while (left > 0 && isBlack(img.at(left - 1, y)))
        --left;
    while (top > 0 && isBlack(img.at(x, top - 1)))
        --top;
    while (right + 1 < img.w && isBlack(img.at(right + 1, top)))
        ++right;
    while (bottom + 1 < img.h && isBlack(img.at(left, bottom + 1)))
        ++bottom;
    std::printf("{\"found\":true,\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}\n", left - 1, top - 1,
                right - left + 3, bottom - top + 3);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: png_check FILE [region:X,Y,W,H | ink:X,Y,W,H,NEAR,FAR,"
                             "x0,y0,x1,y1,... | pad:X,Y]...\n");
        return 2;
    }
    int channels = 0;
    Image img;
    unsigned char* px = stbi_load(argv[1], &img.w, &img.h, &channels, 3);
    if (!px) {
        std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], stbi_failure_reason());
        return 2;
    }
    img.px = px;
    std::printf("{\"w\":%d,\"h\":%d}\n", img.w, img.h);
    int status = 0;
    for (int a = 2; a < argc; ++a) {
        const std::string spec = argv[a];
        const std::vector<double> v = numbers(spec);
        if (spec.rfind("region:", 0) == 0 && v.size() == 4) {
            region(img, clip(img, v));
        } else if (spec.rfind("ink:", 0) == 0 && v.size() >= 10 && v.size() % 2 == 0) {
            ink(img, clip(img, v), v[4], v[5], std::vector<double>(v.begin() + 6, v.end()));
        } else if (spec.rfind("pad:", 0) == 0 && v.size() == 2) {
            pad(img, int(v[0]), int(v[1]));
        } else {
            std::fprintf(stderr, "png_check: bad measurement '%s'\n", spec.c_str());
            status = 2;
        }
    }
    stbi_image_free(px);
    return status;
}
