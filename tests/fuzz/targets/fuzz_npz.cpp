// libFuzzer target: parseNpz on arbitrary bytes (zip structure, inflate, .npy headers, the arrays'
// names, dtypes and shapes). A ModelFileError is the expected answer to a bad archive; anything
// else (a crash, a sanitizer report, another exception, an allocation past -malloc_limit_mb) is a
// finding. An accepted archive must survive .npz → network → .npz → network unchanged, agree with
// its .nnvz bytes, and run.
#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/network.hpp"
#include "core/npz_file.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nnviz::Network net;
    try {
        net = nnviz::parseNpz({data, size}, "fuzz.npz");
    } catch (const nnviz::ModelFileError&) {
        return 0;
    }
    // Accepted: what nnviz writes for it reads back to the same network, bit for bit.
    const std::vector<uint8_t> npz = nnviz::serializeNpz(net);
    const nnviz::Network back = nnviz::parseNpz(npz, "again.npz");
    if (nnviz::serializeModel(back) != nnviz::serializeModel(net)) std::abort();
    if (nnviz::serializeNpz(back) != npz) std::abort();
    const nnviz::ForwardTrace trace = nnviz::forward(net, Eigen::VectorXf::Zero(net.inputSize()));
    if (trace.output().size() != net.outputSize()) std::abort();
    return 0;
}
