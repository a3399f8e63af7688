// libFuzzer target: parseModel on arbitrary bytes. A ModelFileError is the expected answer to a
// bad file; anything else (a crash, a sanitizer report, another exception, an allocation past
// -malloc_limit_mb) is a finding. An accepted model must re-serialize to the same bytes and run.
#include "core/errors.hpp"
#include "core/model_file.hpp"
#include "core/network.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nnviz::Network net;
    try {
        net = nnviz::parseModel({data, size}, "fuzz.nnvz");
    } catch (const nnviz::ModelFileError&) {
        return 0;
    }
    // Accepted: a bit-exact round trip, and a forward pass on a blank input stays finite-sized.
    const std::vector<uint8_t> again = nnviz::serializeModel(net);
    if (again.size() != size || std::memcmp(again.data(), data, size) != 0) std::abort();
    const nnviz::ForwardTrace trace =
        nnviz::forward(net, Eigen::VectorXf::Zero(net.inputSize()));
    if (trace.output().size() != net.outputSize()) std::abort();
    return 0;
}
