// hanaprop/core/exp.hpp - a constexpr exp for float and double, without libm.
//
// exp(x) = 2^k * e^r with k = round(x / ln2) and |r| <= ln2 / 2.
// * The input is clamped on its bit pattern, not with a floating-point
//   compare: under g++'s default -ftrapping-math an ordered FP compare in
//   a loop stops vectorisation, an integer select does not. (The clamp's
//   result must depend on the sign: a clamp to one constant lets g++ fold
//   the rest of exp for that case and branch to it, unvectorised.)
// * k is rounded by truncating a biased value: the usual "add and subtract
//   1.5 * 2^23" trick collapses under -ffast-math (re-association).
// * 2^k is written straight into the exponent bits with std::bit_cast,
//   which is constexpr in C++20.
// * NaN has the largest magnitude bit pattern, so the clamp alone would
//   turn it into a finite value. Instead a NaN input sets every bit of the
//   2^k factor, which makes it a NaN: exp(NaN) is NaN, so a NaN weight
//   shows in every output instead of passing for an ordinary value. The
//   mask is one compare of x with itself, and the sigmoid's 1 + e_r * 2^k
//   stays one FMA.
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>


namespace hanaprop {

// Accurate to about 1 ulp on [-87.3, 88.3]; outside it the result is
// exp(-87.3) or exp(88.3), so it never overflows to inf nor underflows to 0.
// NaN gives NaN.
constexpr float exp(float x) noexcept
{
    // clang's constant evaluator refuses arithmetic on a NaN. (One
    // statement: compile-time training pays a step for each.)
    if (std::is_constant_evaluated() && x != x) return x;
    constexpr std::uint32_t magnitude_mask = 0x7fffffffu;
    constexpr std::uint32_t positive_limit = std::bit_cast<std::uint32_t>(88.3f);
    constexpr std::uint32_t negative_limit = std::bit_cast<std::uint32_t>(87.3f);

    const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    const std::uint32_t sign = bits & ~magnitude_mask;
    const std::uint32_t limit = sign ? negative_limit : positive_limit;
    std::uint32_t magnitude = bits & magnitude_mask;
    magnitude = magnitude > limit ? limit : magnitude;
    const float clamped = std::bit_cast<float>(sign | magnitude);

    // clamped / ln2 + 128.5 > 0, so truncation is floor.
    const std::int32_t k = static_cast<std::int32_t>(clamped * 1.44269504088896341f + 128.5f) - 128;
    const float kf = static_cast<float>(k);
    // Cody-Waite: ln2 = 0.693359375 - 2.12194440e-4; the first part has few
    // bits, so k * 0.693359375 is exact.
    float r = clamped - kf * 0.693359375f;
    r += kf * 2.12194440e-4f;

    // Cephes' minimax polynomial for e^r - 1 - r on [-ln2/2, ln2/2], in
    // Estrin's form: three independent pairs, then two steps in r^2, so
    // the chain of dependent operations is half as long as Horner's, and
    // exp's latency is what online SGD waits for.
    const float r2 = r * r;
    const float a = 1.9875691500e-4f * r + 1.3981999507e-3f;
    const float b = 8.3334519073e-3f * r + 4.1665795894e-2f;
    const float c = 1.6666665459e-1f * r + 5.0000001201e-1f;
    const float p = (a * r2 + b) * r2 + c;
    const float e_r = p * r2 + r + 1.0f;
    // x != x: all ones for a NaN, else 0; one quiet compare of x with
    // itself, which needs no constant and does not trap, so g++ still
    // vectorises the loop around it.
    return e_r * std::bit_cast<float>((static_cast<std::uint32_t>(k + 127) << 23) | (x != x ? ~0u : 0u));
}

namespace detail {
// x = exp(x) as the float exp above computes it, for a vector of floats
// (F, with U and I vectors of as many 32-bit integers; core/fast/simd.hpp's
// vectors), in place: the same operations
// in the same order but for the clamp, so every lane is the scalar exp's
// result, bit for bit
// (tests/unit/test_exp.cpp compares them over every float class). A copy
// and not one template for both: the conversions of a template written for
// both are function calls, and in constant evaluation each call costs
// steps of the compilers' budget for compile-time training.
template <class F, class U, class I>
[[gnu::always_inline]] inline void exp_vector(F& x) noexcept
{
    // The clamp as two integer minimums, at the head of the chain online
    // SGD waits for. As unsigned integers, only the numbers below -87.3
    // (and negative NaNs) have larger bit patterns than -87.3; as signed
    // ones, only those above 88.3 (and positive NaNs) have larger ones than
    // 88.3. The same value as the scalar clamp for every number; a NaN
    // becomes a limit there too, and the mask below makes the result NaN.
    constexpr std::uint32_t lowest = std::bit_cast<std::uint32_t>(-87.3f);
    constexpr std::int32_t highest = std::bit_cast<std::int32_t>(88.3f);
    // The builtin, not std::bit_cast: a function returning a vector by
    // value (core/fast/simd.hpp says why not).
    const U bits = __builtin_bit_cast(U, x);
    const I above = __builtin_bit_cast(I, bits > lowest ? lowest : bits);
    const F clamped = __builtin_bit_cast(F, above > highest ? highest : above);

    const I k = __builtin_convertvector(clamped * 1.44269504088896341f + 128.5f, I) - 128;
    const F kf = __builtin_convertvector(k, F);
    F r = clamped - kf * 0.693359375f;
    r += kf * 2.12194440e-4f;

    const F r2 = r * r;
    const F a = r * 1.9875691500e-4f + 1.3981999507e-3f;
    const F b = r * 8.3334519073e-3f + 4.1665795894e-2f;
    const F c = r * 1.6666665459e-1f + 5.0000001201e-1f;
    const F p = (a * r2 + b) * r2 + c;
    const F e_r = p * r2 + r + 1.0f;
    x = e_r * __builtin_bit_cast(F, (__builtin_convertvector(k + 127, U) << 23) | (x != x ? ~0u : 0u));
}
} // namespace detail

// Accurate to about 1 ulp on [-708.3, 709]; clamped outside, as for float.
// NaN gives NaN.
constexpr double exp(double x) noexcept
{
    if (std::is_constant_evaluated() && x != x) return x;
    constexpr std::uint64_t magnitude_mask = 0x7fffffffffffffffull;
    constexpr std::uint64_t positive_limit = std::bit_cast<std::uint64_t>(709.0);
    constexpr std::uint64_t negative_limit = std::bit_cast<std::uint64_t>(708.3);

    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    const std::uint64_t sign = bits & ~magnitude_mask;
    const std::uint64_t limit = sign ? negative_limit : positive_limit;
    std::uint64_t magnitude = bits & magnitude_mask;
    magnitude = magnitude > limit ? limit : magnitude;
    const double clamped = std::bit_cast<double>(sign | magnitude);

    const std::int64_t k = static_cast<std::int64_t>(clamped * 1.44269504088896338700e+00 + 1024.5) - 1024;
    const double kd = static_cast<double>(k);
    // fdlibm's split of ln2: the high part has 32 significant bits, so
    // k * ln2_hi is exact for every k in range.
    const double r = (clamped - kd * 6.93147180369123816490e-01) - kd * 1.90821492927058770002e-10;

    // Taylor series to degree 13: the truncation error is below 4e-18 for
    // |r| <= ln2 / 2, far under half an ulp.
    double p = 1.0 / 6227020800.0;               // 1/13!
    p = p * r + 1.0 / 479001600.0;               // 1/12!
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    const double e_r = p * (r * r) + r + 1.0;
    return e_r * std::bit_cast<double>((static_cast<std::uint64_t>(k + 1023) << 52) | (x != x ? ~0ull : 0ull));
}

} // namespace hanaprop
