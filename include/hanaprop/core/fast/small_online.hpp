// hanaprop/core/fast/small_online.hpp - an epoch of online SGD for a small
// network, run on a working copy of its weights stored by columns.
//
// The network stores W by rows (layer.hpp), which suits wide layers. A
// layer of 5 neurons on 7 inputs is different: its rows of 7 fill no
// vector, so a step reads, updates and writes its 58 weights one at a
// time, and g++'s vectoriser spends more instructions gathering columns
// than it saves. By columns, padded to 4, 8 or 16 values, every
// operation of the step is a vector one:
//   forward:   z = sum_i W[:, i] a_i + b         one vector FMA per input
//   W^T delta: s = sum_k W[k, :] delta_k         (a padded copy by rows)
//   update:    W[:, i] -= (rate delta) a_i       one vector FMA per input
// and the copy is made once per epoch, not once per sample. Every value is
// formed by the same operations in the same order as train_sample's, so
// the trained network is the same, bit for bit (tests/unit/
// test_small_online.cpp; with FMA contraction, -march=native, a compiler
// may fuse differently in the two paths). The spare slots of the weights
// hold 0 and stay 0.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <hanaprop/core/fast/kernels.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/fast/simd.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop::fast {

// Declared here, in a namespace that is not API: in namespace hanaprop it
// would make hanaprop::hana one of the library's names.
namespace hana = boost::hana;

// Every layer narrower than 16 both ways: rows that fill no vector.
template <class Net>
inline constexpr bool small_network = [] {
    bool small = true;
    hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        small = small && Net::template size<L> < 16 && Net::template size<L + 1> < 16;
    });
    return small;
}();

// Networks this epoch is for: small ones of floating-point values (a
// lanes<> or fixed-point network is a vector or an integer already). Not
// in a build for size: the working copy doubles the weights' memory, on
// the stack.
template <class Net>
inline constexpr bool every_activation_elementwise = [] {
    bool elementwise = true;
    hana::for_each(Net::layer_indices, [&](auto l) {
        elementwise = elementwise && Net::template activation<decltype(l)::value>::elementwise;
    });
    return elementwise;
}();

template <class Net>
inline constexpr bool small_online_epoch_fits = small_network<Net> && every_activation_elementwise<Net> &&
                                                std::is_floating_point_v<typename Net::value_type> &&
                                                !fast::plain_loops_for_size;

// 1 in the first n of P slots, 0 in the spare ones: multiplied in, it
// keeps a spare slot at 0 where a select would stop g++ vectorising.
template <class T, std::size_t P, std::size_t N>
inline constexpr std::array<T, P> used_slots = [] {
    std::array<T, P> m{};
    for (std::size_t j = 0; j < N; ++j) m[j] = T(1);
    return m;
}();

// One layer by columns: columns[i][j] = W[j][i], padded to `width`. A
// layer with a layer below (`HasRows`) also keeps rows[j][i] = W[j][i],
// padded, for W^T delta; both copies get the same updates.
template <class T, std::size_t In, std::size_t Out, bool HasRows>
struct column_layer {
    static constexpr std::size_t width = fast::small_width(Out);
    static constexpr std::size_t in_width = fast::small_width(In);
    std::array<std::array<T, width>, In> columns{};
    std::array<T, width> biases{};
    std::array<std::array<T, in_width>, HasRows ? Out : 0> rows{};
};

template <class Net, std::size_t... L>
auto column_layers_of(std::index_sequence<L...>)
    -> hana::tuple<column_layer<typename Net::value_type, Net::template size<L>, Net::template size<L + 1>, (L > 0)>...>;
template <class Net, std::size_t... L>
auto padded_vectors_of(std::index_sequence<L...>)
    -> hana::tuple<std::array<typename Net::value_type, fast::small_width(Net::template size<L + 1>)>...>;

// f(hana::size_c<L>) for L = 0, ..., N - 1, inlined: the passes of each
// sample use it rather than hana::for_each, whose loop body clang 14
// compiled as a function of its own, called per layer and sample with
// every value passed through memory.
template <std::size_t... L, class F>
[[gnu::always_inline]] constexpr void for_each_layer(std::index_sequence<L...>, F&& f) noexcept
{
    (f(hana::size_c<L>), ...);
}

// The same over every layer of Net, first to last.
template <class Net, class F>
[[gnu::always_inline]] constexpr void for_each_layer(F&& f) noexcept
{
    for_each_layer(std::make_index_sequence<Net::depth>{}, std::forward<F>(f));
}

