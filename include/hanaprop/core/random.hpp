// hanaprop/core/random.hpp - PCG32 and the few distributions the library
// needs, all constexpr, so that a seed gives the same numbers on every
// compiler, every platform, at run time and at compile time (<random>'s
// distributions are implementation-defined and not constexpr).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace hanaprop {

// PCG-XSH-RR 64/32 (M. E. O'Neill, pcg-random.org), as pcg32_srandom_r and
// pcg32_random_r of the reference C implementation.
class pcg32 {
public:
    using result_type = std::uint32_t;

    constexpr explicit pcg32(std::uint64_t seed, std::uint64_t stream = 0xda3e39cb94b95bdbull) noexcept
        : increment_{(stream << 1u) | 1u}
    {
        (*this)();
        state_ += seed;
        (*this)();
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return 0xffffffffu; }

    constexpr result_type operator()() noexcept
    {
        const std::uint64_t old = state_;
        state_ = old * 6364136223846793005ull + increment_;
        const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
        const auto rotation = static_cast<std::uint32_t>(old >> 59u);
        return (xorshifted >> rotation) | (xorshifted << ((0u - rotation) & 31u));
    }

    // Uniform in [0, bound) without modulo bias (pcg32_boundedrand_r).
    constexpr std::uint32_t below(std::uint32_t bound) noexcept
    {
        const std::uint32_t threshold = (0u - bound) % bound;
        for (;;) {
            const std::uint32_t r = (*this)();
            if (r >= threshold) return r % bound;
        }
    }

private:
    std::uint64_t state_ = 0;
    std::uint64_t increment_;
};

// Uniform in [0, 1): 24 random bits for float, 53 for double.
template <class T, class Generator>
constexpr T uniform01(Generator& g) noexcept
{
    if constexpr (sizeof(T) <= 4) {
        return static_cast<T>(g() >> 8) * static_cast<T>(1.0 / 16777216.0);
    } else {
        const auto high = static_cast<std::uint64_t>(g() >> 5);   // 27 bits
        const auto low = static_cast<std::uint64_t>(g() >> 6);    // 26 bits
        return static_cast<T>((high << 26 | low) * (1.0 / 9007199254740992.0));
    }
}

// Fisher-Yates, drawing from the back as Knuth's algorithm P.
template <class T, std::size_t Extent, class Generator>
constexpr void shuffle(std::span<T, Extent> items, Generator& g) noexcept
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = g.below(static_cast<std::uint32_t>(i));
        T tmp = items[i - 1];
        items[i - 1] = items[j];
        items[j] = tmp;
    }
}

} // namespace hanaprop
