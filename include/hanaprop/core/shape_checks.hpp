// hanaprop/core/shape_checks.hpp - the compile-time checks at the API's
// edge. Every public function that takes a sample calls one of these
// first, so a shape mistake stops at one static_assert that says what is
// wrong, instead of an error deep inside the layer loops.
#pragma once

#include <cstddef>
#include <type_traits>

namespace hanaprop {

template <std::size_t... Sizes>
constexpr void check_topology() noexcept
{
    static_assert(sizeof...(Sizes) >= 2,
                  "a hanaprop network needs at least two layer sizes: an input layer and an output layer");
    static_assert(((Sizes > 0) && ...),
                  "a hanaprop network cannot have a layer of size 0");
}

// The sizes are template arguments here, not Net::input_size, so that both
// compilers print them as numbers: g++ "(8 == 7)", clang "'8UL == 7UL'".
template <std::size_t Given, std::size_t Expected>
constexpr void check_input_size() noexcept
{
    static_assert(Given == Expected,
                  "the input has a different number of values than the network's input layer");
}

template <std::size_t Given, std::size_t Expected>
constexpr void check_target_size() noexcept
{
    static_assert(Given == Expected,
                  "the target has a different number of values than the network's output layer");
}

// Input values: what the network expects is Net::input_size values of Net::value_type.
template <class Net, class Value, std::size_t Size>
constexpr void check_input() noexcept
{
    check_input_size<Size, Net::input_size>();
    static_assert(std::is_same_v<Value, typename Net::value_type>,
                  "the input's value type is not the network's value type (a double sample for a float network?)");
}

// Target values: one per neuron of the output layer (a one-hot vector for a class).
template <class Net, class Value, std::size_t Size>
constexpr void check_target() noexcept
{
    check_target_size<Size, Net::output_size>();
    static_assert(std::is_same_v<Value, typename Net::value_type>,
                  "the target's value type is not the network's value type (a double sample for a float network?)");
}

} // namespace hanaprop
