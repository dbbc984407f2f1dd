// hanaprop/core/layer.hpp - the parameters of one fully connected layer and
// the chain of layers a network is made of.
#pragma once

#include <array>
#include <cstddef>

namespace hanaprop {

// weights[j][i] connects input i to neuron j: a row holds one neuron's
// incoming weights, so the forward product W a reads memory in order.
template <class T, std::size_t Inputs, std::size_t Outputs>
struct dense_layer {
    using value_type = T;
    static constexpr std::size_t inputs = Inputs;
    static constexpr std::size_t outputs = Outputs;
    static constexpr std::size_t parameter_count = Inputs * Outputs + Outputs;

    std::array<std::array<T, Inputs>, Outputs> weights;
    std::array<T, Outputs> biases;

    friend constexpr bool operator==(const dense_layer&, const dense_layer&) = default;
};

// layer_chain<T, 7, 5, 3> holds dense_layer<T, 7, 5> then dense_layer<T, 5, 3>.
// A plain recursive aggregate rather than a hana::tuple: it has no base
// classes, so the whole network stays standard-layout, with its layers in
// declaration order and no padding between them.
template <class T, std::size_t... Sizes>
struct layer_chain {};   // fewer than two sizes: no layers (the network rejects it)

template <class T, std::size_t In, std::size_t Out>
struct layer_chain<T, In, Out> {
    dense_layer<T, In, Out> head;

    friend constexpr bool operator==(const layer_chain&, const layer_chain&) = default;
};

template <class T, std::size_t In, std::size_t Out, std::size_t Next, std::size_t... Rest>
struct layer_chain<T, In, Out, Next, Rest...> {
    dense_layer<T, In, Out> head;
    layer_chain<T, Out, Next, Rest...> tail;

    friend constexpr bool operator==(const layer_chain&, const layer_chain&) = default;
};

// The L-th layer of a chain, counted from the input side.
template <std::size_t L, class Chain>
constexpr auto& get(Chain& chain) noexcept
{
    if constexpr (L == 0) return chain.head;
    else return get<L - 1>(chain.tail);
}

} // namespace hanaprop
