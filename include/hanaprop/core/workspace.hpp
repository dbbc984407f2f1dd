// hanaprop/core/workspace.hpp - the scratch memory of training, kept out of
// the network so that the network stays a plain value of parameters.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/tuple.hpp>

#include <hanaprop/core/network.hpp>

namespace hanaprop {

namespace detail {
template <class Net, std::size_t... L>
auto activations_of(std::index_sequence<L...>)
    -> boost::hana::tuple<std::array<typename Net::value_type, Net::template size<L>>...>;
template <class Net, std::size_t... L>
auto deltas_of(std::index_sequence<L...>)
    -> boost::hana::tuple<std::array<typename Net::value_type, Net::template size<L + 1>>...>;
} // namespace detail

// What one sample leaves behind in a forward and backward pass:
//   activation<l>(): a^l, l = 0 (the input) .. depth (the output);
//   delta<l>():      delta of weight layer l, the error at its outputs,
//                    l = 0 .. depth - 1 (the same numbering as Net::layer<l>).
// For 784-100-10 floats that is 3.6 KB: fine on a desktop stack, or make it
// static, or let the caller own it; nothing here allocates.
template <class Net>
struct workspace {
    decltype(detail::activations_of<Net>(std::make_index_sequence<Net::depth + 1>{})) activations{};
    decltype(detail::deltas_of<Net>(std::make_index_sequence<Net::depth>{})) deltas{};

    template <std::size_t L>
    constexpr auto& activation() noexcept { return boost::hana::at_c<L>(activations); }
    template <std::size_t L>
    constexpr const auto& activation() const noexcept { return boost::hana::at_c<L>(activations); }
    template <std::size_t L>
    constexpr auto& delta() noexcept { return boost::hana::at_c<L>(deltas); }
    template <std::size_t L>
    constexpr const auto& delta() const noexcept { return boost::hana::at_c<L>(deltas); }
};

// dC/dW and dC/db for every layer, summed over the samples of a batch:
// the same shape as the network's parameters, and aligned like it, so as
// large: 318 KB for 784-100-10 floats, 7.2 MB for 784-1000-1000-10. Past
// about 1 MB, keep it (and the network) off the stack: static_storage
// (core/static_storage.hpp) or memory the caller owns.
template <class Net>
struct alignas(Net) gradients {
    typename Net::layers_type layers{};

    template <std::size_t L>
    constexpr auto& layer() noexcept { return get<L>(layers); }
    template <std::size_t L>
    constexpr const auto& layer() const noexcept { return get<L>(layers); }
};

} // namespace hanaprop
