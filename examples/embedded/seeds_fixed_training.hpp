// seeds_fixed_training.hpp - training the seeds network in Q4.11 fixed
// point, shared by the host trainer (train_seeds.cpp) and the firmware that
// trains on the microcontroller (fw_train_seeds_fixed.cpp). Integer
// arithmetic is exact, so both must end with the same parameters, bit for
// bit: the firmware checks a checksum of them against the host's.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/fixed.hpp>
#include <hanaprop/hanaprop.hpp>

namespace seeds_fixed {

using value_t = hanaprop::fixed<16, 11>;   // Q4.11
using net_t = hanaprop::basic_network<value_t, 7, 5, 3>;
using sample_t = hanaprop::sample_for<net_t>;

inline constexpr int epochs = 50;          // fewer than the float trainer's 500
inline constexpr float rate = 0.3f;

// The float network's initial weights (seed 1), converted: a compile-time
// constant, so no floating point runs on the target.
inline constexpr net_t initial = hanaprop::network_cast<value_t>(hanaprop::random_network<hanaprop::network<7, 5, 3>>(1));

// Online SGD over the samples in an order shuffled before every epoch
// (PCG32, seed 2). `order` is scratch space of samples.size() entries.
template <std::size_t N>
constexpr net_t train(std::span<const sample_t, N> samples, std::span<std::uint8_t, N> order) noexcept
{
    static_assert(N <= 256, "the order is kept in bytes");
    net_t net = initial;
    hanaprop::workspace<net_t> ws{};
    for (std::size_t k = 0; k < N; ++k) order[k] = static_cast<std::uint8_t>(k);
    hanaprop::pcg32 generator{2};
    for (int epoch = 0; epoch < epochs; ++epoch) {
        hanaprop::shuffle(order, generator);
        for (const auto k : order) hanaprop::train_sample(net, ws, samples[k], value_t(rate));
    }
    return net;
}

// FNV-1a over the raw parameters, layer by layer.
constexpr std::uint32_t checksum(const net_t& net) noexcept
{
    std::uint32_t hash = 2166136261u;
    const auto add = [&](value_t v) {
        const auto bits = static_cast<std::uint16_t>(v.raw);
        hash = (hash ^ (bits & 0xffu)) * 16777619u;
        hash = (hash ^ (bits >> 8)) * 16777619u;
    };
    boost::hana::for_each(net_t::layer_indices, [&](auto l) {
        const auto& layer = net.template layer<decltype(l)::value>();
        for (const auto& row : layer.weights)
            for (const auto w : row) add(w);
        for (const auto b : layer.biases) add(b);
    });
    return hash;
}

} // namespace seeds_fixed
