// Helper for the "nothing lost" test (test_kill_save.py): saves two different models A and B
// over one file, alternately, as fast as it can, until it is killed; then checks what was left.
//   save_loop init  FILE   save A once (so FILE exists before the first kill)
//   save_loop loop  FILE   save A, B, A, B... forever
//   save_loop check FILE   exit 0 if FILE loads and equals A or B bit for bit, else 1 with why
#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/network.hpp"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

// Different shapes, so a torn file cannot pass for either by its size.
nnviz::Network modelA()
{
    return nnviz::makeNetwork({784, 64, 10}, nnviz::Activation::Sigmoid,
                              nnviz::Activation::Softmax, 1);
}

nnviz::Network modelB()
{
    return nnviz::makeNetwork({784, 48, 16, 10}, nnviz::Activation::Relu,
                              nnviz::Activation::Softmax, 2);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: save_loop init|loop|check FILE\n");
        return 2;
    }
    const std::string mode = argv[1];
    const std::string file = argv[2];
    const nnviz::Network a = modelA(), b = modelB();
    try {
        if (mode == "init") {
            nnviz::saveModel(a, file);
            return 0;
        }
        if (mode == "loop") {
            std::printf("looping\n");
            std::fflush(stdout);
            for (;;) {
                nnviz::saveModel(b, file);
                nnviz::saveModel(a, file);
            }
        }
        if (mode == "check") {
            const std::vector<uint8_t> got = nnviz::serializeModel(nnviz::loadModel(file));
            if (got == nnviz::serializeModel(a)) {
                std::printf("A\n");
                return 0;
            }
            if (got == nnviz::serializeModel(b)) {
                std::printf("B\n");
                return 0;
            }
            std::fprintf(stderr, "%s loads, but is neither model A nor model B\n", file.c_str());
            return 1;
        }
    } catch (const nnviz::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "save_loop: unknown mode %s\n", mode.c_str());
    return 2;
}
