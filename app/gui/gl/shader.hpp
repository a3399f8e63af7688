// A GLSL program built from files in a shaders directory (the shell finds it and passes it on).
// Compile and link failures throw ShaderError carrying the driver's log and the file names, so the
// window can show them.
#pragma once

#include <glad/gl.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace nnviz::gui::gl {

struct ShaderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Shader {
  public:
    Shader() = default;
    // Reads <dir>/<vertexFile> and <dir>/<fragmentFile>; <dir>/common.glsl is inserted after each
    // file's #version line (GLSL has no #include). A file that cannot be read is a ShaderError.
    Shader(const std::filesystem::path& dir, const std::string& vertexFile,
           const std::string& fragmentFile);
    ~Shader();
    Shader(const Shader&) = delete;
    Shader& operator=(const Shader&) = delete;
    Shader(Shader&& other) noexcept;
    Shader& operator=(Shader&& other) noexcept;

    GLuint id() const { return m_program; }
    GLint uniform(const char* name) const { return glGetUniformLocation(m_program, name); }
    void use() const { glUseProgram(m_program); }

  private:
    GLuint m_program = 0;
};

} // namespace nnviz::gui::gl