// train_online_epoch's epoch for the networks of small_online_epoch_fits.
// Afterwards the network and `ws` are as train_sample leaves them. Always
// inlined, so that the copy compiled for AVX2 (core/code_path.hpp) has it
// all; small_online_epoch below is the build's. `Bytes`: the width of the
// vectors its columns and sigmoids run on, the copy's (32) in the copy:
// the build's 16-byte ones there cost a plain x86-64 build's copy two
// operations per 8 values instead of one.
template <class Net, std::size_t Bytes = simd::register_bytes>
HANAPROP_INLINE_UNLESS_SIZE constexpr void small_online_epoch_inline(Net& net, workspace<Net>& ws,
                                                                     std::span<const sample_for<Net>> samples,
                                                                     typename Net::value_type rate) noexcept
{
    using T = typename Net::value_type;
    constexpr std::size_t depth = Net::depth;
    if (samples.empty()) return;

    decltype(column_layers_of<Net>(std::make_index_sequence<depth>{})) work{};
    for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
        constexpr std::size_t L = decltype(l)::value;
        const auto& layer = net.template layer<L>();
        auto& w = hana::at_c<L>(work);
        for (std::size_t j = 0; j < Net::template size<L + 1>; ++j) {
            for (std::size_t i = 0; i < Net::template size<L>; ++i) w.columns[i][j] = layer.weights[j][i];
            w.biases[j] = layer.biases[j];
            if constexpr (L > 0)
                for (std::size_t i = 0; i < Net::template size<L>; ++i) w.rows[j][i] = layer.weights[j][i];
        }
    });

    // a^(L+1) and delta^L, padded; the spare slots stay 0.
    decltype(padded_vectors_of<Net>(std::make_index_sequence<depth>{})) out{};
    decltype(padded_vectors_of<Net>(std::make_index_sequence<depth>{})) delta{};
    // a^(L+1) before its spare slots are zeroed: the next layer's forward
    // pass and the output error read only its used slots, and reading them
    // here keeps the zeroing off the chain each sample waits for.
    decltype(padded_vectors_of<Net>(std::make_index_sequence<depth>{})) unmasked{};
    std::array<T, fast::small_width(Net::output_size)> output_error{};
    // The input of layer L: a sample's input for L = 0, else a^L as held
    // in `activations` (out or unmasked).
    const auto input = [](auto l, const auto& x, const auto& activations) -> const auto& {
        constexpr std::size_t L = decltype(l)::value;
        if constexpr (L == 0) return x;
        else return hana::at_c<L - 1>(activations);
    };

    // The loops over the slots have a constant trip count of 4, 8 or 16,
    // which g++ -O2 and clang vectorise; the loops around them are
    // unrolled, which g++ -O2 does only when told. (Unrolling the loops
    // over the slots too gave them to g++'s SLP vectoriser, which packs
    // them worse.)
    for (const auto& s : samples) {
        for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
            constexpr std::size_t L = decltype(l)::value;
            constexpr std::size_t In = Net::template size<L>, Out = Net::template size<L + 1>;
            const auto& w = hana::at_c<L>(work);
            const auto& a = input(l, s.input, unmasked);
            constexpr std::size_t P = fast::small_width(Out);
            std::array<T, P> z{};
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) {
                const T x = a[i];
                simd::map_with<Bytes>(z, [x](auto& sums, const auto& column) { sums = sums + column * x; },
                                      w.columns[i]);
            }
            // The spare slots: f(0) * 0. A multiplication by 1 changes no
            // value.
            constexpr const auto& used = used_slots<T, P, Out>;
            auto& y = hana::at_c<L>(out);
            simd::map_with<Bytes>(z, [](auto& sums, const auto& b) { sums = sums + b; }, w.biases);
            detail::activate_vector<typename Net::template activation<L>, Bytes>(z);
            hana::at_c<L>(unmasked) = z;
            y = z;
            simd::map_with<Bytes>(y, [](auto& activation, const auto& u) { activation = activation * u; }, used);
        });
        {
            // The output error from the unmasked output, whose spare slots
            // hold f(0): zeroed afterwards for the updates, while W^T delta
            // reads only the used slots, before the zeroing.
            auto& d = hana::at_c<depth - 1>(delta);
            // Every slot the same expression, as in fast::forward: a
            // target, or for a spare slot the last target again (its error
            // is zeroed below). Written as copies and zeros, the padded
            // target went through the stack, and the vector load of it
            // below waited for those stores to reach the cache (no
            // store-to-load forwarding from several stores), every sample.
            constexpr std::size_t P = fast::small_width(Net::output_size);
            constexpr std::size_t last = Net::output_size - 1;
            constexpr const auto& used = used_slots<T, P, Net::output_size>;
            std::array<T, P> target;
            for (std::size_t j = 0; j < P; ++j) target[j] = s.target[j < last ? j : last];
            output_error = hana::at_c<depth - 1>(unmasked);
            using A = typename Net::template activation<depth - 1>;
            simd::map_with<Bytes>(
                output_error, [](auto& a, const auto& t) { Net::loss::template output_error_of_vector<A>(a, t); },
                target);
            d = output_error;
            simd::map_with<Bytes>(d, [](auto& error, const auto& u) { error = error * u; }, used);
        }
        // From the output layer down: delta of the layer below (from W
        // before its update, as train_sample reads it), then the update.
        for_each_layer<Net>([&](auto step) HANAPROP_INLINE_LAMBDA {
            constexpr std::size_t L = depth - 1 - decltype(step)::value;
            constexpr std::size_t In = Net::template size<L>, Out = Net::template size<L + 1>;
            auto& w = hana::at_c<L>(work);
            const auto& a = input(hana::size_c<L>, s.input, out);
            const auto& d = hana::at_c<L>(delta);
            if constexpr (L > 0) {
                // delta^L's used slots, unmasked for the output layer.
                const auto& d_used = [&]() -> const auto& {
                    if constexpr (L == depth - 1) return output_error;
                    else return d;
                }();
                constexpr std::size_t Q = fast::small_width(In);
                std::array<T, Q> sum{};
                // The first term is stored, not added to 0, as in
                // fast::backward_and_update (0 + -0 would be +0).
                const T d0 = d_used[0];
                sum = w.rows[0];
                simd::map_with<Bytes>(sum, [d0](auto& row, const auto&) { row = row * d0; }, sum);
HANAPROP_UNROLL_SMALL
                for (std::size_t k = 1; k < Out; ++k) {
                    const T dk = d_used[k];
                    simd::map_with<Bytes>(sum, [dk](auto& sums, const auto& row) { sums = sums + row * dk; },
                                          w.rows[k]);
                }
                auto& below = hana::at_c<L - 1>(delta);
                below = sum;
                using Below = typename Net::template activation<L - 1>;
                simd::map_with<Bytes>(
                    below,
                    [](auto& sums, const auto& x) {
                        auto derivative = x;
                        Below::derivative_of_vector(derivative);
                        sums = sums * derivative;
                    },
                    a);
            }
            constexpr std::size_t P = fast::small_width(Out);
            std::array<T, P> steps = d;
            simd::map_with<Bytes>(steps, [rate](auto& delta_j, const auto&) { delta_j = rate * delta_j; }, d);
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) {
                const T x = a[i];
                simd::map_with<Bytes>(
                    w.columns[i], [x](auto& column, const auto& row_steps) { column = column - row_steps * x; }, steps);
            }
            simd::map_with<Bytes>(w.biases, [](auto& b, const auto& bias_step) { b = b - bias_step; }, steps);
            if constexpr (L > 0) {
HANAPROP_UNROLL_SMALL
                for (std::size_t k = 0; k < Out; ++k) {
                    const T row_step = steps[k];
                    simd::map_with<Bytes>(w.rows[k], [row_step](auto& row, const auto& x) { row = row - row_step * x; },
                                          a);
                }
            }
        });
    }

    for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
        constexpr std::size_t L = decltype(l)::value;
        auto& layer = net.template layer<L>();
        const auto& w = hana::at_c<L>(work);
        for (std::size_t j = 0; j < Net::template size<L + 1>; ++j) {
            for (std::size_t i = 0; i < Net::template size<L>; ++i) layer.weights[j][i] = w.columns[i][j];
            layer.biases[j] = w.biases[j];
        }
        // What train_sample leaves in ws: the last sample's values.
        const auto& y = hana::at_c<L>(out);
        const auto& d = hana::at_c<L>(delta);
        for (std::size_t j = 0; j < Net::template size<L + 1>; ++j) {
            ws.template activation<L + 1>()[j] = y[j];
            ws.template delta<L>()[j] = d[j];
        }
    });
    ws.template activation<0>() = samples.back().input;
}

// small_online_epoch_inline, for the build's flags. Never inlined: an
// epoch is long, and inlined, its working copy and its body made the
// caller too large for g++ to inline other calls into it.
template <class Net>
[[gnu::noinline]] constexpr void small_online_epoch(Net& net, workspace<Net>& ws,
                                                    std::span<const sample_for<Net>> samples,
                                                    typename Net::value_type rate) noexcept
{
    small_online_epoch_inline(net, ws, samples, rate);
}

} // namespace hanaprop::fast
