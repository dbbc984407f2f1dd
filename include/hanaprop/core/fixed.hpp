// hanaprop/core/fixed.hpp - fixed-point numbers for cores without an FPU.
//
// fixed<Bits, Fraction> is a two's-complement Q-format number: Bits of
// storage (16 or 32), Fraction of them after the binary point.
//   fixed<16, 12>  Q3.12 in an int16_t: range [-8, 8), step 1/4096
//   fixed<32, 16>  Q15.16 in an int32_t: range [-32768, 32768), step 1/65536
// Arithmetic saturates: a result beyond the range becomes the largest or
// smallest value instead of wrapping around to the other sign.
// Multiplication rounds to nearest.
//
// With it, basic_network<fixed<16, 12>, 7, 5, 3> runs on a Cortex-M0/M3
// with integer instructions only: the core's generic code is used as it is,
// plus two overloads found by argument-dependent lookup:
//   sigmoid(fixed)  linear interpolation in a 1/4-step table of sigmoid
//                   values (computed at compile time), no division;
//   dot(array<fixed>, array<fixed>)  16-bit: products summed exactly in
//                   64 bits, rounded once (instead of once per product).
// network_cast<fixed<16, 12>>(float_net) converts a trained float network.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/network.hpp>

namespace hanaprop {

namespace detail {
// The storage, and a type wide enough for a sum or product of two values.
template <int Bits> struct fixed_storage;
template <> struct fixed_storage<16> { using type = std::int16_t; using wide = std::int32_t; };
template <> struct fixed_storage<32> { using type = std::int32_t; using wide = std::int64_t; };
} // namespace detail

template <int Bits, int Fraction>
struct fixed {
    static_assert(Bits == 16 || Bits == 32, "hanaprop::fixed stores 16 or 32 bits");
    static_assert(Fraction >= 2 && Fraction <= Bits - 4,
                  "hanaprop::fixed needs 2 .. Bits-4 fraction bits: at least 3 integer bits besides the sign");

    using storage_type = typename detail::fixed_storage<Bits>::type;
    using wide_type = typename detail::fixed_storage<Bits>::wide;
    static constexpr int bits = Bits;
    static constexpr int fraction_bits = Fraction;
    static constexpr wide_type one_raw = wide_type{1} << Fraction;

    // The raw two's-complement value: the number times 2^Fraction.
    storage_type raw;

    fixed() = default;   // uninitialised, like a float

    // Integers convert implicitly (the core writes `T sum = 0`), saturating.
    template <std::integral I>
    constexpr fixed(I value) noexcept : raw{from_integer(value)}
    {
    }

    // Floating-point values convert explicitly, rounding to nearest and
    // saturating; NaN becomes 0.
    template <std::floating_point F>
    constexpr explicit fixed(F value) noexcept : raw{from_floating(value)}
    {
    }

    static constexpr fixed from_raw(wide_type value) noexcept
    {
        fixed result;
        result.raw = saturate(value);
        return result;
    }

    static constexpr fixed max() noexcept { return from_raw(std::numeric_limits<storage_type>::max()); }
    static constexpr fixed min() noexcept { return from_raw(std::numeric_limits<storage_type>::min()); }

    template <std::floating_point F>
    constexpr explicit operator F() const noexcept
    {
        return static_cast<F>(raw) / static_cast<F>(one_raw);
    }

    // Clamps to the storage range (one `ssat` instruction on a Cortex-M3/M4
    // for 16-bit storage).
    static constexpr storage_type saturate(wide_type value) noexcept
    {
#if defined(__ARM_FEATURE_SAT) && defined(__GNUC__)
        // GCC does not always see the clamp below as `ssat` once it is
        // inlined into a loop; at run time, say it (one instruction
        // instead of a compare-and-select sequence).
        if constexpr (Bits == 16) {
            if (!std::is_constant_evaluated()) {
                __asm("ssat %0, #16, %0" : "+r"(value));
                return static_cast<storage_type>(value);
            }
        }
#endif
        constexpr wide_type high = std::numeric_limits<storage_type>::max();
        constexpr wide_type low = std::numeric_limits<storage_type>::min();
        return static_cast<storage_type>(value > high ? high : value < low ? low : value);
    }

