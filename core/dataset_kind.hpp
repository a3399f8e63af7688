// Which labelled image set a network reads: MNIST's digits or Fashion-MNIST's clothes. A header
// of its own so that network.hpp and model files know it without the IDX reader (dataset.hpp).
#pragma once

namespace nnviz {

enum class DatasetKind { Mnist, Fashion };

} // namespace nnviz
