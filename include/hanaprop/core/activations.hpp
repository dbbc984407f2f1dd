// hanaprop/core/activations.hpp - the activation functions a layer can
// have, each with its derivative, each written once for every path that
// trains or runs a network.
//
// An activation is a type in hanaprop::activation with
//   value(z)                   a = f(z), for float, double, fixed point and
//                              lock-step lanes;
//   derivative_from_output(a)  f'(z) written with a = f(z): backpropagation
//                              keeps the activations, never z;
//   apply_to_vector(z)         z = f(z) in place on a GNU vector of floats,
//                              lane by lane the scalar value's bits;
//   derivative_of_vector(a)    a = f'(z) in place, from a = f(z), likewise
//                              (in place: a vector is never passed by
//                              value, core/fast/simd.hpp);
//   id, name                   how a model file and an exported header
//                              name it.
// softmax is not elementwise: it maps a whole layer (row), has no
// derivative of its own, and is only an output layer with cross-entropy,
// whose output error a - y needs none (core/losses.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/fast/simd.hpp>
#include <hanaprop/core/sigmoid.hpp>

namespace hanaprop {

// The ids the model format gives activations. Fixed forever: a file names
// them by number.
enum class activation_id : std::uint8_t { sigmoid = 0, tanh = 1, relu = 2, leaky_relu = 3, identity = 4, softmax = 5 };
inline constexpr std::uint8_t activation_id_count = 6;

namespace detail {
// A lock-step pack (core/lockstep/lanes.hpp) has its values in .lane: an
// activation applies to each of them.
template <class T>
concept lane_pack = requires(T v) { v.lane[0]; };

template <class T, class F>
constexpr T each_lane(T v, F f) noexcept
{
    if constexpr (lane_pack<T>) {
        for (auto& x : v.lane) x = f(x);
        return v;
    } else {
        return f(v);
    }
}

// The one spelling of sigmoid's formula for every value type: unqualified,
// so that the fixed-point and lanes overloads are found by argument-
// dependent lookup.
template <class T>
constexpr T logistic(T z) noexcept
{
    return sigmoid(z);
}
} // namespace detail

namespace activation {

// 1 / (1 + e^-z): the textbook's, and every layer of network<7, 5, 3>.
struct sigmoid {
    static constexpr activation_id id = activation_id::sigmoid;
    static constexpr const char* name = "sigmoid";
    static constexpr bool elementwise = true;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return detail::logistic(z);
    }
    template <class T>
    static constexpr T derivative_from_output(T a) noexcept
    {
        return a * (T(1) - a);   // no call: constant evaluation counts steps
    }
#if defined(__GNUC__)
    template <class V>
    [[gnu::always_inline]] static void apply_to_vector(V& z) noexcept
    {
        fast::simd::sigmoid_vector(z);
    }
    template <class V>
    [[gnu::always_inline]] static void derivative_of_vector(V& a) noexcept
    {
        a = a * (1 - a);
    }
#endif
};

// tanh z = 2 sigmoid(2z) - 1: the same exp, so the same vector code; in
// (-1, 1) for every number, NaN gives NaN.
struct tanh {
    static constexpr activation_id id = activation_id::tanh;
    static constexpr const char* name = "tanh";
    static constexpr bool elementwise = true;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return detail::each_lane(z, [](auto x) {
            using X = decltype(x);
            return X(2) * detail::logistic(X(2) * x) - X(1);
        });
    }
    template <class T>
    static constexpr T derivative_from_output(T a) noexcept
    {
        return T(1) - a * a;
    }
#if defined(__GNUC__)
    template <class V>
    [[gnu::always_inline]] static void apply_to_vector(V& z) noexcept
    {
        V s = 2.0f * z;
        fast::simd::sigmoid_vector(s);
        z = 2.0f * s - 1.0f;
    }
    template <class V>
    [[gnu::always_inline]] static void derivative_of_vector(V& a) noexcept
    {
        a = 1 - a * a;
    }
#endif
};

// max(0, z), written so that NaN passes through (NaN < 0 is false).
// Its derivative at 0 is taken as 0.
struct relu {
    static constexpr activation_id id = activation_id::relu;
    static constexpr const char* name = "relu";
    static constexpr bool elementwise = true;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return detail::each_lane(z, [](auto x) { return x < decltype(x)(0) ? decltype(x)(0) : x; });
    }
    template <class T>
    static constexpr T derivative_from_output(T a) noexcept
    {
        return detail::each_lane(a, [](auto x) { return decltype(x)(0) < x ? decltype(x)(1) : decltype(x)(0); });
    }
#if defined(__GNUC__)
    template <class V>
    [[gnu::always_inline]] static void apply_to_vector(V& z) noexcept
    {
        z = z < 0 ? V{} : z;
    }
    template <class V>
    [[gnu::always_inline]] static void derivative_of_vector(V& a) noexcept
    {
        a = a > 0 ? V{} + 1 : V{};
    }
#endif
};

// z for z >= 0, slope * z below: a ReLU whose neurons cannot die. The
// slope is 1/100 (PyTorch's default). a < 0 exactly when z < 0, so the
// derivative is read from the output.
struct leaky_relu {
    static constexpr activation_id id = activation_id::leaky_relu;
    static constexpr const char* name = "leaky_relu";
    static constexpr bool elementwise = true;
    static constexpr double slope = 0.01;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return detail::each_lane(z, [](auto x) {
            using X = decltype(x);
            return x < X(0) ? x * X(slope) : x;
        });
    }
    template <class T>
    static constexpr T derivative_from_output(T a) noexcept
    {
        return detail::each_lane(a, [](auto x) {
            using X = decltype(x);
            return x < X(0) ? X(slope) : X(1);
        });
    }