    // The same for a 64-bit value: first to the wide type, then to storage.
    static constexpr storage_type saturate_wide(std::int64_t value) noexcept
    {
        const auto narrow = static_cast<wide_type>(value);
        if (narrow != value) return value < 0 ? std::numeric_limits<storage_type>::min()
                                              : std::numeric_limits<storage_type>::max();
        return saturate(narrow);
    }

    // A sum of products (scaled by 2^(2 Fraction)) back to the format:
    // round half up, then saturate.
    static constexpr fixed from_product(std::int64_t product) noexcept
    {
        fixed result;
        result.raw = saturate_wide((product + (std::int64_t{1} << (Fraction - 1))) >> Fraction);
        return result;
    }

    friend constexpr fixed operator+(fixed a, fixed b) noexcept { return from_raw(wide_type{a.raw} + b.raw); }
    friend constexpr fixed operator-(fixed a, fixed b) noexcept { return from_raw(wide_type{a.raw} - b.raw); }
    friend constexpr fixed operator-(fixed a) noexcept { return from_raw(-wide_type{a.raw}); }
    friend constexpr fixed operator*(fixed a, fixed b) noexcept
    {
        if constexpr (Bits == 16) {
            // The product of two int16 fits in an int32, and so does its rounding.
            return from_raw((wide_type{a.raw} * b.raw + (wide_type{1} << (Fraction - 1))) >> Fraction);
        } else {
            return from_product(std::int64_t{a.raw} * b.raw);
        }
    }
    // Truncates toward zero; x / 0 saturates towards the sign of x (0 / 0 = 0).
    friend constexpr fixed operator/(fixed a, fixed b) noexcept
    {
        if (b.raw == 0) return a.raw > 0 ? max() : a.raw < 0 ? min() : fixed(0);
        fixed result;
        result.raw = saturate_wide(std::int64_t{a.raw} * std::int64_t{one_raw} / b.raw);
        return result;
    }
    constexpr fixed& operator+=(fixed b) noexcept { return *this = *this + b; }
    constexpr fixed& operator-=(fixed b) noexcept { return *this = *this - b; }
    constexpr fixed& operator*=(fixed b) noexcept { return *this = *this * b; }
    constexpr fixed& operator/=(fixed b) noexcept { return *this = *this / b; }

    friend constexpr bool operator==(fixed a, fixed b) noexcept { return a.raw == b.raw; }
    friend constexpr auto operator<=>(fixed a, fixed b) noexcept { return a.raw <=> b.raw; }

private:
    template <std::integral I>
    static constexpr storage_type from_integer(I value) noexcept
    {
        // The largest and smallest integers the format holds (7 and -8 for Q3.12).
        constexpr std::int64_t high = std::numeric_limits<storage_type>::max() >> Fraction;
        constexpr std::int64_t low = std::numeric_limits<storage_type>::min() >> Fraction;
        if (std::cmp_greater(value, high)) return std::numeric_limits<storage_type>::max();
        if (std::cmp_less(value, low)) return std::numeric_limits<storage_type>::min();
        return static_cast<storage_type>(static_cast<std::int64_t>(value) * (std::int64_t{1} << Fraction));
    }

