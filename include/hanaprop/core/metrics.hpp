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

// How many samples the network classifies right: the largest output is
// at the place of the largest target value (the 1 of a one-hot target).
template <class Net>
constexpr std::size_t count_correct(const Net& net, std::span<const sample_for<Net>> samples) noexcept
{
    std::size_t correct = 0;
    for (const auto& s : samples) correct += argmax(net.predict(s.input)) == argmax(s.target);
    return correct;
}

// A data set whose samples do not fit Net: one error naming the mismatch.
template <class Net, class Data>
    requires(!data_set_for<Data, Net>)
constexpr std::size_t count_correct(const Net&, const Data&) noexcept
{
    check_data_set<Net, Data>();
    return 0;
}

} // namespace hanaprop
