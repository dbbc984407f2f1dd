// examples/advanced/seeds/tutorial_run.hpp - the tutorial's split, initial
// weights and training, with its random stream and its arithmetic, bit for
// bit (python_random.hpp, tutorial_network.hpp). Compiled in a file of its
// own (tutorial_run.cpp), so that the double network and Python's
// generator cost that file's compile time, in parallel with the rest.
#pragma once

#include <cstddef>
#include <span>

#include <hanaprop/core/cross_validation.hpp>

#include "tutorial_network.hpp"

namespace seeds {

// k-fold cross-validation as the tutorial runs it, from random.seed(1):
// `folds` folds, `epochs` epochs of online SGD at the
// tutorial's learning rate of 0.3.
hanaprop::fold_scores<16> run_tutorial(std::span<const tutorial_sample> data, std::size_t folds, int epochs);

} // namespace seeds
