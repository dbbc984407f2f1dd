// hanaprop/core/network.hpp - basic_network<T, Sizes...>: the parameters of
// a fully connected sigmoid network whose layer sizes are template
// arguments, and its forward pass.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include <boost/hana/fold_left.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/integral_constant.hpp>
#include <boost/hana/range.hpp>
#include <boost/hana/tuple.hpp>

#include <hanaprop/core/layer.hpp>
#include <hanaprop/core/layer_calls.hpp>
#include <hanaprop/core/shape_checks.hpp>

namespace hanaprop {

namespace hana = boost::hana;

namespace detail {
// Weights and biases of the layers Sizes[0] -> Sizes[1] -> ...; 0 for
// fewer than two sizes (a topology the network rejects).
template <std::size_t... Sizes>
constexpr std::size_t parameter_count() noexcept
{
    constexpr std::size_t sizes[] = {Sizes..., 0};
    std::size_t n = 0;
    for (std::size_t l = 0; l + 1 < sizeof...(Sizes); ++l) n += (sizes[l] + 1) * sizes[l + 1];
    return n;
}

// Where a network's parameters start. A small one (under 4 KB: 7-5-3 is
// 232 bytes) packs like its floats, so that firmware pays no padding. A
// large one starts on a cache line, as Eigen's fixed-size matrices start
// on a vector: the rows of its first layer are then read with no 32-byte
// load across two lines whenever a row is a multiple of 32 bytes (784
// inputs). With malloc's 16-byte alignment half of those loads cross a
// line: predict of 784-100-10 took 7 to 8% longer (the benchmark built
// both ways and run alternately, g++ 12, -march=native: best 4.69
// against 4.34 us, median 5.51 against 5.09); a training step moved
// less than the noise. The padding this adds at the end is under 64
// bytes, 1.5% at most.
template <class T, std::size_t... Sizes>
constexpr std::size_t network_alignment() noexcept
{
    return parameter_count<Sizes...>() * sizeof(T) >= 4096 && alignof(T) < 64 ? 64 : alignof(T);
}
} // namespace detail

// A network object is its parameters and nothing else: 58 floats for
// network<7, 5, 3>, trivially copyable and standard-layout, so a trained
// network can be a constexpr value in read-only memory; a network of 4 KB
// or more is aligned to 64 bytes, with under 64 bytes of padding at its
// end. Activations and deltas live in a separate workspace<Net>
// (core/workspace.hpp).
template <class T, std::size_t... Sizes>
struct alignas(detail::network_alignment<T, Sizes...>()) basic_network {
    // At least two sizes, none of them 0; else one error naming the
    // mistake, e.g. 'hanaprop::shape_error::the_topology<7, 0, 3>::has_a_layer_of_size_zero'.
    static_assert(sizeof(topology_check_t<Sizes...>) > 0);

    using value_type = T;
    // The topology as Hana sees it: the passes are folds over it.
    static constexpr auto topology = hana::tuple_c<std::size_t, Sizes...>;
    // Weight layers: network<7, 5, 3> has two (7->5 and 5->3).
    static constexpr std::size_t depth = sizeof...(Sizes) >= 2 ? sizeof...(Sizes) - 1 : 0;
    static constexpr auto layer_indices = hana::make_range(hana::size_c<0>, hana::size_c<depth>);

private:
    // A trailing 1 keeps a rejected topology (network<7>, network<>) from
    // adding errors of its own after the topology check's message.
    static constexpr std::array<std::size_t, sizeof...(Sizes) + 1> sizes_{Sizes..., 1};

public:
    // size<0> is the input layer, size<depth> the output layer.
    template <std::size_t L>
    static constexpr std::size_t size = sizes_[L];
    static constexpr std::size_t input_size = size<0>;
    static constexpr std::size_t output_size = size<depth>;

    using input_type = std::array<T, input_size>;
    using output_type = std::array<T, output_size>;
    using layers_type = layer_chain<T, Sizes...>;
    template <std::size_t L>
    using layer_type = dense_layer<T, size<L>, size<L + 1>>;

    static constexpr std::size_t parameter_count = detail::parameter_count<Sizes...>();

    // Zero unless initialised: `network<...> net;` holds zeros, not garbage.
    // The {} also stops clang from trying `auto net = random_network<Net>(1);`
    // in its constant evaluator: for a trivial (POD) type it evaluates the
    // initialiser to see whether it could emit a constant, which drew the
    // 16,896 weights of 16 layers of 32 for 0.4 s before giving up at its
    // step limit (issue 5's compile-cost budget). Still an aggregate,
    // trivially copyable and standard-layout.
    layers_type layers{};

    // The L-th weight layer, counted from the input side.
    template <std::size_t L>
    constexpr layer_type<L>& layer() noexcept { return get<L>(layers); }
    template <std::size_t L>
    constexpr const layer_type<L>& layer() const noexcept { return get<L>(layers); }

    // Feedforward: a^0 = input, a^l = sigma(W^l a^(l-1) + b^l), returns a^L.
    // Needs no workspace: each layer's output is a local array.
    template <class U, std::size_t N>
    HANAPROP_INLINE_UNLESS_SIZE constexpr output_type predict(const std::array<U, N>& input) const noexcept
    {
        check_input<basic_network, U, N>();
        if constexpr (N == input_size && std::is_same_v<U, T>) {
            return hana::fold_left(layer_indices, input, [&](const auto& activation, auto l) {
                constexpr std::size_t L = decltype(l)::value;
                std::array<T, size<L + 1>> next;
                detail::call_layer_kernel<basic_network, L>(detail::forward_kernel{}, layer<L>(), activation, next);
                return next;
            });
        } else {
            return output_type{};   // never reached: check_input has failed
        }
    }

    friend constexpr bool operator==(const basic_network&, const basic_network&) = default;

    // Copying or assigning the weights of another shape (or value type) is
    // a mistake; this conversion exists only to name it in one error,
    // "the_weights_of<...>::do_not_fit<...>", instead of "no viable
    // conversion" and a list of candidates. It is never callable. (A
    // deleted converting constructor would do the same but would stop the
    // network from being an aggregate.) It is `const volatile` so that a
    // derived class's own conversion (host/export_header.hpp), being
    // `const` only, is a better match and wins: the implicit object
    // argument binds to the less qualified reference.
    template <class To>
        requires(is_basic_network_v<To> && !std::is_same_v<To, basic_network>)
    constexpr operator To() const volatile noexcept
    {
        check_same_network<basic_network, To>();
        return {};
    }
};

// The float network of the examples: network<7, 5, 3>.
template <std::size_t... Sizes>
using network = basic_network<float, Sizes...>;

} // namespace hanaprop
