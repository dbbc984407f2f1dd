// hanaprop/core/log.hpp - a constexpr natural logarithm for float and
// double, without libm: the cross-entropy cost needs one.
//
// x = m * 2^e with m in [sqrt(1/2), sqrt(2)), then ln x = e ln2 + ln m and
// ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172: the odd series
// of atanh converges fast there. Computed in double either way.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace hanaprop {

// About 1 ulp of double. log(0) is -inf, a negative number or NaN gives
// NaN, +inf gives +inf (a cost that overflows shows as inf).
template <class T>
    requires std::is_floating_point_v<T>
constexpr T log(T value) noexcept
{
    const double x = static_cast<double>(value);
    if (!(x > 0.0)) return x == 0.0 ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::quiet_NaN();
    if (x == std::numeric_limits<double>::infinity()) return std::numeric_limits<T>::infinity();

    std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    std::int64_t e = static_cast<std::int64_t>((bits >> 52) & 0x7ff);
    if (e == 0) {   // subnormal: scale into the normal range first
        bits = std::bit_cast<std::uint64_t>(x * 0x1p64);
        e = static_cast<std::int64_t>((bits >> 52) & 0x7ff) - 64;
    }
    e -= 1023;
    double m = std::bit_cast<double>((bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull);   // [1, 2)
    if (m > 1.4142135623730951) {
        m /= 2;
        ++e;
    }
    const double s = (m - 1) / (m + 1);
    const double s2 = s * s;
    // 2 (s + s^3/3 + s^5/5 + ...): the term s^29/29 is below 1e-23.
    double series = 0;
    for (int k = 29; k >= 1; k -= 2) series = series * s2 + 1.0 / k;
    return static_cast<T>(static_cast<double>(e) * 0.69314718055994530942 + 2 * s * series);
}

} // namespace hanaprop
