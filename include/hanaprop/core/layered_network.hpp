// hanaprop/core/layered_network.hpp - a network that names each layer's
// activation, and its loss:
//
//   using net = hanaprop::layered_network<float, hanaprop::input<784>,
//                                         hanaprop::dense<100, hanaprop::activation::relu>,
//                                         hanaprop::dense<10, hanaprop::activation::softmax>>;
//
// The same object as basic_network (the same parameters, no more bytes),
// trained and run by the same functions. dense<N> alone is a sigmoid
// layer. The loss is cross-entropy after a softmax output and quadratic
// otherwise, unless a loss type ends the list (hanaprop::loss::
// cross_entropy after a sigmoid output). A pairing that makes no sense is
// a compile-time error whose first line names it.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>

#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/losses.hpp>
#include <hanaprop/core/network.hpp>

namespace hanaprop {

// The input layer: N values.
template <std::size_t N>
struct input {
    static constexpr std::size_t size = N;
};

// A fully connected layer of N neurons with the activation A.
template <std::size_t N, class A = activation::sigmoid>
struct dense {
    static_assert(activation_function<A>, "dense<N, A>: A must be one of hanaprop::activation's types");
    static constexpr std::size_t size = N;
    using activation = A;
};

namespace shape_error {
// Read each name as a sentence, e.g. "layer 1's activation softmax is
// for the output layer only".
template <std::size_t Layer>
struct layer {
    template <class Activation>
    struct softmax_is_for_the_output_layer_only;   // use relu, tanh or sigmoid in hidden layers
};
template <class Loss>
struct the_loss {
    template <class OutputActivation>
    struct does_not_pair_with_the_output;   // softmax needs loss::cross_entropy; cross-entropy needs a sigmoid or softmax output
};
template <class Layer>
struct the_layer_list_needs {
    struct an_input_first_then_dense_layers;   // layered_network<T, input<N>, dense<M, activation>..., [loss]>
};
} // namespace shape_error

namespace detail {
template <class... A>
struct activation_list {
    template <std::size_t L>
    using at = std::tuple_element_t<L, std::tuple<A...>>;
};

template <class X>
inline constexpr bool is_dense = false;
template <std::size_t N, class A>
inline constexpr bool is_dense<dense<N, A>> = true;

template <class... X>
struct type_list {};

// Splits dense<...>..., [Loss] into the dense layers and the loss.
template <class Dense, class... Rest>
struct split_layers;
template <class... Dense>
struct split_layers<type_list<Dense...>> {
    using dense = type_list<Dense...>;
    using loss = void;
};
template <class... Dense, class Last>
struct split_layers<type_list<Dense...>, Last> {
    using dense = std::conditional_t<loss_function<Last>, type_list<Dense...>, type_list<Dense..., Last>>;
    using loss = std::conditional_t<loss_function<Last>, Last, void>;
};
template <class... Dense, class X, class Y, class... Rest>
struct split_layers<type_list<Dense...>, X, Y, Rest...> : split_layers<type_list<Dense..., X>, Y, Rest...> {};

// What a layer list means, and the first mistake in it (int when there is
// none, else the incomplete type naming it).
template <class Self, class T, std::size_t In, class Dense, class Named>
struct layered;
template <class Self, class T, std::size_t In, class... Dense, class Named>
struct layered<Self, T, In, type_list<Dense...>, Named> {
    static constexpr bool all_dense = (is_dense<Dense> && ...);
    using output = std::tuple_element_t<sizeof...(Dense), std::tuple<activation::sigmoid, typename Dense::activation...>>;
    using loss = std::conditional_t<!std::is_void_v<Named>, Named,
                                    std::conditional_t<std::is_same_v<output, activation::softmax>, loss::cross_entropy,
                                                       loss::quadratic>>;
    static constexpr auto check() noexcept
    {
        constexpr std::size_t hidden = sizeof...(Dense) == 0 ? 0 : sizeof...(Dense) - 1;
        constexpr std::size_t first_softmax = [] {
            constexpr bool softmax[] = {std::is_same_v<typename Dense::activation, activation::softmax>..., false};
            std::size_t l = 0;
            while (l < hidden && !softmax[l]) ++l;
            return l;
        }();
        if constexpr (first_softmax < hidden)
            return std::type_identity<
                typename shape_error::layer<first_softmax>::template softmax_is_for_the_output_layer_only<
                    activation::softmax>>{};
        else if constexpr (!loss::template pairs_with<output>)
            return std::type_identity<
                typename shape_error::the_loss<loss>::template does_not_pair_with_the_output<output>>{};
        else
            return std::type_identity<int>{};
    }
    using body = network_body<Self, T, activation_list<typename Dense::activation...>, loss, In, Dense::size...>;
};

template <class Self, class T, std::size_t In, class... Layers>
using layered_of = layered<Self, T, In, typename split_layers<type_list<>, Layers...>::dense,
                           typename split_layers<type_list<>, Layers...>::loss>;
} // namespace detail

// layered_network<T, input<N>, dense<...>..., [loss]>.
template <class T, class Input, class... Layers>
struct layered_network {
    static_assert(sizeof(typename shape_error::the_layer_list_needs<Input>::an_input_first_then_dense_layers) > 0);
};

template <class T, std::size_t In, class... Layers>
    requires(detail::layered_of<void, T, In, Layers...>::all_dense)
struct layered_network<T, input<In>, Layers...>
    : detail::layered_of<layered_network<T, input<In>, Layers...>, T, In, Layers...>::body {
    static_assert(
        sizeof(typename decltype(detail::layered_of<layered_network, T, In, Layers...>::check())::type) > 0);
    static constexpr bool names_its_layers = true;
    template <class U>
    using rebind = layered_network<U, input<In>, Layers...>;
};

} // namespace hanaprop
