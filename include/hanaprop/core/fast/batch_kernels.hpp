// hanaprop/core/fast/batch_kernels.hpp - the mini-batch passes as matrix-matrix
// products, register-blocked so that each weight loaded from memory serves
// several samples and each input serves several neurons.
//
// Same rules as kernels.hpp: plain fixed-size loops (they vectorise in g++
// and clang without -ffast-math), constexpr, no intrinsics, no
// allocation. Every sum is formed in exactly the order of the per-sample
// kernels (the 8 partial sums of fast::dot, gradients added sample by
// sample from zero), so a mini-batch step gives the same bits as
// feedforward + backpropagate + accumulate_gradient per sample followed
// by subtract_scaled: only the order of the loops around the sums changes.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <hanaprop/core/fast/kernels.hpp>
#include <hanaprop/core/activations.hpp>

namespace hanaprop::fast {

// Tile sizes, chosen so that a tile's accumulators, its inputs and one
// weight vector fit the vector registers (16 with SSE and AVX, 32 with
// AVX-512) with enough independent FMAs to hide their latency.
// Forward: `forward_rows` neurons x `forward_samples` samples, each pair
// with fast::dot's 8 partial sums (one AVX register, two SSE ones):
// each weight loaded serves every sample of the tile, each input every row.
// Gradient: `gradient_rows` neurons x `gradient_width` inputs of sums, fed
// per sample by the input loads and one broadcast per row. The sizes were
// chosen by timing the tiles alone (docs/performance.md).
// `out_of_line`: the forward tiles are calls to fast::dot_tile (see
// there why), or inlined.
// `in_copy`: the tiles of a run-time copy (core/code_path.hpp), whose own
// out-of-line kernels a layer of a shared type then calls (fast/paths.hpp);
// false everywhere else, including code a user compiles for a wider target.
template <std::size_t VectorFloats, bool OutOfLine, bool InCopy = false>
struct batch_tiles {
    static constexpr std::size_t forward_rows = VectorFloats == 16 ? 4 : VectorFloats == 8 ? 2 : 1;
    static constexpr std::size_t forward_samples = 5;
    static constexpr std::size_t gradient_rows = VectorFloats == 16 ? 8 : VectorFloats == 8 ? 4 : 6;
    static constexpr std::size_t gradient_width = VectorFloats == 4 ? 8 : 16;
    static constexpr bool out_of_line = OutOfLine;
    // The width of the vector registers the tiles are compiled for.
    static constexpr std::size_t vector_bytes = VectorFloats * sizeof(float);
    static constexpr bool in_copy = InCopy;
};

// The tiles for the vector width the build's flags give: what
// train_minibatch uses unless told otherwise.
using build_tiles = batch_tiles<vector_floats, true>;

// The tiles for a function compiled for AVX2 + FMA by attributes,
// `[[gnu::target("avx2,fma"), gnu::flatten]]`, in a build for plain
// x86-64 (examples/advanced/fashion-mnist-avx-dispatch.cpp picks such a copy at run time):
// there __AVX__ is not defined, so build_tiles would be SSE's, and an
// out-of-line tile would be the build's SSE code, which `flatten` does not
// inline. Inlined into one flattened function, g++ keeps the tiles in
// registers (clang's flatten inlines one level only).
using avx2_flatten_tiles = batch_tiles<8, false>;

// Memory that the next step will read (the next block's samples): up to
// N blocks of `bytes` each, which forward_batch asks the cache for, a few
// lines before each of its tiles. A training set streams from DRAM (188
// MB an epoch for Fashion-MNIST), and the copy of a block of 10 samples
// (31 KB) at the start of a step waited for it, a real share of a small
// network's step. The hardware prefetchers run only a short way ahead
// of such a burst, and the block's 500 lines prefetched at once stalled
// the step that issued them, while the copy still waited. Spread over the
// tiles of the step before, the lines are in the cache when the copy
// comes. Only a hint: no result depends on it.
template <std::size_t N>
struct read_ahead {
    std::array<const void*, N> blocks{};
    std::size_t count = 0;   // blocks in use
    std::size_t bytes = 0;   // the size of each
};

// The lines of a read_ahead, handed to the cache a few at a time: the
// addresses start, start + 64, ... and the block's last byte, so that a
// block need not start on a cache line. It keeps a reference to the
// read_ahead: a local of the kernel that is given one, never longer.
template <std::size_t N>
class line_fetcher {
public:
    // All the lines over `steps` calls of fetch(); none at compile time.
    HANAPROP_INLINE_UNLESS_SIZE constexpr line_fetcher(const read_ahead<N>& ahead, std::size_t steps) noexcept
        : ahead_(ahead), lines_per_block_((ahead.bytes + line - 1) / line + 1)
    {
        if (!std::is_constant_evaluated() && ahead.bytes > 0 && steps > 0)
            per_step_ = ahead.count * lines_per_block_ / steps + 1;
    }