    template <std::floating_point F>
    static constexpr storage_type from_floating(F value) noexcept
    {
        if (value != value) return 0;   // NaN
        const F scaled = value * static_cast<F>(one_raw);
        constexpr F high = static_cast<F>(std::numeric_limits<storage_type>::max());
        constexpr F low = static_cast<F>(std::numeric_limits<storage_type>::min());
        if (scaled >= high) return std::numeric_limits<storage_type>::max();
        if (scaled <= low) return std::numeric_limits<storage_type>::min();
        const F rounded = scaled + (scaled < 0 ? F(-0.5) : F(0.5));   // to nearest, ties away from 0
        return static_cast<storage_type>(static_cast<std::int64_t>(rounded));
    }
};

namespace detail {
// sigmoid(k / 4) for k = 0 .. 32 (x from 0 to 8), in the format's raw
// units. Computed at compile time with hanaprop::exp; only the 33 values
// are stored (66 bytes for 16-bit storage).
template <class Fixed>
inline constexpr auto sigmoid_table = [] {
    std::array<typename Fixed::storage_type, 33> table{};
    for (std::size_t k = 0; k < table.size(); ++k) {
        const double x = static_cast<double>(k) / 4.0;
        table[k] = Fixed(1.0 / (1.0 + hanaprop::exp(-x))).raw;
    }
    return table;
}();
} // namespace detail

// The logistic function in fixed point. For x >= 0 it interpolates linearly
// between the table's points, 1/4 apart; sigmoid(-x) = 1 - sigmoid(x);
// beyond |x| = 8 it returns about sigmoid(+-8). No division, no exp.
// Error: interpolation < 0.00075, plus the rounding of the table and of
// the result; over all Q3.12 inputs at most 0.00101 (tests/embedded).
template <int Bits, int Fraction>
constexpr fixed<Bits, Fraction> sigmoid(fixed<Bits, Fraction> x) noexcept
{
    using F = fixed<Bits, Fraction>;
    using W = typename F::wide_type;
    const auto& table = detail::sigmoid_table<F>;
    constexpr int step_shift = Fraction - 2;   // raw units per table step = 2^step_shift
    constexpr W last = static_cast<W>(table.size()) - 1;

    // Past the table, the last interval's end: |x| >= 8 gives ~sigmoid(8).
    constexpr W end = (last << step_shift) - 1;
    W magnitude = x.raw < 0 ? -W{x.raw} : W{x.raw};
    magnitude = magnitude > end ? end : magnitude;
    const auto k = static_cast<std::size_t>(magnitude >> step_shift);
    const W t = magnitude & ((W{1} << step_shift) - 1);
    const W y0 = table[k];
    const W y1 = table[k + 1];
    const W y = y0 + (((y1 - y0) * t) >> step_shift);
    return F::from_raw(x.raw < 0 ? F::one_raw - y : y);
}

// W a + b's dot product in fixed point. Found by argument-dependent lookup
// from fast::forward, and preferred there as the more specialised template.
// 16-bit values: every product is exact in 64 bits (below 2^30 each, so the
// sum cannot overflow), and the sum is rounded and saturated once.
// 32-bit values: a product can reach 2^62, so each one is rounded to the
// format first (below 2^46), then summed in 64 bits and saturated once.
template <int Bits, int Fraction, std::size_t N>
constexpr fixed<Bits, Fraction> dot(const std::array<fixed<Bits, Fraction>, N>& a,
                                    const std::array<fixed<Bits, Fraction>, N>& b) noexcept
{
    using F = fixed<Bits, Fraction>;
    std::int64_t sum = 0;
    if constexpr (Bits == 16) {
        // The product of two int16 fits in 32 bits: a 32-bit multiply (a
        // Cortex-M0 has no 32x32->64 one), then a 64-bit add.
        for (std::size_t i = 0; i < N; ++i) sum += std::int32_t{a[i].raw} * std::int32_t{b[i].raw};
        return F::from_product(sum);
    } else {
        constexpr std::int64_t half = std::int64_t{1} << (Fraction - 1);
        for (std::size_t i = 0; i < N; ++i) sum += (std::int64_t{a[i].raw} * b[i].raw + half) >> Fraction;
        return F::from_raw(sum);   // each term is below 2^46: no overflow for N < 2^17
    }
}

// The same network with another value type: every parameter converted with
// To(value) (for fixed: rounded to nearest, saturated). Works at compile
// time, so a float network exported as a header becomes a fixed-point
// constant in flash: constexpr auto q = network_cast<fixed<16, 12>>(net).
template <class To, class Net>
    requires is_network_v<Net>
constexpr typename Net::template rebind<To> network_cast(const Net& net) noexcept
{
    using Target = typename Net::template rebind<To>;
    Target result{};
    boost::hana::for_each(Target::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        const auto& from = net.template layer<L>();
        auto& to = result.template layer<L>();
        using Layer = std::remove_cvref_t<decltype(to)>;
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            for (std::size_t i = 0; i < Layer::inputs; ++i) to.weights[j][i] = static_cast<To>(from.weights[j][i]);
            to.biases[j] = static_cast<To>(from.biases[j]);
        }
    });
    return result;
}

// Converts an array of inputs the same way.
template <class To, class From, std::size_t N>
constexpr std::array<To, N> array_cast(const std::array<From, N>& values) noexcept
{
    std::array<To, N> result{};
    for (std::size_t i = 0; i < N; ++i) result[i] = static_cast<To>(values[i]);
    return result;
}

} // namespace hanaprop
