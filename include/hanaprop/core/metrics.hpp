// hanaprop/core/metrics.hpp - reading a network's output as a class.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/shape_checks.hpp>

namespace hanaprop {

// The index of the largest value; the first one on a tie.
template <class T, std::size_t N>
constexpr std::size_t argmax(const std::array<T, N>& values) noexcept
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < N; ++i)
        if (values[best] < values[i]) best = i;
    return best;
}

// Whether an output classifies a sample as its target says:
//   - several outputs: the largest output is at the place of the target's
//     1 (one-hot). A target with no value above 0.5 (no class) is never
//     classified right;
//   - one output: a two-class problem, read with a threshold at 0.5: the
//     output and the target are both above 0.5, or both at most 0.5.
//     (argmax of one value is always 0, which would score every sample
//     right.)
// An output holding a NaN is always wrong: a broken network scores 0, not
// the share of the class it happens to call 0.
template <class T, std::size_t N>
constexpr bool classified_right(const std::array<T, N>& output, const std::array<T, N>& target) noexcept
{
    const T half = T(1) / T(2);
    for (const T& y : output)
        if (!(y == y)) return false;
    if constexpr (N == 1) {
        return (output[0] > half && target[0] > half) || (!(output[0] > half) && !(target[0] > half));
    } else {
        const std::size_t label = argmax(target);
        return target[label] > half && argmax(output) == label;
    }
}

// How many samples the network classifies right (classified_right above).
template <class Net>
constexpr std::size_t count_correct(const Net& net, std::span<const sample_for<Net>> samples) noexcept
{
    std::size_t correct = 0;
    for (const auto& s : samples) correct += classified_right(net.predict(s.input), s.target);
    return correct;
}

// A data set whose samples do not fit Net: one error naming the mismatch.
template <class Net, class Data>
    requires(!data_set_for<Data, Net>)
constexpr std::size_t count_correct(const Net&, const Data&) noexcept
{
    detail::check_data_set<Net, Data>();
    return 0;
}

} // namespace hanaprop
