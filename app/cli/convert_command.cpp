// `nnviz convert`: reads IN with the reader its extension names, writes OUT with the writer its
// extension names (both through loadModel/saveModel, which pick .npz by extension), and prints
// what was converted. Same-format conversions are allowed (they rewrite the file canonically).
#include "app/cli/convert_command.hpp"

#include "app/cli/options.hpp"
#include "core/dataset.hpp"
#include "core/model_file.hpp"
#include "core/text.hpp"

#include <cctype>
#include <cstdio>

namespace nnviz::cli {

namespace {

// A model file's path must end in .nnvz or .npz (any case): the extension chooses the format.
CLI::Validator modelExtension()
{
    return CLI::Validator(
        [](std::string& path) -> std::string {
            std::string ext = std::filesystem::path(path).extension().string();
            for (char& c : ext)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            if (ext == ".nnvz" || ext == ".npz") return {};
            return "'" + path + "' should end in .nnvz or .npz (the extension chooses the format)";
        },
        "FILE.nnvz|FILE.npz");
}

} // namespace

CLI::App* addConvertCommand(CLI::App& parent, ConvertOptions& o)
{
    CLI::App* cmd = parent.add_subcommand(
        "convert", "Convert a model between nnviz's .nnvz and NumPy's .npz (W0, b0, W1, b1, …, "
                   "hidden, output, dataset; see README.md)");
    cmd->add_option("in", o.in, "model to read (.nnvz or .npz)")
        ->required()
        ->check(modelExtension());
    cmd->add_option("out", o.out, "model to write (.nnvz or .npz), replaced atomically")
        ->required()
        ->check(modelExtension());
    return cmd;
}

int runConvert(const ConvertOptions& o)
{
    const Network net = loadModel(o.in);
    saveModel(net, o.out);
    std::printf(
        "%s → %s: %s, hidden %s, output %s, %s, %s parameters\n", o.in.string().c_str(),
        o.out.string().c_str(), joined(net.sizes, "-").c_str(),
        std::string(toString(net.hidden)).c_str(), std::string(toString(net.output)).c_str(),
        std::string(toString(net.dataset)).c_str(), withThousands(net.parameterCount()).c_str());
    return kExitOk;
}

} // namespace nnviz::cli
