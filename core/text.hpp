// Small string helpers shared by the core: name parsers ("ReLU" and "relu" name the same thing)
// and numbers in messages.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnviz {

// 100000000 → "100,000,000": limits in messages, as a person writes them.
inline std::string withThousands(long long v)
{
    const unsigned long long magnitude =
        v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    std::string digits = std::to_string(magnitude);
    for (size_t i = digits.size(); i > 3; i -= 3)
        digits.insert(i - 3, ",");
    return v < 0 ? "-" + digits : digits;
}

// Whole numbers with a separator between them: joined({784, 16, 10}, " → ") is "784 → 16 → 10".
inline std::string joined(const std::vector<int>& values, std::string_view separator)
{
    std::string s;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) s += separator;
        s += std::to_string(values[i]);
    }
    return s;
}

// Lower-case ASCII copy of s.
inline std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    return out;
}

// One row of an enum's name table. A value's first row gives its name; later rows for the same
// value are aliases accepted when parsing.
template <class E>
struct EnumName {
    E value;
    std::string_view name; // lower case
};

template <class E, std::size_t N>
std::string_view nameIn(const EnumName<E> (&table)[N], E value)
{
    for (const EnumName<E>& row : table)
        if (row.value == value)
            return row.name;
    return "unknown";
}

// The value named `name` (any case), or nullopt.
template <class E, std::size_t N>
std::optional<E> parseIn(const EnumName<E> (&table)[N], std::string_view name)
{
    const std::string n = lowered(name);
    for (const EnumName<E>& row : table)
        if (row.name == n)
            return row.value;
    return std::nullopt;
}

} // namespace nnviz