    HANAPROP_INLINE_UNLESS_SIZE constexpr void fetch() noexcept
    {
        for (std::size_t n = 0; n < per_step_ && block_ < ahead_.count; ++n) {
            const std::size_t offset = line_ * line < ahead_.bytes ? line_ * line : ahead_.bytes - 1;
#if defined(__GNUC__)
            __builtin_prefetch(static_cast<const char*>(ahead_.blocks[block_]) + offset);
#endif
            if (++line_ == lines_per_block_) {
                line_ = 0;
                ++block_;
            }
        }
    }

private:
    static constexpr std::size_t line = 64;
    const read_ahead<N>& ahead_;
    std::size_t lines_per_block_;
    std::size_t per_step_ = 0;
    std::size_t block_ = 0;
    std::size_t line_ = 0;
};

// out[s] = f(W *in[s] + b) for the first `count` samples of a block:
// fast::forward on each, bit for bit, with W read count / P times
// instead of count times. `ahead` is fetched into the cache meanwhile.
template <class Layer, class T, std::size_t In, std::size_t Out, std::size_t K, class Tiles = build_tiles,
          class A = activation::sigmoid>
HANAPROP_INLINE_UNLESS_SIZE constexpr void forward_batch(const Layer& layer,
                                                         const std::array<const std::array<T, In>*, K>& in,
                                                         std::array<std::array<T, Out>, K>& out, std::size_t count,
                                                         Tiles = {}, const read_ahead<K>& ahead = {}, A = {}) noexcept
{
    constexpr std::size_t forward_samples = Tiles::forward_samples;
    constexpr std::size_t R = Out >= Tiles::forward_rows ? Tiles::forward_rows : 1;
    constexpr std::size_t blocked = Out / R * R;
    line_fetcher<K> fetcher{ahead, blocked / R * ((count + forward_samples - 1) / forward_samples)};
    // Samples outside, neurons inside: the P inputs of a tile stay in L1
    // while the rows of W stream past them (from L2 for 784-100-10).
    const auto samples = [&](std::size_t s, auto width) HANAPROP_INLINE_LAMBDA {
        constexpr std::size_t P = decltype(width)::value;
        std::array<const std::array<T, In>*, P> x{};
        for (std::size_t p = 0; p < P; ++p) x[p] = in[s + p];
        for (std::size_t j0 = 0; j0 < blocked; j0 += R) {
            std::array<std::array<T, R>, P> z{};
            fetcher.fetch();
            if constexpr (Tiles::out_of_line) dot_tile<R, P>(layer, j0, x, z);
            else dot_tile_inline<R, P, Tiles::vector_bytes>(layer, j0, x, z);
            for (std::size_t p = 0; p < P; ++p)
                for (std::size_t r = 0; r < R; ++r) out[s + p][j0 + r] = z[p][r] + layer.biases[j0 + r];
        }
        if constexpr (blocked < Out)
            for (std::size_t j = blocked; j < Out; ++j)
                for (std::size_t p = 0; p < P; ++p) out[s + p][j] = dot(layer.weights[j], *x[p]) + layer.biases[j];
    };
    if (count > K) count = K;   // never true; tells g++ the loops below stay in bounds
    const std::size_t tiled = count / forward_samples * forward_samples;
    for (std::size_t s = 0; s < tiled; s += forward_samples)
        samples(s, std::integral_constant<std::size_t, forward_samples>{});
    for (std::size_t s = tiled; s < count; ++s) samples(s, std::integral_constant<std::size_t, 1>{});
    for (std::size_t s = 0; s < count; ++s) detail::activate_row<A>(out[s]);
}

// One tile of gradient_batch in vector registers: the Rn x W sums
// G[j0 + r][i0 + k] (from zero, or from `gradient`), one sample after the
// other, then either stored in `gradient` or subtracted, times `step`,
// from the layer. Returns false, having done nothing, where the scalar
// loops must do it (constant evaluation, no vector form, a tile narrower
// than 4).
template <std::size_t Rn, std::size_t W, std::size_t Bytes, class Layer, class T, std::size_t In, std::size_t Out,
          std::size_t K>
[[gnu::always_inline]] constexpr bool vector_gradient_tile(Layer& layer, Layer& gradient,
                                                           const std::array<std::array<T, Out>, K>& delta,
                                                           const std::array<const std::array<T, In>*, K>& in,
                                                           std::size_t count, std::size_t j0, std::size_t i0,
                                                           bool zero, bool step_now, T step) noexcept
{
    if constexpr (simd::available<T> && W >= 4) {
        if (std::is_constant_evaluated()) return false;
        constexpr std::size_t VW = simd::width<T, W, Bytes>;
        constexpr std::size_t G = W / VW;
        using V = simd::vector<T, VW>;
        V acc[Rn][G] = {};
        if (!zero)
HANAPROP_UNROLL_TILE
            for (std::size_t r = 0; r < Rn; ++r)
HANAPROP_UNROLL_TILE
                for (std::size_t g = 0; g < G; ++g) simd::load(acc[r][g], &gradient.weights[j0 + r][i0 + g * VW]);
        for (std::size_t s = 0; s < count; ++s) {
            V a[G];
HANAPROP_UNROLL_TILE
            for (std::size_t g = 0; g < G; ++g) {
                simd::load(a[g], &(*in[s])[i0 + g * VW]);
                keep_in_register<Bytes>(a[g]);
            }
HANAPROP_UNROLL_TILE
            for (std::size_t r = 0; r < Rn; ++r) {
                const T d = delta[s][j0 + r];
HANAPROP_UNROLL_TILE
                for (std::size_t g = 0; g < G; ++g) acc[r][g] += d * a[g];
            }
        }
HANAPROP_UNROLL_TILE
        for (std::size_t r = 0; r < Rn; ++r)
HANAPROP_UNROLL_TILE
            for (std::size_t g = 0; g < G; ++g) {
                T* const to = step_now ? &layer.weights[j0 + r][i0 + g * VW] : &gradient.weights[j0 + r][i0 + g * VW];
                if (step_now) {
                    V w;
                    simd::load(w, to);
                    w -= step * acc[r][g];
                    simd::store(to, w);
                } else {
                    simd::store(to, acc[r][g]);
                }
            }
        return true;
    } else {
        return false;
    }
}

// The gradient of a block of samples, G = sum_s delta[s] (*in[s])^T and
// g_b = sum_s delta[s], summed from `from_zero ? 0 : grads` in sample
// order. With `update`, the layer is also stepped, W -= rate * G,
// b -= rate * g_b, in the same pass (G still lands in `gradient`): the
// gradient of a whole batch never has to be read back.
template <class Layer, class T, std::size_t In, std::size_t Out, std::size_t K, class Tiles = build_tiles>
HANAPROP_INLINE_UNLESS_SIZE constexpr void gradient_batch(Layer& layer, Layer& gradient,
                                                          const std::array<std::array<T, Out>, K>& delta,
                                                          const std::array<const std::array<T, In>*, K>& in,
                                                          std::size_t count, bool from_zero, bool update, T rate,
                                                          Tiles = {}) noexcept
{
    constexpr std::size_t gradient_width = Tiles::gradient_width;
    constexpr std::size_t R = Out >= Tiles::gradient_rows ? Tiles::gradient_rows : 1;
    // `fused`, known at compile time, is the case of a batch that is one
    // block (from zero, with the update): the tile starts from zeros and
    // goes straight from the registers into the update. With the two flags
    // tested at run time, g++ zeroed the tile on the stack, loaded it,
    // and stored it again for the update: memory traffic that the
    // fused tile, whose sums never leave the registers, does without.
    const auto tile = [&](std::size_t j0, std::size_t i0, auto rows, auto width,
                          auto fused) HANAPROP_INLINE_LAMBDA {
        constexpr std::size_t Rn = decltype(rows)::value;
        constexpr std::size_t W = decltype(width)::value;
        constexpr bool known = decltype(fused)::value;
        const bool zero = known || from_zero;
        const bool step_now = known || update;
        // For g++ a local copy: `rate` read through the closure may alias
        // the weights being written, and g++ then kept the update scalar,
        // reloading the rate for every weight (when the lambda was not
        // inlined). clang vectorises either, but ran the gradient + update
        // slower with the copy, so it keeps reading `rate`.
        const T step = rate;
        if (vector_gradient_tile<Rn, W, Tiles::vector_bytes>(layer, gradient, delta, in, count, j0, i0, zero, step_now,
                                                             step))
            return;
        std::array<std::array<T, W>, Rn> acc{};
        if (!zero)
            for (std::size_t r = 0; r < Rn; ++r)
                for (std::size_t k = 0; k < W; ++k) acc[r][k] = gradient.weights[j0 + r][i0 + k];
        // The inputs come as one pointer per sample, although they are
        // contiguous: indexed as one block, g++ folded the input loads
        // into every FMA, loading each input again for every FMA that
        // uses it, and a loop with that many loads is bound by them rather
        // than by its FMAs (tests/bench/load_mix.cpp).
        for (std::size_t s = 0; s < count; ++s) {
            const auto& a = *in[s];
            if constexpr (gcc_loop_order) {
HANAPROP_UNROLL_FOR_GCC
                for (std::size_t r = 0; r < Rn; ++r) {
                    const T d = delta[s][j0 + r];
                    for (std::size_t k = 0; k < W; ++k) acc[r][k] += d * a[i0 + k];
                }
            } else {
                for (std::size_t k = 0; k < W; ++k)
                    for (std::size_t r = 0; r < Rn; ++r) acc[r][k] += delta[s][j0 + r] * a[i0 + k];
            }
        }
        // Unrolled over the rows as the sums are: as a loop, g++ stored
        // the 8 accumulators to the stack and read them back for the update.
        if (!step_now)
HANAPROP_UNROLL_FOR_GCC
            for (std::size_t r = 0; r < Rn; ++r)
                for (std::size_t k = 0; k < W; ++k) gradient.weights[j0 + r][i0 + k] = acc[r][k];
        if (step_now)
HANAPROP_UNROLL_FOR_GCC
            for (std::size_t r = 0; r < Rn; ++r)
                for (std::size_t k = 0; k < W; ++k) layer.weights[j0 + r][i0 + k] -= (gcc_loop_order ? step : rate) * acc[r][k];
    };
    const auto all_rows = [&](auto fused) HANAPROP_INLINE_LAMBDA {
        // Every lambda here is forced inline: in a run-time copy of the
        // step, g++ left a block of rows out of line (its inlining
        // limits), compiled for the build's target with the copy's tiles.
        const auto row_block = [&](std::size_t j0, auto rows) HANAPROP_INLINE_LAMBDA {
            constexpr std::size_t full = In / gradient_width * gradient_width;
            for (std::size_t i0 = 0; i0 < full; i0 += gradient_width)
                tile(j0, i0, rows, std::integral_constant<std::size_t, gradient_width>{}, fused);
            // The inputs left over in tiles of gradient_width/2, /4, ... 1, as
            // the bits of their count say (30 inputs: 16, then 8, 4, 2). One
            // tile 14 wide, g++ vectorised by pairs of floats with its
            // sums in memory.
            constexpr std::size_t left = In - full;
            [&]<std::size_t... B>(std::index_sequence<B...>) HANAPROP_INLINE_LAMBDA {
                ([&]() HANAPROP_INLINE_LAMBDA {
                    constexpr std::size_t width = gradient_width >> (B + 1);
                    if constexpr ((left & width) != 0)
                        tile(j0, full + (left & ~(2 * width - 1)), rows, std::integral_constant<std::size_t, width>{},
                             fused);
                }(), ...);
            }(std::make_index_sequence<std::bit_width(gradient_width) - 1>{});
        };
        // Bounds known at compile time: a run-time tail loop after the
        // blocked one makes g++ warn about iterations it cannot prove
        // never run.
        constexpr std::size_t blocked = Out / R * R;
        for (std::size_t j0 = 0; j0 < blocked; j0 += R) row_block(j0, std::integral_constant<std::size_t, R>{});
        if constexpr (blocked < Out) row_block(blocked, std::integral_constant<std::size_t, Out - blocked>{});
    };
    if (from_zero && update) all_rows(std::true_type{});
    else all_rows(std::false_type{});

    for (std::size_t j = 0; j < Out; ++j) {
        T sum = from_zero ? T(0) : gradient.biases[j];
        for (std::size_t s = 0; s < count; ++s) sum += delta[s][j];
        gradient.biases[j] = sum;
        if (update) layer.biases[j] -= rate * sum;
    }
}

} // namespace hanaprop::fast

