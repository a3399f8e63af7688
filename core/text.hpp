// Small string helpers shared by the core's name parsers ("ReLU" and "relu" name the same thing).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace nnviz {

// Lower-case ASCII copy of s.
inline std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    return out;
}

} // namespace nnviz
