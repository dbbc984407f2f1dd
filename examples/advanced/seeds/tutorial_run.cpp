// examples/advanced/seeds/tutorial_run.cpp - see tutorial_run.hpp.
#include "tutorial_run.hpp"

#include <vector>

#include "python_random.hpp"

namespace seeds {

hanaprop::fold_scores<16> run_tutorial(std::span<const tutorial_sample> data, std::size_t folds, int epochs)
{
    python_random random{1};
    // The row order lives in a vector, so any number of rows fits.
    std::vector<std::size_t> order(data.size());
    const auto split = hanaprop::tutorial_split(std::span<std::size_t>(order), data.size(), folds, random);
    if (!split.valid()) return {.folds = 0, .error = split.error};
    std::vector<tutorial_sample> training(data.size());

    const auto train = [&](std::span<const tutorial_sample> rows, std::size_t /*fold*/) {
        auto net = tutorial_network::initialize(random);
        for (int epoch = 0; epoch < epochs; ++epoch) net.train_epoch(rows, 0.3);
        return net;
    };
    return hanaprop::cross_validate(data, split, std::span<tutorial_sample>(training), train);
}

} // namespace seeds