// The blocked path's own memory and choices: train_minibatch's, not API.
namespace hanaprop::detail {

// The scratch memory of a mini-batch block of up to K samples: the
// activations a^1 .. a^L and the deltas of every layer, per sample. (The
// inputs a^0 are read from train_minibatch's aligned copy of them.)
// train_minibatch keeps one on the stack, with that copy.
template <class Net, std::size_t K>
struct batch_workspace {
    static constexpr std::size_t block = K;

    template <std::size_t L>
    using rows = std::array<std::array<typename Net::value_type, Net::template size<L>>, K>;

private:
    template <std::size_t... L>
    static auto outputs_of(std::index_sequence<L...>) -> boost::hana::tuple<rows<L + 1>...>;

public:
    decltype(outputs_of(std::make_index_sequence<Net::depth>{})) outputs{};   // a^(L+1), L = 0 .. depth-1
    decltype(outputs_of(std::make_index_sequence<Net::depth>{})) deltas{};    // delta of weight layer L

    template <std::size_t L>
    constexpr auto& output() noexcept { return boost::hana::at_c<L>(outputs); }
    template <std::size_t L>
    constexpr auto& delta() noexcept { return boost::hana::at_c<L>(deltas); }
};

// Samples per block in train_minibatch: Nielsen's batch of 10 is one
// block, so its gradient never leaves the registers; a larger batch is
// processed 10 samples at a time, with the gradient summed in `grads`.
inline constexpr std::size_t minibatch_block = 10;

// Networks whose layers are all narrower than 16 inputs gain nothing from
// the blocked kernels (their dot products are short serial chains), so
// train_minibatch keeps the per-sample path and its tiny stack for them.
template <class Net>
inline constexpr bool uses_batch_kernels = [] {
    bool wide = false;
    boost::hana::for_each(Net::layer_indices,
                          [&](auto l) { wide = wide || Net::template size<decltype(l)::value> >= 16; });
    return wide;
}();

} // namespace hanaprop::detail
