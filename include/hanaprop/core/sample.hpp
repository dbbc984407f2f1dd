// hanaprop/core/sample.hpp - one training example: an input and its target.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>

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

namespace usage_error {
// Not constexpr: a constant label outside the classes is a compile error
// that names the mistake. At run time it does nothing (see one_hot).
inline void the_label_is_not_one_of_the_classes() noexcept {}
} // namespace usage_error

// The one-hot target of class `label` (0-based). A label outside
// [0, Classes) has no class: at compile time that is an error; at run
// time the target is all NaN (floating point), so that training on it
// makes the network NaN (is_finite says so) and count_correct never
// counts it right, instead of silently reading it as class 0. (A fixed-
// point target, which has no NaN, is all zeros.)
template <class T, std::size_t Classes>
constexpr std::array<T, Classes> one_hot(std::size_t label) noexcept
{
    std::array<T, Classes> target{};
    if (label < Classes) {
        target[label] = T(1);
    } else {
        usage_error::the_label_is_not_one_of_the_classes();
        if constexpr (std::numeric_limits<T>::has_quiet_NaN) target.fill(std::numeric_limits<T>::quiet_NaN());
    }
    return target;
}

} // namespace hanaprop
