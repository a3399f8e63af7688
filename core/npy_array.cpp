// Reading and writing .npy headers (see npy_array.hpp). The header is a Python literal; this reads
// the subset numpy.save writes — quoted keys, a quoted dtype, True/False, a tuple of whole
// numbers — in any key order and spacing, and refuses anything else with the position it stopped
// at.
#include "core/npy_array.hpp"

#include "core/errors.hpp"

#include <cstring>
#include <limits>

namespace nnviz {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicBytes = 6;
constexpr size_t kMaxDims = 32; // NumPy's own limit

// A cursor over the header text; each read skips the spaces before it.
class HeaderReader {
  public:
    HeaderReader(std::string_view text, const std::string& where) : m_text(text), m_where(where) {}

    [[noreturn]] void fail(const std::string& what) const
    {
        throw ModelFileError(m_where + ": .npy header " + what + " at character " +
                             std::to_string(m_pos) + " of \"" + std::string(m_text) + "\"");
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) return ++m_pos, true;
        return false;
    }
    void expect(char c)
    {
        if (!take(c)) fail(std::string("expected '") + c + "'");
    }
    std::string quoted()
    {
        skipSpace();
        if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"'))
            fail("expected a quoted string");
        const char quote = m_text[m_pos++];
        const size_t end = m_text.find(quote, m_pos);
        if (end == std::string_view::npos) fail("has an unterminated string");
        std::string s(m_text.substr(m_pos, end - m_pos));
        m_pos = end + 1;
        return s;
    }
    bool boolean()
    {
        skipSpace();
        for (const auto& [word, value] : {std::pair{"True", true}, std::pair{"False", false}})
            if (m_text.substr(m_pos, std::strlen(word)) == word) {
                m_pos += std::strlen(word);
                return value;
            }
        fail("expected True or False");
    }
    uint64_t whole()
    {
        skipSpace();
        const size_t start = m_pos;
        uint64_t v = 0;
        while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10)
                fail("has a dimension too large");
            v = v * 10 + uint64_t(m_text[m_pos++] - '0');
        }
        if (m_pos == start) fail("expected a dimension (a whole number)");
        take('L'); // Python 2's long suffix
        return v;
    }
    std::vector<uint64_t> tuple()
    {
        expect('(');
        std::vector<uint64_t> dims;
        while (!take(')')) {
            if (dims.size() == kMaxDims) fail("has more than 32 dimensions");
            dims.push_back(whole());
            if (!take(',')) {
                expect(')');
                break;
            }
        }
        return dims;
    }
    bool atEnd()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n'))
            ++m_pos;
        return m_pos == m_text.size();
    }

  private:
    std::string_view m_text;
    const std::string& m_where;
    size_t m_pos = 0;
};

// The count after the kind letter: "<U7" → 7; 0 when malformed.
uint64_t countAfter(const std::string& descr, size_t at)
{
    if (at >= descr.size() || descr.size() - at > 9) return 0;
    uint64_t n = 0;
    for (size_t i = at; i < descr.size(); ++i) {
        if (descr[i] < '0' || descr[i] > '9') return 0;
        n = n * 10 + uint64_t(descr[i] - '0');
    }
    return n;
}

} // namespace

