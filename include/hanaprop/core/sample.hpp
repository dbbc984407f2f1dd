// hanaprop/core/sample.hpp - one training example: an input and its target.
#pragma once

#include <array>
#include <cstddef>

namespace hanaprop {

template <class T, std::size_t Inputs, std::size_t Outputs>
struct sample {
    std::array<T, Inputs> input;
    std::array<T, Outputs> target;   // a one-hot vector for a class label

    friend constexpr bool operator==(const sample&, const sample&) = default;
};

// The sample type a network trains on: sample_for<network<7, 5, 3>>.
template <class Net>
using sample_for = sample<typename Net::value_type, Net::input_size, Net::output_size>;

// The one-hot target of class `label` (0-based); a label outside
// [0, Classes) gives all zeros.
template <class T, std::size_t Classes>
constexpr std::array<T, Classes> one_hot(std::size_t label) noexcept
{
    std::array<T, Classes> target{};
    if (label < Classes) target[label] = T(1);
    return target;
}

} // namespace hanaprop
