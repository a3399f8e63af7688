// Labelled image sets in IDX format (MNIST, Fashion-MNIST), plain or gzipped. Pixels stay uint8
// in memory, packed as their ink (InkImages): MNIST's 60,000 training images cost 12.5 MB, not
// 47 MB as bytes or 188 MB as float.
#pragma once

#include "core/dataset_kind.hpp"
#include "core/ink_images.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

// A pixel byte as network input, p / 255 in [0, 1]: the one conversion behind Dataset::input
// and inputs, the trainer's batches and augmentation, so an image is the same floats on every
// path (training, evaluation, the window).
inline float pixelInput(uint8_t p)
{
    return float(p) / 255.0f;
}

// Classes in both datasets: the digits 0-9 (MNIST), ten kinds of clothing (Fashion-MNIST).
inline constexpr int kClassCount = 10;

struct Dataset {
    std::string name;            // e.g. "mnist/train", for messages and the UI
    int rows = 0, cols = 0;      // image size (28 × 28)
    InkImages images;            // (count) images of rows·cols, row-major, 0 = black, 255 = white
    std::vector<uint8_t> labels; // (count), 0..9

    size_t size() const { return labels.size(); }
    int pixelCount() const { return rows * cols; }
    // Image i's pixels: (rows·cols) bytes, into out or as a new vector.
    void copyImage(size_t i, uint8_t* out) const { images.unpack(i, out); }
    std::vector<uint8_t> image(size_t i) const;
    // Replaces the images with `pixels`, (count, rows·cols) bytes; rows and cols are set first.
    void setPixels(std::span<const uint8_t> pixels);
    // Every image as bytes: (size(), rows·cols), as the IDX file holds them.
    std::vector<uint8_t> pixelBytes() const;
    // Image i as network input: (rows·cols) floats in [0, 1].
    Eigen::VectorXf input(size_t i) const;
    // Images [first, first+n) as columns of X: (rows·cols, n).
    void inputs(size_t first, size_t n, Eigen::MatrixXf& X) const;
};

// Reads an IDX image file and its label file (either may be .gz, detected by content). Throws
// DataError naming the file and what is wrong: missing, wrong magic, wrong image size, counts
// that disagree with the file's size, truncation, image and label counts that differ, labels
// outside 0..9. Never allocates more than the files' actual contents.
Dataset loadIdx(const std::filesystem::path& images, const std::filesystem::path& labels);

// Same, from bytes already in memory (the fuzzer's entry point). `what` names them in messages.
Dataset parseIdx(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                 const std::string& imagesName, const std::string& labelsName);

enum class Split { Train, Test };

std::string_view toString(DatasetKind k);

// $NNVIZ_DATA, else $XDG_CACHE_HOME/nnviz, else ~/.cache/nnviz.
std::filesystem::path defaultDataDir();

// Loads a split. MNIST lives in <dataDir>/mnist/ (from third_party/fetch-data); Fashion-MNIST in
// <dataDir>/fashion/ or Debian's /usr/share/datasets/fashion-mnist/. On a missing dataset the
// DataError says how to fetch it.
Dataset loadDataset(DatasetKind kind, Split split, const std::filesystem::path& dataDir);

// Class names for labels (digits "0".."9", or Fashion-MNIST's "T-shirt/top"...).
const std::vector<std::string>& classNames(DatasetKind kind);

} // namespace nnviz
