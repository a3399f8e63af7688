// Shader: compile, link and report errors with the driver's log (see shader.hpp).
#include "app/gui/gl/shader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace nnviz::gui::gl {
namespace {

std::string readFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ShaderError("cannot read shader " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Source text with common.glsl spliced in after the #version line.
std::string loadSource(const std::filesystem::path& file, const std::string& common)
{
    std::string text = readFile(file);
    const size_t eol = text.find('\n');
    const size_t at = (text.rfind("#version", 0) == 0 && eol != std::string::npos) ? eol + 1 : 0;
    text.insert(at, common + "\n#line 2\n");
    return text;
}

// One stage from its file.
GLuint compile(GLenum stage, const std::filesystem::path& file, const std::string& common)
{
    const std::string source = loadSource(file, common);
    const GLuint shader = glCreateShader(stage);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok == GL_TRUE) return shader;
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(size_t(std::max(length, 1)), '\0');
    glGetShaderInfoLog(shader, GLsizei(log.size()), nullptr, log.data());
    glDeleteShader(shader);
    throw ShaderError("shader " + file.string() + " failed to compile:\n" + log.data());
}

} // namespace

Shader::Shader(const std::filesystem::path& dir, const std::string& vertexFile,
               const std::string& fragmentFile)
{
    const std::string common = readFile(dir / "common.glsl");
    const GLuint vs = compile(GL_VERTEX_SHADER, dir / vertexFile, common);
    GLuint fs = 0;
    try {
        fs = compile(GL_FRAGMENT_SHADER, dir / fragmentFile, common);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    m_program = glCreateProgram();
    glAttachShader(m_program, vs);
    glAttachShader(m_program, fs);
    glLinkProgram(m_program);
    glDetachShader(m_program, vs);
    glDetachShader(m_program, fs);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(m_program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint length = 0;
        glGetProgramiv(m_program, GL_INFO_LOG_LENGTH, &length);
        std::vector<char> log(size_t(std::max(length, 1)), '\0');
        glGetProgramInfoLog(m_program, GLsizei(log.size()), nullptr, log.data());
        glDeleteProgram(m_program);
        m_program = 0;
        throw ShaderError("shader program " + vertexFile + " + " + fragmentFile +
                          " failed to link:\n" + log.data());
    }
}

Shader::~Shader()
{
    if (m_program) glDeleteProgram(m_program);
}

Shader::Shader(Shader&& other) noexcept : m_program(std::exchange(other.m_program, 0)) {}

Shader& Shader::operator=(Shader&& other) noexcept
{
    if (this != &other) {
        if (m_program) glDeleteProgram(m_program);
        m_program = std::exchange(other.m_program, 0);
    }
    return *this;
}

} // namespace nnviz::gui::gl
