// Random training samples for the tests: inputs uniform in [low, high),
// one-hot targets, all from one PCG32 stream, so a seed names a data set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <hanaprop/hanaprop.hpp>

namespace hanaprop_tests {

template <class Net>
std::vector<hanaprop::sample_for<Net>> random_samples(std::size_t n, std::uint64_t seed,
                                                      typename Net::value_type low = 0,
                                                      typename Net::value_type high = 1)
{
    using T = typename Net::value_type;
    hanaprop::pcg32 g{seed};
    std::vector<hanaprop::sample_for<Net>> samples(n);
    for (auto& s : samples) {
        for (auto& v : s.input) v = low + (high - low) * hanaprop::uniform01<T>(g);
        s.target = hanaprop::one_hot<T, Net::output_size>(g.below(Net::output_size));
    }
    return samples;
}

} // namespace hanaprop_tests