std::string npyShapeText(const std::vector<uint64_t>& shape)
{
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

uint64_t NpyArray::elementCount() const
{
    uint64_t n = 1;
    for (uint64_t d : shape)
        n *= d; // bounded by parseNpy before it returns
    return n;
}

uint64_t npyItemSize(const std::string& d)
{
    if (d == "<f4" || d == ">f4") return 4;
    if (d == "|u1" || d == "<u1" || d == ">u1" || d == "u1") return 1;
    if (d.size() >= 3 && (d[0] == '<' || d[0] == '>' || d[0] == '|') && d[1] == 'U')
        return 4 * countAfter(d, 2);
    if (d.size() >= 3 && (d[0] == '|' || d[0] == '<' || d[0] == '>') && d[1] == 'S')
        return countAfter(d, 2);
    return 0;
}

NpyArray parseNpy(std::span<const uint8_t> b, const std::string& where)
{
    const auto fail = [&where](const std::string& what) {
        throw ModelFileError(where + ": " + what);
    };
    if (b.size() < kMagicBytes + 2 || std::memcmp(b.data(), kMagic, kMagicBytes) != 0)
        fail("not a NumPy .npy array (no \\x93NUMPY magic); save it with numpy.save/savez");
    const uint8_t major = b[6];
    if (major < 1 || major > 3)
        fail(".npy format version " + std::to_string(major) + "." + std::to_string(b[7]) +
             ", nnviz reads 1.0 to 3.0");
    const size_t lengthBytes = major == 1 ? 2 : 4;
    if (b.size() < kMagicBytes + 2 + lengthBytes) fail(".npy header truncated");
    uint64_t headerLen = 0;
    for (size_t i = 0; i < lengthBytes; ++i)
        headerLen |= uint64_t(b[8 + i]) << (8 * i);
    const size_t start = kMagicBytes + 2 + lengthBytes;
    if (headerLen > b.size() - start)
        fail(".npy header of " + std::to_string(headerLen) + " bytes, but only " +
             std::to_string(b.size() - start) + " follow; the array is truncated");

    NpyArray a;
    HeaderReader r({reinterpret_cast<const char*>(b.data() + start), size_t(headerLen)}, where);
    bool haveDescr = false, haveOrder = false, haveShape = false;
    r.expect('{');
    while (!r.take('}')) {
        const std::string key = r.quoted();
        r.expect(':');
        if (key == "descr" && !haveDescr) {
            a.descr = r.quoted();
            haveDescr = true;
        } else if (key == "fortran_order" && !haveOrder) {
            a.fortranOrder = r.boolean();
            haveOrder = true;
        } else if (key == "shape" && !haveShape) {
            a.shape = r.tuple();
            haveShape = true;
        } else {
            r.fail("has an unexpected or repeated key '" + key + "'");
        }
        if (!r.take(',')) {
            r.expect('}');
            break;
        }
    }
    if (!r.atEnd()) r.fail("has text after the closing '}'");
    if (!haveDescr || !haveOrder || !haveShape)
        r.fail("lacks one of 'descr', 'fortran_order' and 'shape'");

    const uint64_t item = npyItemSize(a.descr);
    if (item == 0)
        fail("dtype " + a.descr +
             " is not one nnviz reads (float32 '<f4' for weights; '<U', '|S' or uint8 for "
             "names); convert with .astype(numpy.float32)");
    const uint64_t have = b.size() - start - headerLen;
    // The bytes the shape needs; a product past 2^64 is just "more than 2^64".
    uint64_t need = item;
    bool overflow = false;
    for (uint64_t d : a.shape)
        overflow = d == 0 ? (need = 0, false) : overflow || __builtin_mul_overflow(need, d, &need);
    if (overflow || need != have)
        fail("holds " + std::to_string(have) + " bytes of elements, but shape " +
             npyShapeText(a.shape) + " of " + a.descr + " needs " +
             (overflow ? "more than 2^64" : std::to_string(need)) +
             "; the array is truncated or corrupt");
    a.data = b.subspan(start + size_t(headerLen));
    return a;
}

std::vector<uint8_t> writeNpy(const std::string& descr, const std::vector<uint64_t>& shape,
                              std::span<const uint8_t> data)
{
    std::string header = "{'descr': '" + descr +
                         "', 'fortran_order': False, 'shape': " + npyShapeText(shape) + ", }";
    // Magic, version and length take 10 bytes; pad with spaces so the elements start at a
    // multiple of 64, then '\n'.
    const size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    std::vector<uint8_t> out(kMagic, kMagic + kMagicBytes);
    out.push_back(1);
    out.push_back(0);
    out.push_back(uint8_t(header.size()));
    out.push_back(uint8_t(header.size() >> 8));
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

} // namespace nnviz
