// hanaprop/core/finite.hpp - whether a network's parameters are all
// numbers: one NaN or infinity among them makes every prediction NaN (or
// meaningless), so check after training on data you did not check.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/network.hpp>

namespace hanaprop {

// False for NaN and +-inf. Tested on the bits, so that it holds under
// -ffast-math too (which lets the compiler assume x == x). Value types
// that are not floating point (fixed point) have no NaN: always true.
// A vector of lanes (lanes<float, 8>) is finite when every lane is.
template <class T>
constexpr bool is_finite(const T& x) noexcept
{
    if constexpr (std::is_same_v<T, float>) {
        return (std::bit_cast<std::uint32_t>(x) & 0x7f800000u) != 0x7f800000u;
    } else if constexpr (std::is_same_v<T, double>) {
        return (std::bit_cast<std::uint64_t>(x) & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
    } else if constexpr (requires { x.lane; }) {
        bool finite = true;
        for (const auto& value : x.lane) finite = finite && is_finite(value);
        return finite;
    } else {
        static_assert(!std::is_floating_point_v<T>, "is_finite: long double is not supported");
        return true;
    }
}

// True when every weight and bias of `net` is a number.
template <class Net>
    requires is_network_v<Net>
constexpr bool is_finite(const Net& net) noexcept
{
    bool finite = true;
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        const auto& layer = net.template layer<decltype(l)::value>();
        for (const auto& row : layer.weights)
            for (const auto& w : row) finite = finite && is_finite(w);
        for (const auto& b : layer.biases) finite = finite && is_finite(b);
    });
    return finite;
}

} // namespace hanaprop
