// hanaprop/core/crc32.hpp - the CRC-32 of zlib, gzip and PNG (reflected
// polynomial 0xEDB88320), constexpr and freestanding, for model files
// checked on a microcontroller. A 16-entry table (64 bytes of flash), half
// a byte at a time: firmware checks a model once, at start-up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace hanaprop {

namespace detail {
inline constexpr std::array<std::uint32_t, 16> crc32_nibble_table = [] {
    std::array<std::uint32_t, 16> table{};
    for (std::uint32_t n = 0; n < 16; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 4; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}();
} // namespace detail

// Continues a CRC: crc32(crc32(0, a), b) == crc32(0, a followed by b), as
// zlib's crc32(crc, buf, len). Start with 0.
constexpr std::uint32_t crc32(std::uint32_t crc, std::span<const unsigned char> bytes) noexcept
{
    crc = ~crc;
    for (const unsigned char byte : bytes) {
        crc ^= byte;
        crc = detail::crc32_nibble_table[crc & 15u] ^ (crc >> 4);
        crc = detail::crc32_nibble_table[crc & 15u] ^ (crc >> 4);
    }
    return ~crc;
}

} // namespace hanaprop
