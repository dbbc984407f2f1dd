// hanaprop/core/init.hpp - random initial parameters from an explicit seed:
// the same network on every compiler and platform, at run time and at
// compile time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/random.hpp>

namespace hanaprop {

enum class initialization {
    // Every weight and bias uniform in [0, 1), as the classic tutorial.
    // Fine for 7 inputs; with hundreds of inputs every neuron saturates.
    uniform_0_1,
    // Uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)): keeps z = W a + b of
    // order 1 however wide the layer below is.
    scaled,
    // Weights uniform in [-r, r) and biases 0, r following the layer's
    // activation: He's r = sqrt(6 / fan_in) for ReLU and leaky ReLU, which
    // zero half their inputs; Glorot's r = sqrt(6 / (fan_in + fan_out))
    // for the others. The default of a layered_network.
    by_activation,
};

namespace detail {
// 1/sqrt(n) for n >= 1 by Newton's iteration, which converges from 1/n.
constexpr double inverse_sqrt(double n) noexcept
{
    double y = 1.0 / n;
    for (int k = 0; k < 64; ++k) y = y * (1.5 - 0.5 * n * y * y);
    return y;
}

template <class Net>
concept names_its_layers = Net::names_its_layers;
} // namespace detail

// scaled for network<...>, whose layers are all sigmoids and whose
// figures were published with it; by_activation for a layered_network.
template <class Net>
inline constexpr initialization default_initialization =
    detail::names_its_layers<Net> ? initialization::by_activation : initialization::scaled;

// Draws layer by layer from the input side, neuron by neuron, each
// neuron's incoming weights first and its bias last (the tutorial's order),
// into `net` in place: for a network too large for the stack (in
// static_storage, core/static_storage.hpp), where `net =
// random_network<Net>(seed)` would build a temporary copy on the stack.
template <class Net>
constexpr void randomize(Net& net, std::uint64_t seed, initialization how = default_initialization<Net>) noexcept
{
    using T = typename Net::value_type;
    pcg32 generator{seed};
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        auto& layer = net.template layer<L>();
        using Layer = std::remove_reference_t<decltype(layer)>;
        using A = typename Net::template activation<L>;
        constexpr bool he = std::is_same_v<A, activation::relu> || std::is_same_v<A, activation::leaky_relu>;
        constexpr double sqrt_6 = 2.449489742783178;
        const double range = how == initialization::uniform_0_1 ? 0.5
                           : how == initialization::scaled      ? detail::inverse_sqrt(double(Layer::inputs))
                           : he ? sqrt_6 * detail::inverse_sqrt(double(Layer::inputs))
                                : sqrt_6 * detail::inverse_sqrt(double(Layer::inputs + Layer::outputs));
        const T scale = how == initialization::uniform_0_1 ? T(1) : T(2 * range);
        const T offset = how == initialization::uniform_0_1 ? T(0) : T(range);
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            for (std::size_t i = 0; i < Layer::inputs; ++i)
                layer.weights[j][i] = uniform01<T>(generator) * scale - offset;
            layer.biases[j] = how == initialization::by_activation ? T(0) : uniform01<T>(generator) * scale - offset;
        }
    });
}

// The same parameters, as a new network.
template <class Net>
constexpr Net random_network(std::uint64_t seed, initialization how = default_initialization<Net>) noexcept
{
    // g++ tries to fold any call of a constexpr function whose arguments are
    // constants, even where no constant is needed: random_network<784, 100,
    // 10>(1) at run time made g++ fill its 79,510 weights during parsing,
    // at a large cost in compile time and memory. This test stops such a
    // speculative evaluation at once (it cannot tell which way to go), and
    // changes nothing in a real constant expression or at run time.
    if (std::is_constant_evaluated()) {
        // constexpr, constinit, static_assert: filled by the compiler
    }
    Net net{};
    randomize(net, seed, how);
    return net;
}

} // namespace hanaprop
