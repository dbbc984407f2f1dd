// examples/advanced/seeds/python_random.hpp - Python's `random` module, as far as
// the classic tutorial uses it: random.seed(1), random() and randrange(n).
// With it the tutorial's random stream, and so its published scores, can
// be reproduced bit for bit. Part of the example, not of the library.
//
// Python's generator is MT19937 (Matsumoto and Nishimura), but seed(1)
// calls init_by_array({1}), not init_genrand(1): std::mt19937(1) gives a
// different stream.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace seeds {

class python_random {
public:
    // random.seed(n) for 0 <= n < 2^32: the key is the single word n.
    constexpr explicit python_random(std::uint32_t seed) noexcept { init_by_array(seed); }

    // The next 32-bit output (genrand_uint32 of CPython's _randommodule.c).
    constexpr std::uint32_t next() noexcept
    {
        if (index_ >= n) twist();
        std::uint32_t y = state_[index_++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    // random.random(): 53 random bits from two outputs, in [0, 1).
    constexpr double random() noexcept
    {
        const std::uint32_t a = next() >> 5;
        const std::uint32_t b = next() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    // random.randrange(bound) for 0 < bound < 2^32 (_randbelow_with_getrandbits):
    // k = bound.bit_length() bits, drawn again while the result is >= bound.
    constexpr std::uint32_t below(std::uint32_t bound) noexcept
    {
        int k = 0;
        for (std::uint32_t b = bound; b != 0; b >>= 1) ++k;
        for (;;) {
            const std::uint32_t r = next() >> (32 - k);
            if (r < bound) return r;
        }
    }

private:
    static constexpr std::size_t n = 624;
    static constexpr std::size_t m = 397;

    constexpr void init_genrand(std::uint32_t s) noexcept
    {
        state_[0] = s;
        for (std::size_t i = 1; i < n; ++i)
            state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
        index_ = n;
    }

    // init_by_array with a key of length 1.
    constexpr void init_by_array(std::uint32_t key) noexcept
    {
        init_genrand(19650218u);
        std::size_t i = 1;
        for (std::size_t k = n; k > 0; --k) {   // max(n, key length) steps; j is always 0
            state_[i] = (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1664525u)) + key;
            if (++i >= n) { state_[0] = state_[n - 1]; i = 1; }
        }
        for (std::size_t k = n - 1; k > 0; --k) {
            state_[i] = (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1566083941u)) -
                        static_cast<std::uint32_t>(i);
            if (++i >= n) { state_[0] = state_[n - 1]; i = 1; }
        }
        state_[0] = 0x80000000u;
        index_ = n;
    }

    constexpr void twist() noexcept
    {
        constexpr std::uint32_t upper = 0x80000000u, lower = 0x7fffffffu, matrix_a = 0x9908b0dfu;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t y = (state_[k] & upper) | (state_[(k + 1) % n] & lower);
            state_[k] = state_[(k + m) % n] ^ (y >> 1) ^ ((y & 1u) ? matrix_a : 0u);
        }
        index_ = 0;
    }

    std::array<std::uint32_t, n> state_{};
    std::size_t index_ = n;
};

} // namespace seeds
