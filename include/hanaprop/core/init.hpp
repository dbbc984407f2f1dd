// hanaprop/core/init.hpp - random initial parameters from an explicit seed:
// the same network on every compiler and platform, at run time and at
// compile time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/random.hpp>

namespace hanaprop {

namespace hana = boost::hana;

enum class initialization {
    // Every weight and bias uniform in [0, 1), as the classic tutorial.
    // Fine for 7 inputs; with hundreds of inputs every neuron saturates.
    uniform_0_1,
    // Uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)): keeps z = W a + b of
    // order 1 however wide the layer below is.
    scaled,
};

namespace detail {
// 1/sqrt(n) for n >= 1 by Newton's iteration, which converges from 1/n.
constexpr double inverse_sqrt(double n) noexcept
{
    double y = 1.0 / n;
    for (int k = 0; k < 64; ++k) y = y * (1.5 - 0.5 * n * y * y);
    return y;
}
} // namespace detail

// Draws layer by layer from the input side, neuron by neuron, each
// neuron's incoming weights first and its bias last (the tutorial's order),
// into `net` in place: for a network too large for the stack (in
// static_storage, core/static_storage.hpp), where `net =
// random_network<Net>(seed)` would build a temporary copy on the stack.
template <class Net>
constexpr void randomize(Net& net, std::uint64_t seed, initialization how = initialization::scaled) noexcept
{
    using T = typename Net::value_type;
    pcg32 generator{seed};
    hana::for_each(Net::layer_indices, [&](auto l) {
        auto& layer = net.template layer<decltype(l)::value>();
        using Layer = std::remove_reference_t<decltype(layer)>;
        const T scale = how == initialization::scaled ? T(2 * detail::inverse_sqrt(double(Layer::inputs))) : T(1);
        const T offset = how == initialization::scaled ? T(detail::inverse_sqrt(double(Layer::inputs))) : T(0);
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            for (std::size_t i = 0; i < Layer::inputs; ++i)
                layer.weights[j][i] = uniform01<T>(generator) * scale - offset;
            layer.biases[j] = uniform01<T>(generator) * scale - offset;
        }
    });
}

// The same parameters, as a new network.
template <class Net>
constexpr Net random_network(std::uint64_t seed, initialization how = initialization::scaled) noexcept
{
    // g++ tries to fold any call of a constexpr function whose arguments are
    // constants, even where no constant is needed: random_network<784, 100,
    // 10>(1) at run time cost 3 s and 180 MB of g++ time to fill 79,510
    // weights during parsing. This test stops such a speculative evaluation
    // at once (it cannot tell which way to go), and changes nothing in a
    // real constant expression or at run time.
    if (std::is_constant_evaluated()) {
        // constexpr, constinit, static_assert: filled by the compiler
    }
    Net net{};
    randomize(net, seed, how);
    return net;
}

} // namespace hanaprop
