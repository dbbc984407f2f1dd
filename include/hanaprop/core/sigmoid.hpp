// hanaprop/core/sigmoid.hpp - the logistic function and its derivative.
#pragma once

#include <hanaprop/core/exp.hpp>

namespace hanaprop {

// 1 / (1 + e^-z). hanaprop::exp never returns inf or NaN, so the result is
// in [0, 1] for every input, +-1e30 and NaN included.
template <class T>
constexpr T sigmoid(T z) noexcept
{
    return T(1) / (T(1) + hanaprop::exp(-z));
}

// sigma'(z) written in terms of a = sigma(z): backpropagation keeps the
// activations, so it never has to evaluate exp a second time.
template <class T>
constexpr T sigmoid_derivative_from_output(T a) noexcept
{
    return a * (T(1) - a);
}

} // namespace hanaprop
