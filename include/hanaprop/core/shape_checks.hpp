// hanaprop/core/shape_checks.hpp - the compile-time checks at the API's
// edge. Every public function that takes a sample, a target or a data set
// calls one of these first, so that a shape mistake stops at ONE error
// that says what is wrong, with the sizes and types, instead of a page of
// errors from inside the layer loops.
//
// How: a failed check creates a value of a type that is declared but
// never defined, and whose name is the sentence, with the sizes and types
// as its template arguments. Both compilers print that name in the first
// error line:
//   g++:   error: invalid use of incomplete type 'struct hanaprop::shape_error::
//             the_input_has<8>::values_but<hanaprop::basic_network<float, 7, 5, 3> >::expects<7>'
//   clang: error: implicit instantiation of undefined template 'hanaprop::shape_error::
//             the_input_has<8>::values_but<hanaprop::basic_network<float, 7, 5, 3>>::expects<7>'
// and then show the declaration below, with its comment, as a note. (A
// static_assert cannot do this with g++: it prints its fixed message in
// the error line and the sizes only in a later note.) The failing branch
// is under `if constexpr`, so a correct call costs nothing, and the callers
// skip their own body after a failed check, so no second error follows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>

#include <hanaprop/core/sample.hpp>

namespace hanaprop {

namespace shape_error {

// Read each name as a sentence: "the input has 8 values but
// basic_network<float, 7, 5, 3> expects 7".
template <std::size_t Given>
struct the_input_has {
    template <class Network>
    struct values_but {
        template <std::size_t Expected>
        struct expects;   // give predict/train exactly Network::input_size values (Network::input_type)
    };
};

template <std::size_t Given>
struct the_target_has {
    template <class Network>
    struct values_but {
        template <std::size_t Expected>
        struct outputs;   // a target needs one value per output neuron: one_hot<T, Network::output_size>(label)
    };
};

template <class Given>
struct the_input_holds {
    template <class Network>
    struct but {
        template <class Expected>
        struct computes_in;   // convert the input to Network::value_type (float for network<...>)
    };
};

template <class Given>
struct the_target_holds {
    template <class Network>
    struct but {
        template <class Expected>
        struct computes_in;   // convert the target to Network::value_type (float for network<...>)
    };
};

// A data set (array, span or vector of samples) of the wrong shape.
template <std::size_t Given>
struct the_data_set_has {
    template <class Network>
    struct features_but {
        template <std::size_t Expected>
        struct expects;   // each sample's input needs Network::input_size features: use sample_for<Network>
    };
    template <class Network>
    struct targets_but {
        template <std::size_t Expected>
        struct outputs;   // each sample's target needs Network::output_size values: use sample_for<Network>
    };
};

template <class Given>
struct the_data_set_holds {
    template <class Network>
    struct but {
        template <class Expected>
        struct computes_in;   // the samples' value type must be Network::value_type: use sample_for<Network>
        template <class Expected>
        struct trains_on;     // pass a contiguous range (array, span, vector) of sample_for<Network>
    };
};

// The sizes are signed so that a negative size that wrapped around
// (network<7, -5, 3>) is shown as the -5 the user wrote.
template <std::ptrdiff_t... Sizes>
struct the_topology {
    struct needs_an_input_and_an_output_layer;   // write at least two sizes: network<inputs, outputs>
    struct has_a_negative_layer_size;            // a layer size counts neurons: 1 or more
    struct has_a_layer_of_size_zero;             // every layer needs at least one neuron
    struct has_more_parameters_than_an_object_can_hold;   // the weights must fit in memory (PTRDIFF_MAX bytes)
};

template <class From>
struct the_weights_of {
    template <class To>
    struct do_not_fit;   // networks of different shapes or value types cannot be copied or assigned
};

// Scratch memory of one network passed to the training of another:
// "the workspace of basic_network<float, 7, 4, 3> does not fit
// basic_network<float, 7, 5, 3>".
template <class Owner>
struct the_workspace_of {
    template <class Network>
    struct does_not_fit;   // a workspace holds one network's activations: pass a workspace<Network>
};

template <class Owner>
struct the_gradients_of {
    template <class Network>
    struct do_not_fit;   // gradients are shaped like one network's parameters: pass a gradients<Network>
};

} // namespace shape_error

namespace detail {
// A size above PTRDIFF_MAX is a negative number converted to std::size_t.
template <std::size_t Size>
inline constexpr bool is_negative_size = Size > static_cast<std::size_t>(PTRDIFF_MAX);

// True when the weights and biases of Sizes[0] -> Sizes[1] -> ... number
// at most PTRDIFF_MAX / 64: a value type of up to 64 bytes (lock-step
// lanes<double, 8>) then fits in one object. Computed without overflow.
template <std::size_t... Sizes>
constexpr bool parameters_fit() noexcept
{
    constexpr std::size_t sizes[] = {Sizes..., 0};
    constexpr std::size_t limit = static_cast<std::size_t>(PTRDIFF_MAX) / 64;
    std::size_t n = 0;
    for (std::size_t l = 0; l + 1 < sizeof...(Sizes); ++l) {
        const std::size_t in = sizes[l] + 1, out = sizes[l + 1];
        if (in > limit || (out != 0 && in > limit / out)) return false;
        n += in * out;
        if (n > limit) return false;
    }
    return true;
}

// int for a valid topology, else the incomplete type that names the mistake.
template <std::size_t... Sizes>
constexpr auto topology_check() noexcept
{
    using topology = shape_error::the_topology<static_cast<std::ptrdiff_t>(Sizes)...>;
    if constexpr (sizeof...(Sizes) < 2)
        return std::type_identity<typename topology::needs_an_input_and_an_output_layer>{};
    else if constexpr ((is_negative_size<Sizes> || ...))
        return std::type_identity<typename topology::has_a_negative_layer_size>{};
    else if constexpr (!((Sizes > 0) && ...))
        return std::type_identity<typename topology::has_a_layer_of_size_zero>{};
    else if constexpr (!parameters_fit<Sizes...>())
        return std::type_identity<typename topology::has_more_parameters_than_an_object_can_hold>{};
    else
        return std::type_identity<int>{};
}

// A size the storage of a network may be laid out with: 1 in a topology
// the check rejects, so that a wrapped size (network<7, -5, 3>) adds no
// errors about arrays of 2^64 elements after the one that names it.
template <bool Valid, std::size_t Size>
inline constexpr std::size_t layout_size = Valid ? Size : 1;

// basic_network checks its sizes with static_assert(sizeof(topology_check_t<Sizes...>) > 0):
// taking the size of the incomplete type is the (only) error.
template <std::size_t... Sizes>
using topology_check_t = typename decltype(topology_check<Sizes...>())::type;
template <std::size_t... Sizes>
inline constexpr bool valid_topology_v = std::is_same_v<topology_check_t<Sizes...>, int>;
} // namespace detail

// True when Input (Target) is what Net takes as an input (a target): a
// std::array of Net::input_size (Net::output_size) values of exactly
// Net::value_type. The callers guard their bodies with these, so that a
// failed check is the only error. References and const are ignored, so
// that a forwarding reference can be constrained too.
template <class Input, class Net>
concept input_for = std::is_same_v<std::remove_cvref_t<Input>, std::array<typename Net::value_type, Net::input_size>>;
template <class Target, class Net>
concept target_for = std::is_same_v<std::remove_cvref_t<Target>, std::array<typename Net::value_type, Net::output_size>>;

// The checks the API's functions call first; the library's own, not API.
namespace detail {
// The network type is only named in the message; the sizes are template
// arguments so that both compilers print them as numbers.
template <std::size_t Given, std::size_t Expected, class Net = void>
constexpr void check_input_size() noexcept
{
    if constexpr (Given != Expected)
        (void)typename shape_error::the_input_has<Given>::template values_but<Net>::template expects<Expected>{};
}

template <std::size_t Given, std::size_t Expected, class Net = void>
constexpr void check_target_size() noexcept
{
    if constexpr (Given != Expected)
        (void)typename shape_error::the_target_has<Given>::template values_but<Net>::template outputs<Expected>{};
}

// Input values: what the network expects is Net::input_size values of Net::value_type.
template <class Net, class Value, std::size_t Size>
constexpr void check_input() noexcept
{
    if constexpr (Size != Net::input_size)
        check_input_size<Size, Net::input_size, Net>();
    else if constexpr (!std::is_same_v<Value, typename Net::value_type>)
        (void)typename shape_error::the_input_holds<Value>::template but<Net>::template computes_in<
            typename Net::value_type>{};
}

// Target values: one per neuron of the output layer (a one-hot vector for a class).
template <class Net, class Value, std::size_t Size>
constexpr void check_target() noexcept
{
    if constexpr (Size != Net::output_size)
        check_target_size<Size, Net::output_size, Net>();
    else if constexpr (!std::is_same_v<Value, typename Net::value_type>)
        (void)typename shape_error::the_target_holds<Value>::template but<Net>::template computes_in<
            typename Net::value_type>{};
}
} // namespace detail

namespace shape_error {
// An input or target that is not a std::array: its size is not part of
// its type, so the network cannot check it.
template <class Given>
struct the_input_is {
    template <class Network>
    struct not_an_array_for {
        template <class Expected>
        struct use;   // predict/train take Network::input_type: std::array<value_type, input_size>
    };
};
template <class Given>
struct the_target_is {
    template <class Network>
    struct not_an_array_for {
        template <class Expected>
        struct use;   // a target is Network::output_type: one_hot<T, Network::output_size>(label)
    };
};
} // namespace shape_error

namespace detail {
template <class T>
inline constexpr bool is_std_array_v = false;
template <class T, std::size_t N>
inline constexpr bool is_std_array_v<std::array<T, N>> = true;

template <class Net, class Input, class Target>
constexpr void check_sample_arguments() noexcept
{
    if constexpr (!is_std_array_v<Input>)
        (void)typename shape_error::the_input_is<Input>::template not_an_array_for<Net>::template use<
            typename Net::input_type>{};
    else if constexpr (!is_std_array_v<Target>)
        (void)typename shape_error::the_target_is<Target>::template not_an_array_for<Net>::template use<
            typename Net::output_type>{};
}
} // namespace detail

// True when Data can be passed where the API takes a data set of Net.
template <class Data, class Net>
concept data_set_for = std::is_convertible_v<const Data&, std::span<const sample_for<Net>>>;

namespace detail {
template <class Element>
struct sample_shape {   // not a sample at all
    static constexpr bool is_sample = false;
};
template <class T, std::size_t In, std::size_t Out>
struct sample_shape<sample<T, In, Out>> {
    static constexpr bool is_sample = true;
    using value_type = T;
    static constexpr std::size_t inputs = In;
    static constexpr std::size_t outputs = Out;
};

template <class Data>
constexpr auto element_of() noexcept
{
    // (member begin() and built-in arrays only: <iterator> would pull in <string>)
    if constexpr (requires(const Data& data) { *data.begin(); })
        return std::type_identity<std::remove_cvref_t<decltype(*std::declval<const Data&>().begin())>>{};
    else if constexpr (std::is_array_v<Data>)
        return std::type_identity<std::remove_cv_t<std::remove_extent_t<Data>>>{};
    else
        return std::type_identity<Data>{};   // a single value, not a range
}
} // namespace detail

namespace shape_error {

// One sample passed where a data set (array, span or vector of samples)
// is expected: "one sample of sample<float, 7, 3> is not a data set for
// basic_network<float, 7, 5, 3>".
template <class Sample>
struct one_sample_of {
    template <class Network>
    struct is_not_a_data_set_for {
        struct pass_a_range_of_samples;   // std::array{s}, std::span(&s, 1) or train_sample(net, ws, s, rate)
    };
};

} // namespace shape_error

namespace detail {
// The error that says what is wrong with the samples of Data.
template <class Net, class Data>
constexpr void report_data_set() noexcept
{
    using element = typename decltype(detail::element_of<Data>())::type;
    using shape = detail::sample_shape<element>;
    if constexpr (data_set_for<Data, Net>)
        return;
    else if constexpr (std::is_same_v<Data, element> && shape::is_sample)   // one sample, not a range of them
        (void)typename shape_error::one_sample_of<Data>::template is_not_a_data_set_for<Net>::pass_a_range_of_samples{};
    else if constexpr (!shape::is_sample)
        (void)typename shape_error::the_data_set_holds<element>::template but<Net>::template trains_on<
            sample_for<Net>>{};
    else if constexpr (shape::inputs != Net::input_size)
        (void)typename shape_error::the_data_set_has<shape::inputs>::template features_but<
            Net>::template expects<Net::input_size>{};
    else if constexpr (shape::outputs != Net::output_size)
        (void)typename shape_error::the_data_set_has<shape::outputs>::template targets_but<
            Net>::template outputs<Net::output_size>{};
    else if constexpr (!std::is_same_v<typename shape::value_type, typename Net::value_type>)
        (void)typename shape_error::the_data_set_holds<typename shape::value_type>::template but<
            Net>::template computes_in<typename Net::value_type>{};
    else   // the right samples, but not in a contiguous range (a std::list?)
        (void)typename shape_error::the_data_set_holds<Data>::template but<Net>::template trains_on<
            sample_for<Net>>{};
}

// Called by the overloads that catch a data set Net cannot train on: says
// what is wrong with its samples. constexpr, so that clang instantiates it
// at once, while the user's call is still on its list of "requested here"
// notes. The error happens in detail::report_data_set, which clang then
// treats as a failed substitution: a second caller with the same data
// (count_correct after train_online_epoch) finds report_data_set unusable, the
// test below false, and adds no second error; g++ instantiates it once.
template <class Net, class Data>
constexpr void check_data_set() noexcept
{
    if constexpr (requires { report_data_set<Net, Data>(); }) report_data_set<Net, Data>();
}
} // namespace detail

// True for every hanaprop network type: basic_network<T, Sizes...> (and
// so network<Sizes...>) and layered_network<T, Layers...>.
template <class T>
inline constexpr bool is_network_v = requires { requires T::is_hanaprop_network; };
template <class T>
inline constexpr bool is_basic_network_v = is_network_v<T>;

namespace detail {
// The workspace (workspace<W>) and the gradients (gradients<G>) passed to
// the training of Net: they must be Net's own. The training functions
// have an overload for scratch memory of another network whose only
// statement is this check, so that the mistake is one error that names
// both networks instead of "no matching function" and a list of
// candidates.
template <class Net, class W, class G = std::remove_cv_t<Net>>
constexpr void check_scratch() noexcept
{
    using N = std::remove_cv_t<Net>;
    if constexpr (!std::is_same_v<W, N>)
        (void)typename shape_error::the_workspace_of<W>::template does_not_fit<N>{};
    else if constexpr (!std::is_same_v<G, N>)
        (void)typename shape_error::the_gradients_of<G>::template do_not_fit<N>{};
}
template <class Net, class W, class G = std::remove_cv_t<Net>>
inline constexpr bool scratch_fits = std::is_same_v<W, std::remove_cv_t<Net>> && std::is_same_v<G, std::remove_cv_t<Net>>;
} // namespace detail

} // namespace hanaprop
