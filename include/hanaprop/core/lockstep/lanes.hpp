// hanaprop/core/lockstep/lanes.hpp - lanes<T, N>: N values of T that every
// operation handles at once, lane by lane. A network of lanes<float, 8> is
// eight float networks that train in lock step, one per lane of a vector
// register (core/lockstep/lockstep.hpp): every kernel stays as it is, each lane
// computes exactly what the float network computes alone, and a step that
// is a chain of dependent operations for one network does the work of N.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/sigmoid.hpp>

// A copy is a loop over the lanes, unrolled: left as a loop, g++ -O2 turns
// a copy of lanes<float, 8> into a memcpy done in 16-byte pieces, and the
// 32-byte AVX load that reads it back cannot be forwarded from the two
// stores, so every step waits for them; unrolled, the SLP vectoriser
// makes it one 32-byte move. The arithmetic stays as plain
// loops, which the loop vectoriser handles: unrolled, they cost g++ more
// instructions and more compile time.
#if defined(__OPTIMIZE_SIZE__)
#define HANAPROP_UNROLL_LANES
#else
#define HANAPROP_UNROLL_LANES _Pragma("GCC unroll 16")
#endif

// exp and the sigmoid over the lanes: g++ -O2 vectorises the plain loop
// (unrolled, its SLP vectoriser leaves 8 scalar exps), clang the
// unrolled one (its loop vectoriser gives up on the plain loop once the
// lanes are in registers, and the lock step slows down).
#if defined(__clang__) && !defined(__OPTIMIZE_SIZE__)
#define HANAPROP_UNROLL_LANES_FOR_CLANG _Pragma("GCC unroll 16")
#else
#define HANAPROP_UNROLL_LANES_FOR_CLANG
#endif

namespace hanaprop {

namespace detail {
// Aligned like a vector register of the same size (up to AVX's 32 bytes),
// so that a load of one lanes value never spans two cache lines.
template <class T, std::size_t N>
constexpr std::size_t lanes_alignment() noexcept
{
    std::size_t a = alignof(T);
    while (a * 2 <= sizeof(T) * N && a * 2 <= 32) a *= 2;
    return a;
}
} // namespace detail

template <class T, std::size_t N>
struct alignas(detail::lanes_alignment<T, N>()) lanes {
    static_assert(N > 0, "lanes<T, N> needs at least one lane");
    using value_type = T;
    static constexpr std::size_t size = N;

    std::array<T, N> lane{};

    constexpr lanes() noexcept = default;
    // The same value in every lane: lanes<float, 8>(0.3f) is a learning
    // rate, T(1) in a kernel is 1 in every lane.
    constexpr lanes(T value) noexcept
    {
HANAPROP_UNROLL_LANES
        for (std::size_t k = 0; k < N; ++k) lane[k] = value;
    }
    constexpr lanes(const lanes& other) noexcept
    {
HANAPROP_UNROLL_LANES
        for (std::size_t k = 0; k < N; ++k) lane[k] = other.lane[k];
    }
    constexpr lanes& operator=(const lanes& other) noexcept
    {
HANAPROP_UNROLL_LANES
        for (std::size_t k = 0; k < N; ++k) lane[k] = other.lane[k];
        return *this;
    }

    constexpr T& operator[](std::size_t k) noexcept { return lane[k]; }
    constexpr const T& operator[](std::size_t k) const noexcept { return lane[k]; }

    // The lanes as a pointer the compiler knows to be aligned: SSE2 can
    // then take an operand straight from memory (mulps (mem)), which an
    // unaligned one cannot: it needs a separate load for each operand,
    // and the lock step is mostly such operations.
    constexpr T* data() noexcept
    {
#if defined(__GNUC__)
        if (!std::is_constant_evaluated())
            return static_cast<T*>(__builtin_assume_aligned(lane.data(), alignof(lanes)));
#endif
        return lane.data();
    }
    constexpr const T* data() const noexcept
    {
#if defined(__GNUC__)
        if (!std::is_constant_evaluated())
            return static_cast<const T*>(__builtin_assume_aligned(lane.data(), alignof(lanes)));
#endif
        return lane.data();
    }

    constexpr lanes& operator+=(const lanes& b) noexcept
    {
        T* x = data();
        const T* y = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] += y[k];
        return *this;
    }
    constexpr lanes& operator-=(const lanes& b) noexcept
    {
        T* x = data();
        const T* y = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] -= y[k];
        return *this;
    }
    constexpr lanes& operator*=(const lanes& b) noexcept
    {
        T* x = data();
        const T* y = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] *= y[k];
        return *this;
    }
    constexpr lanes& operator/=(const lanes& b) noexcept
    {
        T* x = data();
        const T* y = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] /= y[k];
        return *this;
    }

    // Built in a new object, not as "copy a, then a op= b": a copy is a
    // store and a load more on the critical path.
    friend constexpr lanes operator+(const lanes& a, const lanes& b) noexcept
    {
        lanes r;
        T* x = r.data();
        const T* y = a.data();
        const T* z = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] = y[k] + z[k];
        return r;
    }
    friend constexpr lanes operator-(const lanes& a, const lanes& b) noexcept
    {
        lanes r;
        T* x = r.data();
        const T* y = a.data();
        const T* z = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] = y[k] - z[k];
        return r;
    }
    friend constexpr lanes operator*(const lanes& a, const lanes& b) noexcept
    {
        lanes r;
        T* x = r.data();
        const T* y = a.data();
        const T* z = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] = y[k] * z[k];
        return r;
    }
    friend constexpr lanes operator/(const lanes& a, const lanes& b) noexcept
    {
        lanes r;
        T* x = r.data();
        const T* y = a.data();
        const T* z = b.data();
        for (std::size_t k = 0; k < N; ++k) x[k] = y[k] / z[k];
        return r;
    }
    friend constexpr lanes operator-(const lanes& a) noexcept
    {
        lanes r;
        T* x = r.data();
        const T* y = a.data();
        for (std::size_t k = 0; k < N; ++k) x[k] = -y[k];
        return r;
    }

    friend constexpr bool operator==(const lanes& a, const lanes& b) noexcept { return a.lane == b.lane; }
};

// exp and the sigmoid lane by lane: the scalar functions, bit for bit. The
// kernels call sigmoid(z) unqualified, so these are found by argument-
// dependent lookup.
template <class T, std::size_t N>
constexpr lanes<T, N> exp(const lanes<T, N>& x) noexcept
{
    lanes<T, N> r;
HANAPROP_UNROLL_LANES_FOR_CLANG
    for (std::size_t k = 0; k < N; ++k) r.lane[k] = hanaprop::exp(x.lane[k]);
    return r;
}

template <class T, std::size_t N>
constexpr lanes<T, N> sigmoid(const lanes<T, N>& z) noexcept
{
    lanes<T, N> r;
HANAPROP_UNROLL_LANES_FOR_CLANG
    for (std::size_t k = 0; k < N; ++k) r.lane[k] = sigmoid(z.lane[k]);
    return r;
}

} // namespace hanaprop
