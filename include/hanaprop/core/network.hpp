// hanaprop/core/network.hpp - basic_network<T, Sizes...>: the parameters of
// a fully connected sigmoid network whose layer sizes are template
// arguments, and its forward pass, for any activations.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include <boost/hana/fold_left.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/integral_constant.hpp>
#include <boost/hana/range.hpp>
#include <boost/hana/tuple.hpp>

#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/code_path.hpp>
#include <hanaprop/core/fast/paths.hpp>
#include <hanaprop/core/layer.hpp>
#include <hanaprop/core/losses.hpp>
#include <hanaprop/core/shape_checks.hpp>

namespace hanaprop {

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
// on a vector: the rows of its first layer are then read with no vector
// load across two lines whenever a row is a multiple of 32 bytes (784
// inputs); with malloc's 16-byte alignment half of those loads would
// cross one. The padding this adds at the end is under 64 bytes.
template <class T, std::size_t... Sizes>
constexpr std::size_t network_alignment() noexcept
{
    return parameter_count<Sizes...>() * sizeof(T) >= 4096 && alignof(T) < 64 ? 64 : alignof(T);
}
} // namespace detail

namespace detail {
// The activation of every weight layer of a network<...>.
struct every_layer_sigmoid {
    template <std::size_t L>
    using at = activation::sigmoid;
};

// What every network type holds and does, whatever its activations:
// basic_network (every layer a sigmoid, the quadratic cost) and
// layered_network (core/layered_network.hpp) derive from it and add
// nothing but their name, so that messages say `basic_network<float, 7,
// 5, 3>`. Self is the derived type, named in the shape errors.
template <class Self, class T, class Activations, class Loss, std::size_t... Sizes>
struct alignas(network_alignment<T, layout_size<valid_topology_v<Sizes...>, Sizes>...>()) network_body {
    // At least two sizes, none of them 0; else one error naming the
    // mistake, e.g. 'hanaprop::shape_error::the_topology<7, 0, 3>::has_a_layer_of_size_zero'.
    static_assert(sizeof(topology_check_t<Sizes...>) > 0);

    static constexpr bool is_hanaprop_network = true;
    using value_type = T;
    // The layer sizes, input first, as Hana integral constants.
    static constexpr auto topology = boost::hana::tuple_c<std::size_t, Sizes...>;
    // Weight layers: network<7, 5, 3> has two (7->5 and 5->3).
    static constexpr std::size_t depth = sizeof...(Sizes) >= 2 ? sizeof...(Sizes) - 1 : 0;
    static constexpr auto layer_indices = boost::hana::make_range(boost::hana::size_c<0>, boost::hana::size_c<depth>);

private:
    // A rejected topology is laid out with sizes of 1 (layout_size) and a
    // trailing 1 (network<7>, network<>), so that it adds no errors of its
    // own after the topology check's message.
    static constexpr bool valid_ = valid_topology_v<Sizes...>;
    static constexpr std::array<std::size_t, sizeof...(Sizes) + 1> sizes_{layout_size<valid_, Sizes>..., 1};

public:
    // size<0> is the input layer, size<depth> the output layer.
    template <std::size_t L>
    static constexpr std::size_t size = sizes_[L];
    static constexpr std::size_t input_size = size<0>;
    static constexpr std::size_t output_size = size<depth>;

    using input_type = std::array<T, input_size>;
    using output_type = std::array<T, output_size>;
    using layers_type = layer_chain<T, layout_size<valid_, Sizes>...>;
    template <std::size_t L>
    using layer_type = dense_layer<T, size<L>, size<L + 1>>;
    // The activation of weight layer L (core/activations.hpp), and the
    // cost training minimises (core/losses.hpp).
    template <std::size_t L>
    using activation = typename Activations::template at<L>;
    using loss = Loss;

    static constexpr std::size_t parameter_count = detail::parameter_count<layout_size<valid_, Sizes>...>();

    // Zero unless initialised: `network<...> net;` holds zeros, not
    // garbage. The {} also stops clang from evaluating a POD's initialiser
    // in its constant evaluator to see whether it could emit a constant
    // (random_network of a large network then ran to its step limit).
    // Still an aggregate, trivially copyable and standard-layout.
    layers_type layers{};

