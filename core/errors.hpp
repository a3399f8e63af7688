// Typed errors thrown by the core. Each message names the file or value involved and says what
// is wrong in words a user can act on; the app shows them, the CLI prints them and exits 1.
#pragma once

#include <stdexcept>
#include <string>

namespace nnviz {

// Base of every error the core throws on purpose.
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A dataset file (IDX, plain or .gz) is missing, unreadable or malformed.
struct DataError : Error {
    using Error::Error;
};

// A model file cannot be read, written, or is not a valid nnviz model.
struct ModelFileError : Error {
    using Error::Error;
};

// An image (PNG/PGM) cannot be read or decoded.
struct ImageError : Error {
    using Error::Error;
};

// A configuration value is out of range (layer sizes, learning rate, batch size...).
struct ConfigError : Error {
    using Error::Error;
};

} // namespace nnviz
