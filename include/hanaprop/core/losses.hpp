// hanaprop/core/losses.hpp - the costs a network can be trained on, each
// with its output error delta^L, written once for every training path.
//
// A loss is a type in hanaprop::loss with
//   cost<A>(a, y)            C of one sample's output a against target y,
//                            for an output layer of activation A;
//   output_error<A>(a, y)    delta^L_j from a_j and y_j alone, values of
//                            the network's type;
//   output_error_of_vector<A>(a, y)
//                            the same on GNU vectors of floats, in place
//                            (a becomes delta^L; core/fast/simd.hpp says
//                            why a vector is not passed by value);
//   pairs_with<A>            whether A may be the output layer's activation;
//   id, name                 how a model file and an exported header name it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/log.hpp>

namespace hanaprop {

// The ids the model format gives losses. Fixed forever.
enum class loss_id : std::uint8_t { quadratic = 0, cross_entropy = 1 };
inline constexpr std::uint8_t loss_id_count = 2;

namespace loss {

// C = 1/2 sum_j (a_j - y_j)^2, and
// delta^L = grad_a C (.) f'(z^L) = (a - y) (.) f'(z^L).
struct quadratic {
    static constexpr loss_id id = loss_id::quadratic;
    static constexpr const char* name = "quadratic";
    template <class A>
    static constexpr bool pairs_with = A::elementwise;   // softmax's Jacobian is not diagonal

    template <class A, class T>
    static constexpr T output_error(T a, T y) noexcept
    {
        return (a - y) * A::derivative_from_output(a);
    }
#if defined(__GNUC__)
    template <class A, class V>
    [[gnu::always_inline]] static void output_error_of_vector(V& a, const V& y) noexcept
    {
        V derivative = a;
        A::derivative_of_vector(derivative);
        a = (a - y) * derivative;
    }
#endif
    template <class A, class T, std::size_t N, class U>
    static constexpr T cost(const std::array<T, N>& a, const std::array<U, N>& y) noexcept
    {
        T c = 0;
        for (std::size_t j = 0; j < N; ++j) {
            const T e = a[j] - y[j];
            c += e * e;
        }
        return c / 2;
    }
};

// For a sigmoid output: C = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)];
// for a softmax output: C = -sum_j y_j ln a_j. With either, sigma'(z)
// cancels and delta^L = a - y (Nielsen, chapter 3), so a saturated
// neuron that is wrong still learns fast. The cost clips a to
// [1e-7, 1 - 1e-7], as Keras does, so that a confident mistake costs
// 16, not infinity; the gradient is not clipped.
struct cross_entropy {
    static constexpr loss_id id = loss_id::cross_entropy;
    static constexpr const char* name = "cross_entropy";
    template <class A>
    static constexpr bool pairs_with = std::is_same_v<A, activation::sigmoid> || std::is_same_v<A, activation::softmax>;

    template <class A, class T>
    static constexpr T output_error(T a, T y) noexcept
    {
        return a - y;
    }
#if defined(__GNUC__)
    template <class A, class V>
    [[gnu::always_inline]] static void output_error_of_vector(V& a, const V& y) noexcept
    {
        a = a - y;
    }
#endif
    template <class A, class T, std::size_t N, class U>
    static constexpr T cost(const std::array<T, N>& a, const std::array<U, N>& y) noexcept
    {
        static_assert(std::is_floating_point_v<T>, "the cross-entropy cost is computed for float or double networks");
        constexpr double epsilon = 1e-7;
        const auto clip = [](double v) { return v < epsilon ? epsilon : v > 1 - epsilon ? 1 - epsilon : v; };
        double c = 0;
        for (std::size_t j = 0; j < N; ++j) {
            const double p = clip(static_cast<double>(a[j]));
            const double t = static_cast<double>(y[j]);
            if (p != p) return a[j];   // NaN in, NaN out
            if (t != 0) c -= t * hanaprop::log(p);
            if (std::is_same_v<A, activation::sigmoid> && t != 1) c -= (1 - t) * hanaprop::log(1 - p);
        }
        return static_cast<T>(c);
    }
};

} // namespace loss

// A type is a loss when it is one of the above.
template <class L>
concept loss_function = std::is_same_v<decltype(L::id), const loss_id>;

} // namespace hanaprop