    // The L-th weight layer, counted from the input side.
    template <std::size_t L>
    constexpr layer_type<L>& layer() noexcept { return get<L>(layers); }
    template <std::size_t L>
    constexpr const layer_type<L>& layer() const noexcept { return get<L>(layers); }

    // Feedforward: a^0 = input, a^l = f(W^l a^(l-1) + b^l), returns a^L.
    // Needs no workspace: each layer's output is a local array. `path`
    // chooses the compiled copy (core/code_path.hpp): by default the
    // widest one this CPU runs.
    template <class U, std::size_t N>
    HANAPROP_INLINE_UNLESS_SIZE constexpr output_type predict(const std::array<U, N>& input,
                                                              [[maybe_unused]] code_path path = code_path::automatic) const noexcept
    {
        check_input<Self, U, N>();
        if constexpr (N == input_size && std::is_same_v<U, T>) {
#if HANAPROP_RUNTIME_DISPATCH
            if constexpr (detail::has_avx2_copy<Self>)
                if (!std::is_constant_evaluated() && detail::takes_avx2_copy(path))
                    return detail::compute_on_avx2_fma(
                        [&](auto tiles) { return predict_on<decltype(tiles)::vector_bytes>(input); });
#endif
            return predict_on<fast::simd::register_bytes>(input);
        } else {
            return output_type{};   // never reached: check_input has failed
        }
    }

private:
    // predict on vector registers of `Bytes`, from layer L on. In a copy
    // for a wider target every kernel is inlined, even a shared layer's:
    // a call to the copy's out-of-line kernel (fast/paths.hpp) was slower
    // there. A recursion over the layers rather than
    // hana::fold_left: with the kernels inlined into it, clang 14 kept
    // Hana's fold out of line, so a caller's loop gathered the weights
    // again at every call instead of once.
    template <std::size_t Bytes, std::size_t L = 0, class A>
    HANAPROP_INLINE_UNLESS_SIZE constexpr output_type predict_on(const A& a) const noexcept
    {
        if constexpr (L == depth) {
            return a;
        } else {
            std::array<T, size<L + 1>> next;
            if constexpr (Bytes == fast::simd::register_bytes)
                fast::call_layer_kernel<Self, L>(fast::forward_kernel{}, layer<L>(), a, next, activation<L>{});
            else
                fast::forward<Bytes>(layer<L>(), a, next, activation<L>{});
            return predict_on<Bytes, L + 1>(next);
        }
    }

public:

    friend constexpr bool operator==(const network_body&, const network_body&) = default;

    // Copying or assigning the weights of another shape (or value type) is
    // a mistake; this deleted conversion exists only to name it, so that
    // the error says "the_weights_of<...>::do_not_fit<...>" (the defaulted
    // argument Why, which the compilers print with the deleted function)
    // instead of "no viable conversion" and a list of candidates. Deleted,
    // not defined with a failing body, so that std::is_convertible is
    // false for another network. (A deleted converting constructor would
    // stop the network from being an aggregate.) It is `const volatile` so
    // that a derived class's own conversion (host/export_header.hpp), being
    // `const` only, is a better match and wins: the implicit object
    // argument binds to the less qualified reference.
    template <class To, class Why = typename shape_error::the_weights_of<Self>::template do_not_fit<To>>
        requires(is_basic_network_v<To> && !std::is_same_v<To, Self>)
    operator To() const volatile = delete;
};
} // namespace detail

// A fully connected sigmoid network trained on the quadratic cost, as the
// textbook's: network<7, 5, 3>. Its object is its parameters and nothing
// else: 58 floats for network<7, 5, 3>, trivially copyable and
// standard-layout, so a trained network can be a constexpr value in
// read-only memory; a network of 4 KB or more is aligned to 64 bytes, with
// under 64 bytes of padding at its end. Activations and deltas live in a
// separate workspace<Net> (core/workspace.hpp). Other activations and
// losses: layered_network (core/layered_network.hpp).
template <class T, std::size_t... Sizes>
struct basic_network
    : detail::network_body<basic_network<T, Sizes...>, T, detail::every_layer_sigmoid, loss::quadratic, Sizes...> {
    // The same network computing in U (fixed point, lock-step lanes).
    template <class U>
    using rebind = basic_network<U, Sizes...>;
};

// The float network of the examples: network<7, 5, 3>.
template <std::size_t... Sizes>
using network = basic_network<float, Sizes...>;

} // namespace hanaprop