#if defined(__GNUC__)
    template <class V>
    [[gnu::always_inline]] static void apply_to_vector(V& z) noexcept
    {
        z = z < 0 ? z * float(slope) : z;
    }
    template <class V>
    [[gnu::always_inline]] static void derivative_of_vector(V& a) noexcept
    {
        a = a < 0 ? V{} + float(slope) : V{} + 1;
    }
#endif
};

// f(z) = z: a linear output, for regression with the quadratic cost.
struct identity {
    static constexpr activation_id id = activation_id::identity;
    static constexpr const char* name = "identity";
    static constexpr bool elementwise = true;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z;
    }
    template <class T>
    static constexpr T derivative_from_output(T) noexcept
    {
        return T(1);
    }
#if defined(__GNUC__)
    template <class V>
    [[gnu::always_inline]] static void apply_to_vector(V&) noexcept {}
    template <class V>
    [[gnu::always_inline]] static void derivative_of_vector(V& a) noexcept
    {
        a = V{} + 1;
    }
#endif
};

// a_j = e^(z_j) / sum_k e^(z_k), computed as e^(z_j - max z) so that no
// term overflows: outputs that are probabilities summing to 1. An output
// layer only, with the cross-entropy loss. A NaN anywhere makes every
// output NaN.
struct softmax {
    static constexpr activation_id id = activation_id::softmax;
    static constexpr const char* name = "softmax";
    static constexpr bool elementwise = false;
    template <class T, std::size_t N>
    static constexpr void row(std::array<T, N>& z) noexcept
    {
        if constexpr (detail::lane_pack<T>) {   // lock-step lanes: each lane's row alone
            for (std::size_t k = 0; k < std::size(z[0].lane); ++k) {
                std::array<std::remove_cvref_t<decltype(z[0].lane[0])>, N> one;
                for (std::size_t j = 0; j < N; ++j) one[j] = z[j].lane[k];
                row(one);
                for (std::size_t j = 0; j < N; ++j) z[j].lane[k] = one[j];
            }
        } else if constexpr (!std::is_floating_point_v<T>) {   // fixed point: through double, on our own exp
            std::array<double, N> wide;
            for (std::size_t j = 0; j < N; ++j) wide[j] = static_cast<double>(z[j]);
            row(wide);
            for (std::size_t j = 0; j < N; ++j) z[j] = T(wide[j]);
        } else {
            real_row(z);
        }
    }

private:
    template <class T, std::size_t N>
    static constexpr void real_row(std::array<T, N>& z) noexcept
    {
        T largest = z[0];
        for (std::size_t j = 1; j < N; ++j) largest = z[j] > largest ? z[j] : largest;
        T sum = 0;
        for (std::size_t j = 0; j < N; ++j) {
            z[j] = hanaprop::exp(z[j] - largest);
            sum += z[j];
        }
        for (std::size_t j = 0; j < N; ++j) z[j] /= sum;
    }
};

} // namespace activation

// A type is an activation when it is one of the above.
template <class A>
concept activation_function = std::is_same_v<decltype(A::id), const activation_id>;

namespace detail {

// v[j] = f(v[j]) for the padded arrays of the small-layer kernels (4, 8 or
// 16 values), on vectors of up to `Bytes` (the target's registers, or a
// run-time copy's) where T is float and f has a vector form; otherwise
// value by value. The same bits either way.
template <class A, std::size_t Bytes = fast::simd::register_bytes, class T, std::size_t N>
[[gnu::always_inline]] constexpr void activate_vector(std::array<T, N>& v) noexcept
{
    if constexpr (fast::simd::vector_activations<T>)
        if (!std::is_constant_evaluated())
            return fast::simd::map<Bytes>(v, [](auto& z) HANAPROP_INLINE_LAMBDA { A::apply_to_vector(z); });
    for (std::size_t j = 0; j < N; ++j) v[j] = A::value(v[j]);
}

// The activation of a layer's sums, value by value (or softmax's row):
// the plain loop of small layers and of constant evaluation.
template <class A, class T, std::size_t N>
constexpr void activate_each(std::array<T, N>& v) noexcept
{
    if constexpr (A::elementwise)
        for (std::size_t j = 0; j < N; ++j) v[j] = A::value(v[j]);
    else
        A::row(v);
}

// The activation of a whole layer's sums, in place: softmax over the row,
// or an elementwise f in blocks of 8 and a last block padded to 8 in a
// local array: loops whose trip count is a multiple of the vector width,
// which g++ -O2's cheap cost model wants. (A plain loop over 30 or 100
// values got 2-lane vectors from g++.) Always inlined: g++ kept it out of
// line in the run-time copies of the wide passes, which then ran the
// sigmoids of every layer on the build's SSE2 code.
template <class A, class T, std::size_t N>
[[gnu::always_inline]] constexpr void activate_row(std::array<T, N>& v) noexcept
{
    if constexpr (!A::elementwise) {
        A::row(v);
    } else {
        constexpr std::size_t width = 8;
        constexpr std::size_t full = N / width * width;
        for (std::size_t i = 0; i < full; i += width) {
            std::array<T, width> z;
            for (std::size_t k = 0; k < width; ++k) z[k] = v[i + k];
            activate_vector<A>(z);
            for (std::size_t k = 0; k < width; ++k) v[i + k] = z[k];
        }
        if constexpr (full < N) {
            std::array<T, width> z{};
            for (std::size_t k = 0; k < N - full; ++k) z[k] = v[full + k];
            activate_vector<A>(z);
            for (std::size_t k = 0; k < N - full; ++k) v[full + k] = z[k];
        }
    }
}

} // namespace detail

} // namespace hanaprop
