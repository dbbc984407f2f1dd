// hanaprop/core/fast/simd.hpp - fixed-width vectors of float or double for the
// register tiles of the wide-layer kernels, as GNU vector extensions.
//
// Why not leave the loops to the auto-vectoriser: what it makes of a tile
// depends on the flags. The same scalar loop nest that g++ -O2 turned into
// one FMA per lane group became, at -O3, a loop vectorised across tile
// iterations with its accumulators spilled and its inputs shuffled (several
// times slower), and clang kept the accumulators in memory. Written with
// vector types, the tile is the same vector code at -O2, -O3 and -Os, with
// or without -march, for g++ and clang alike. A vector is never wider
// than the target's registers: 8 partial sums take two SSE registers or
// one AVX register.
//
// No intrinsics and no ISA check: the same source is SSE2, AVX, AVX-512 or
// NEON code as the target allows. Vectors are never passed to or returned
// from functions by value (in a run-time copy for AVX2 in a plain x86-64
// build, g++ and clang would warn about the ABI of 32-byte vectors); they
// live in locals and references, and the vector functions work in place.
// The kernels use them only outside constant evaluation and only for
// float and double: every other value type (fixed point, lock-step lanes)
// keeps the scalar loops, which compute the same sums in the same order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/fast/hints.hpp>

namespace hanaprop::fast::simd {

// Whether the kernels have a vector form for T.
template <class T>
inline constexpr bool available =
#if defined(__GNUC__)
    std::is_same_v<T, float> || std::is_same_v<T, double>;
#else
    false;
#endif

// The width of the target's vector registers in bytes, as the build's
// flags tell: a vector wider than this is lowered to several of them, and
// g++ moves those through memory, so the kernels never use one.
#if defined(__AVX512F__)
inline constexpr std::size_t register_bytes = 64;
#elif defined(__AVX__)
inline constexpr std::size_t register_bytes = 32;
#else
inline constexpr std::size_t register_bytes = 16;
#endif

// How many T one vector of the kernels holds: a register's worth, but no
// more than `most` (a tile's 8 partial sums). `bytes` is the build's
// register width unless the caller is compiled for a wider one by a
// target attribute (the AVX2 copy of a training loop in a plain build).
template <class T, std::size_t most, std::size_t bytes = register_bytes>
inline constexpr std::size_t width = bytes / sizeof(T) < most ? bytes / sizeof(T) : most;

#if defined(__GNUC__)
// N values of T, held and computed as one vector.
template <class T, std::size_t N>
struct vector_of {
    using type [[gnu::vector_size(N * sizeof(T))]] = T;
};
template <class T, std::size_t N>
using vector = typename vector_of<T, N>::type;

// Unaligned loads and stores: a row of a layer starts wherever the row
// before it ends. memcpy of a vector's size is one vector move.
template <class V, class T>
[[gnu::always_inline]] inline void load(V& v, const T* from) noexcept
{
    __builtin_memcpy(&v, from, sizeof v);
}
template <class V, class T>
[[gnu::always_inline]] inline void store(T* to, const V& v) noexcept
{
    __builtin_memcpy(to, &v, sizeof v);
}

// The rows a, b, c, d of a 4 x 4 block become its columns, in place: 8
// shuffles instead of 16 single loads and inserts, for the column sums of
// small layers (fast::forward_small).
template <class V>
[[gnu::always_inline]] inline void transpose_4x4(V& a, V& b, V& c, V& d) noexcept
{
    static_assert(sizeof(V) / sizeof(a[0]) == 4);
    const V ab_low = __builtin_shufflevector(a, b, 0, 4, 1, 5), cd_low = __builtin_shufflevector(c, d, 0, 4, 1, 5);
    const V ab_high = __builtin_shufflevector(a, b, 2, 6, 3, 7), cd_high = __builtin_shufflevector(c, d, 2, 6, 3, 7);
    a = __builtin_shufflevector(ab_low, cd_low, 0, 1, 4, 5);
    b = __builtin_shufflevector(ab_low, cd_low, 2, 3, 6, 7);
    c = __builtin_shufflevector(ab_high, cd_high, 0, 1, 4, 5);
    d = __builtin_shufflevector(ab_high, cd_high, 2, 3, 6, 7);
}

// Whether the activations have a vector form for T (each activation's
// apply_to_vector, core/activations.hpp: the float exp is written for vectors
// too, core/exp.hpp).
template <class T>
inline constexpr bool vector_activations = std::is_same_v<T, float>;

// z = hanaprop::sigmoid(z) in each lane of a vector of floats, as the
// scalar sigmoid computes it.
template <class V>
[[gnu::always_inline]] inline void sigmoid_vector(V& z) noexcept
{
    constexpr std::size_t W = sizeof(V) / sizeof(float);
    V e = -z;
    detail::exp_vector<V, vector<std::uint32_t, W>, vector<std::int32_t, W>>(e);
    z = 1.0f / (1.0f + e);
}

// v[k] = f(v[k]) for the N floats of v, with f applied in place to vectors
// of up to `Bytes`: the target's registers, or a run-time copy's wider
// ones (an activation's apply_to_vector). An explicit vector loop:
// left to the vectorisers, the same loop was vector code at g++ -O2 but
// eight scalar exps at -O3, where the loop was unrolled before the loop
// vectoriser saw it.
template <std::size_t Bytes = register_bytes, std::size_t N, class F>
[[gnu::always_inline]] inline void map(std::array<float, N>& v, F f) noexcept
{
    constexpr std::size_t W = width<float, N, Bytes>;
    static_assert(N % W == 0);
    using V = vector<float, W>;
    _Pragma("GCC unroll 16") for (std::size_t g = 0; g < N / W; ++g)
    {
        V z;
        load(z, v.data() + g * W);
        f(z);
        store(v.data() + g * W, z);
    }
}

// y[k] = f(y[k], x[k]) for the N values of two arrays of T, with f applied
// to whole vectors, the first in place (a generic lambda of the vector
// type: `y = y - s * x` is then one vector operation per register). For
// the padded arrays of the
// small-network kernels, whose loops the vectorisers treated differently
// at each optimisation level. A scalar in f is broadcast to every lane.
// `Bytes` as for map.
template <std::size_t Bytes = register_bytes, class T, std::size_t N, class F>
[[gnu::always_inline]] inline void map_with(std::array<T, N>& y, F f, const std::array<T, N>& x) noexcept
{
    constexpr std::size_t W = width<T, N, Bytes>;
    static_assert(N % W == 0);
    using V = vector<T, W>;
    _Pragma("GCC unroll 16") for (std::size_t g = 0; g < N / W; ++g)
    {
        V v, u;
        load(v, y.data() + g * W);
        load(u, x.data() + g * W);
        f(v, u);
        store(y.data() + g * W, v);
    }
}
#else
template <class T>
inline constexpr bool vector_activations = false;
#endif

} // namespace hanaprop::fast::simd
