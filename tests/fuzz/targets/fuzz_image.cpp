// libFuzzer target: decodeImage (PNG/PGM through stb_image) followed by what `predict` and the
// canvas do with a picture: MNIST preprocessing and the raw downsample. An ImageError is the
// expected answer to a bad file; anything else is a finding.
#include "core/errors.hpp"
#include "core/image.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nnviz::GrayImage img;
    try {
        img = nnviz::decodeImage({data, size}, "fuzz.png");
    } catch (const nnviz::ImageError&) {
        return 0;
    }
    if (img.pixels.size() != size_t(img.width) * size_t(img.height)) std::abort();
    const Eigen::VectorXf x = nnviz::preprocessDigit(img);
    const Eigen::VectorXf raw = nnviz::downsample(img);
    if (x.size() != 784 || raw.size() != 784) std::abort();
    if (!x.allFinite() || x.minCoeff() < 0.0f || x.maxCoeff() > 1.0f) std::abort();
    return 0;
}
