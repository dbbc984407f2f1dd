// hanaprop/core/sigmoid.hpp - the logistic function and its derivative.
#pragma once

#include <type_traits>

#include <hanaprop/core/exp.hpp>

namespace hanaprop {

// 1 / (1 + e^-z). hanaprop::exp never returns inf, so the result is in
// [0, 1] for every number, +-1e30 and +-inf included; NaN gives NaN, so a
// network with a NaN weight predicts NaN, not an ordinary-looking score.
template <class T>
constexpr T sigmoid(T z) noexcept
{
    // clang's constant evaluator refuses arithmetic on a NaN; the run-time
    // path needs no test, 1 / (1 + NaN) is NaN.
    if (std::is_constant_evaluated() && z != z) return z;
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
