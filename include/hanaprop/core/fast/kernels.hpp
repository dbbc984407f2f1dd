// hanaprop/core/fast/kernels.hpp - the loops every pass is made of, written so
// that g++ and clang vectorise them with default flags (no -ffast-math)
// and so that they still run in constant expressions (no intrinsics, no
// '#pragma omp simd': clang rejects it inside a constexpr function;
// loop-unrolling pragmas are accepted by both compilers).
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/fast/hints.hpp>
#include <hanaprop/core/fast/simd.hpp>

// The tuned loops and the choice between them, in a namespace of their own
// because they are not API: they may change shape with any release. The one
// exception is the tile types (batch_kernels.hpp), which a caller may pass
// as train_minibatch's Tiles.
namespace hanaprop::fast {

// Partial sums per dot product of a wide row: one 8-float AVX register (or
// two SSE ones) per (row, sample) pair, so that a register tile of rows x
// samples fits more pairs in the 16 vector registers of x86-64.
inline constexpr std::size_t dot_width = 8;

// Tile sizes depend on the vector width the build targets (a macro test,
// not intrinsics; the sums are the same for every tile size): with AVX
// one pair's partial sums take one register, with SSE two.
#if defined(__AVX512F__)
inline constexpr std::size_t vector_floats = 16;
#elif defined(__AVX__)
inline constexpr std::size_t vector_floats = 8;
#else
inline constexpr std::size_t vector_floats = 4;
#endif

// Rows per tile in the single-sample forward pass of a wide layer, for
// vector registers of `bytes`: each input load serves that many rows
// (then one tile of half as many rows for what is left, then single rows).
constexpr std::size_t predict_rows(std::size_t bytes) noexcept { return bytes >= 32 ? 8 : 4; }

// The n values of a small layer padded to a width of 4, 8 or 16: the
// vectors its sigmoids run on (forward), and the columns of
// core/fast/small_online.hpp.
constexpr std::size_t small_width(std::size_t n) noexcept { return n <= 4 ? 4 : n <= 8 ? 8 : 16; }

// Sum of a[i] * b[i]. A single running sum is one serial chain of adds that
// no compiler may reorder without -ffast-math, so it cannot vectorise; with
// 8 independent partial sums (dot_width) it becomes one 8-wide (or two
// 4-wide) vector FMA per step, added at the end as the tree
// ((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7)). Short rows keep the
// plain chain: it is short too.
template <class T, std::size_t N>
HANAPROP_INLINE_UNLESS_SIZE constexpr T dot(const std::array<T, N>& a, const std::array<T, N>& b) noexcept
{
    if constexpr (N < 16) {
        T sum = 0;
HANAPROP_UNROLL_SMALL
        for (std::size_t i = 0; i < N; ++i) sum += a[i] * b[i];
        return sum;
    } else {
        constexpr std::size_t width = dot_width;
        std::array<T, width> partial{};
        std::size_t i = 0;
        for (; i + width <= N; i += width)
            for (std::size_t k = 0; k < width; ++k) partial[k] += a[i + k] * b[i + k];
        for (std::size_t k = 0; i + k < N; ++k) partial[k] += a[i + k] * b[i + k];
        for (std::size_t half = width / 2; half > 0; half /= 2)
            for (std::size_t k = 0; k < half; ++k) partial[k] += partial[k + half];
        return partial[0];
    }
}

// One step of dot_tile in clang's loop order: partial[r][p][k] +=
// W[j0 + r][i + k] * x[p][i + k] for the L partial sums k. A function of
// its own so that the accumulators can be a __restrict reference: clang does
// not see that the tile's local array is not the inputs, and checked for
// overlap at run time before each step. Its accumulators stay in memory
// (loaded, updated and stored once per step), which bounds clang's tiles
// well under g++'s. Tried and slower: g++'s loop order (scalar), and all
// loops unrolled (accumulators in registers, but the SLP vectoriser packed
// partial sums of different samples together and gathered the inputs).
template <std::size_t R, std::size_t P, std::size_t L, class Layer, class T, std::size_t In>
constexpr void tile_step(std::array<std::array<std::array<T, L>, P>, R>& __restrict partial, const Layer& layer,
                         std::size_t j0, const std::array<const std::array<T, In>*, P>& x, std::size_t i) noexcept
{
HANAPROP_VECTORIZE_FOR_CLANG
    for (std::size_t k = 0; k < L; ++k)
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t p = 0; p < P; ++p)
                partial[r][p][k] += layer.weights[j0 + r][i + k] * (*x[p])[i + k];
}

// Makes g++ hold v in a register: in a build for AVX or AVX2, it folded
// each input load of a tile into every FMA that used the input, so the
// tile loaded each input once per row and waited on the load ports
// (HANAPROP_SCHEDULE_FOR_GCC does not stop it there); tuned for Zen 3
// (-march=native there), it also spilled a gradient tile's inputs to the
// stack and read them back for every FMA. Not in an SSE build,
// whose scheduling that attribute fixes and which this made slower, nor
// in a copy for a wider target (Bytes above the build's), also slower.
template <std::size_t Bytes, class V>
[[gnu::always_inline]] inline void keep_in_register([[maybe_unused]] V& v) noexcept
{
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
    if constexpr (Bytes == simd::register_bytes && Bytes == 32) asm("" : "+x"(v));
#endif
}

// The full blocks of 8 of a tile's sums, partial[r][p][k] += W[j0 + r][i + k]
// * x[p][i + k], in vector registers: one vector accumulator per (row,
// sample) pair, each input vector loaded once for all the rows. Returns
// false, having done nothing, where the scalar loops must do it (constant
// evaluation, a value type with no vector form).
template <std::size_t R, std::size_t P, std::size_t Bytes, class Layer, class T, std::size_t In, std::size_t L>
[[gnu::always_inline]] constexpr bool vector_tile(std::array<std::array<std::array<T, L>, P>, R>& partial,
                                                  const Layer& layer, std::size_t j0,
                                                  const std::array<const std::array<T, In>*, P>& x) noexcept
{
    if constexpr (simd::available<T>) {
        if (std::is_constant_evaluated()) return false;
        constexpr std::size_t W = simd::width<T, L, Bytes>;
        constexpr std::size_t G = L / W;   // vectors per pair's L sums
        using V = simd::vector<T, W>;
        V acc[R][P][G] = {};
        for (std::size_t i = 0; i + L <= In; i += L) {
HANAPROP_UNROLL_TILE
            for (std::size_t g = 0; g < G; ++g) {
                V in[P];
HANAPROP_UNROLL_TILE
                for (std::size_t p = 0; p < P; ++p) {
                    simd::load(in[p], &(*x[p])[i + g * W]);
                    keep_in_register<Bytes>(in[p]);
                }
HANAPROP_UNROLL_TILE
                for (std::size_t r = 0; r < R; ++r) {
                    V w;
                    simd::load(w, &layer.weights[j0 + r][i + g * W]);
HANAPROP_UNROLL_TILE
                    for (std::size_t p = 0; p < P; ++p) acc[r][p][g] += w * in[p];
                }
            }
        }
HANAPROP_UNROLL_TILE
        for (std::size_t r = 0; r < R; ++r)
HANAPROP_UNROLL_TILE
            for (std::size_t p = 0; p < P; ++p)
HANAPROP_UNROLL_TILE
                for (std::size_t g = 0; g < G; ++g) simd::store(partial[r][p].data() + g * W, acc[r][p][g]);
        return true;
    } else {
        return false;
    }
}

// out[p][r] = dot(W[j0 + r], *x[p]) for R rows and P samples, with the
// arithmetic of fast::dot for each pair. Callers use dot_tile, below.
// Always inlined: inlined late into dot_tile by g++'s inliner (after
// the loop unrolling that its pragmas ask for), the tile kept its
// accumulators on the stack instead of in registers.
template <std::size_t R, std::size_t P, std::size_t Bytes = simd::register_bytes, class Layer, class T, std::size_t In>
[[gnu::always_inline]] constexpr void dot_tile_inline(const Layer& layer, std::size_t j0, const std::array<const std::array<T, In>*, P>& x,
                               std::array<std::array<T, R>, P>& out) noexcept
{
    if constexpr (In < 16) {
        for (std::size_t p = 0; p < P; ++p)
            for (std::size_t r = 0; r < R; ++r) out[p][r] = dot(layer.weights[j0 + r], *x[p]);
    } else {
        constexpr std::size_t width = dot_width;
        std::array<std::array<std::array<T, width>, P>, R> partial{};
        constexpr std::size_t full = In / width * width;
        if (!vector_tile<R, P, Bytes>(partial, layer, j0, x)) {
            for (std::size_t i = 0; i < full; i += width) {
                if constexpr (gcc_loop_order) {
HANAPROP_UNROLL_FOR_GCC
                    for (std::size_t r = 0; r < R; ++r)
HANAPROP_UNROLL_FOR_GCC
                        for (std::size_t p = 0; p < P; ++p)
                            for (std::size_t k = 0; k < width; ++k)
                                partial[r][p][k] += layer.weights[j0 + r][i + k] * (*x[p])[i + k];
                } else {
                    tile_step<R, P, width>(partial, layer, j0, x, i);
                }
            }
        }
        if constexpr (full < In)
            for (std::size_t r = 0; r < R; ++r)
                for (std::size_t p = 0; p < P; ++p)
                    for (std::size_t k = 0; k < In - full; ++k)
                        partial[r][p][k] += layer.weights[j0 + r][full + k] * (*x[p])[full + k];
        // fast::dot's tree of additions, written out with constant
        // indices (with in-place updates of a copy, both compilers took
        // the tree through memory, a real share of even a wide tile).
        static_assert(width == 8);
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t p = 0; p < P; ++p) {
                const std::array<T, width>& s = partial[r][p];
                const T t0 = s[0] + s[4], t1 = s[1] + s[5], t2 = s[2] + s[6], t3 = s[3] + s[7];
                out[p][r] = (t0 + t2) + (t1 + t3);
            }
    }
}

// dot_tile_inline, never inlined: inlined into a large caller (a benchmark
// loop around predict), g++ stopped unrolling the tile's rows and kept
// its accumulators on the stack; out of line, the loop is the same
// wherever it is called from, and the call is nothing next to
// a tile's hundreds of FMAs, and g++ can be told how to schedule it
// (HANAPROP_SCHEDULE_FOR_GCC). (An out-of-line function is compiled for
// the build's flags only: see batch_tiles for code that has its own.)
template <std::size_t R, std::size_t P, class Layer, class T, std::size_t In>
[[gnu::noinline HANAPROP_SCHEDULE_FOR_GCC]] constexpr void dot_tile(const Layer& layer, std::size_t j0,
                                                                    const std::array<const std::array<T, In>*, P>& x,
                                                                    std::array<std::array<T, R>, P>& out) noexcept
{
    dot_tile_inline<R, P>(layer, j0, x, out);
}

// forward (below) for a layer narrower than 16 both ways, of float or
// double values, at run time. `Bytes` as for forward_wide: the caller's
// registers, wider than the build's in a run-time copy.
template <std::size_t Bytes, class A, class Layer, class T, std::size_t In, std::size_t Out>
HANAPROP_INLINE_UNLESS_SIZE inline void forward_small(const Layer& layer, const std::array<T, In>& in,
                                                      std::array<T, Out>& out) noexcept
{
    // The sigmoids of a small layer run on a vector of 4, 8 or 16
    // values, so 5 outputs cost one vector exp, not 5 scalar ones. The
    // sums are vectors too: per input, a column of W times the input,
    // the spare slots repeating the last row. Each lane is dot()'s
    // chain in dot()'s order plus the bias, so each result is the
    // scalar formula's (tests/unit/test_predict.cpp). Written as
    // vectors because the vectorisers differ: g++ -O2 built these
    // columns from the scalar loop by itself, clang built four rows
    // and left the rest scalar, with shuffles between them.
    constexpr std::size_t width = small_width(Out);
    std::array<T, width> z;
    if constexpr (simd::available<T>) {
        constexpr std::size_t lanes = simd::width<T, width>;
        using V = simd::vector<T, lanes>;
        // v = value(row) of rows g * lanes to g * lanes + lanes - 1.
        const auto gather = [&](V& v, std::size_t g, auto value) HANAPROP_INLINE_LAMBDA {
            [&]<std::size_t... K>(std::index_sequence<K...>) HANAPROP_INLINE_LAMBDA {
                v = V{value(g * lanes + K < Out ? g * lanes + K : Out - 1)...};
            }(std::make_index_sequence<lanes>{});
        };
        // sum += the same rows of W times in, column by column.
        const auto add_products = [&](V& sum, std::size_t g) HANAPROP_INLINE_LAMBDA {
            if constexpr (Bytes != simd::register_bytes && lanes == 4 && In >= 4) {
                if (g * lanes + 1 < Out) {
                    // In a run-time copy, called once per inference, the
                    // columns are built anew at every call, and are cheaper
                    // from 4 x 4 blocks of rows: a row's 4 values are one
                    // load, a column's 4 loads and 3 inserts. (The build's
                    // own code, inlined into a caller's loop, keeps the
                    // gathered columns in registers from call to call,
                    // which the compilers did not do with the blocks.) The
                    // last block overlaps the one before where In is not
                    // a multiple of 4, and skips the columns done already.
HANAPROP_UNROLL_SMALL
                    for (std::size_t b = 0; b < (In + 3) / 4; ++b) {
                        const std::size_t i0 = b * 4 + 4 <= In ? b * 4 : In - 4;
                        V column[4];
HANAPROP_UNROLL_SMALL
                        for (std::size_t k = 0; k < 4; ++k)
                            simd::load(column[k], &layer.weights[g * lanes + k < Out ? g * lanes + k : Out - 1][i0]);
                        simd::transpose_4x4(column[0], column[1], column[2], column[3]);
HANAPROP_UNROLL_SMALL
                        for (std::size_t k = b * 4 - i0; k < 4; ++k) sum += column[k] * in[i0 + k];
                    }
                    return;
                }
            }
            V term;
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) {
                gather(term, g, [&](std::size_t row) { return layer.weights[row][i]; });
                sum += term * in[i];
            }
        };
HANAPROP_UNROLL_SMALL
        for (std::size_t g = 0; g < width / lanes; ++g) {
            V sum{}, bias;
            add_products(sum, g);
            gather(bias, g, [&](std::size_t row) { return layer.biases[row]; });
            sum += bias;
            simd::store(z.data() + g * lanes, sum);
        }
    } else {
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < width; ++j) {
            const std::size_t row = j < Out ? j : Out - 1;
            z[j] = dot(layer.weights[row], in) + layer.biases[row];
        }
    }
    if constexpr (A::elementwise) detail::activate_vector<A>(z);
HANAPROP_UNROLL_SMALL
    for (std::size_t j = 0; j < Out; ++j) out[j] = z[j];
    if constexpr (!A::elementwise) A::row(out);
}

// forward (below) for a wider layer. `Bytes`: the width of the vector
// registers, wider than the build's in a copy compiled for AVX2 or AVX-512
// (core/code_path.hpp), which inlines the wide tiles: the out-of-line one
// is the build's code. Always inlined, with its blocks of rows: g++ kept it
// out of line in predict's copy once the sigmoids were inlined into it,
// and ran it on the build's SSE2 code.
template <std::size_t Bytes, class A, class Layer, class T, std::size_t In, std::size_t Out>
HANAPROP_INLINE_UNLESS_SIZE constexpr void forward_wide(const Layer& layer, const std::array<T, In>& in,
                                                        std::array<T, Out>& out) noexcept
{
    if constexpr (In < 16 || Out < predict_rows(Bytes)) {
        for (std::size_t j = 0; j < Out; ++j) out[j] = dot(layer.weights[j], in) + layer.biases[j];
        detail::activate_each<A>(out);
    } else {
        // Wide layers: predict_rows dot products at a time (dot_tile), so
        // that 8 vector accumulators hide the FMA latency that one dot's
        // single chain cannot, and each input load serves 8 rows; the rows
        // left over go 4 (2, 1) at a time. Each sum is still fast::dot's,
        // bit for bit.
        const std::array<const std::array<T, In>*, 1> x{&in};
        const auto rows = [&](std::size_t j0, auto count) HANAPROP_INLINE_LAMBDA {
            constexpr std::size_t R = decltype(count)::value;
            std::array<std::array<T, R>, 1> z{};
            if constexpr (Bytes == simd::register_bytes) dot_tile<R, 1>(layer, j0, x, z);
            else dot_tile_inline<R, 1, Bytes>(layer, j0, x, z);
            for (std::size_t r = 0; r < R; ++r) out[j0 + r] = z[0][r] + layer.biases[j0 + r];
        };
        constexpr std::size_t R = predict_rows(Bytes);
        constexpr std::size_t blocked = Out / R * R;
        for (std::size_t j0 = 0; j0 < blocked; j0 += R) rows(j0, std::integral_constant<std::size_t, R>{});
        constexpr std::size_t half = blocked + (Out - blocked) / (R / 2) * (R / 2);
        if constexpr (half > blocked) rows(blocked, std::integral_constant<std::size_t, R / 2>{});
        constexpr std::size_t quarter = half + (Out - half) / (R / 4) * (R / 4);
        if constexpr (R / 4 > 1 && quarter > half) rows(half, std::integral_constant<std::size_t, R / 4>{});
        for (std::size_t j = (R / 4 > 1 ? quarter : half); j < Out; ++j)
            out[j] = dot(layer.weights[j], in) + layer.biases[j];
        detail::activate_row<A>(out);
    }
}

// out = f(W in + b) for the activation A. The activations run in a loop
// of their own, after the products, so that they vectorise as well.
// Always inlined with the small layers' path (outside builds for size on
// targets without vector registers): in a file with more code around it,
// clang kept the 7-5 layer's forward out of line, and each call then
// gathered the columns of W again instead of once, outside the caller's
// loop.
template <std::size_t Bytes = simd::register_bytes, class Layer, class T, std::size_t In, std::size_t Out,
          class A = activation::sigmoid>
HANAPROP_INLINE_UNLESS_SIZE constexpr void forward(const Layer& layer, const std::array<T, In>& in,
                                                   std::array<T, Out>& out, A = {}) noexcept
{
    if constexpr (In < 16 && Out < 16) {
        if (plain_loops_for_size || !std::is_floating_point_v<T> || std::is_constant_evaluated()) {
            // At compile time spare slots are pure cost: compile-time
            // training (XOR with clang's default step budget) must not pay
            // for them; in a build for size, neither must the flash; and
            // a value that is a vector already (lanes<float, 8>, fixed
            // point) gains nothing from them. Same results either way.
            if constexpr (A::elementwise) {
                for (std::size_t j = 0; j < Out; ++j) out[j] = A::value(dot(layer.weights[j], in) + layer.biases[j]);
            } else {
                for (std::size_t j = 0; j < Out; ++j) out[j] = dot(layer.weights[j], in) + layer.biases[j];
                A::row(out);
            }
            return;
        }
        forward_small<Bytes, A>(layer, in, out);
    } else {
        forward_wide<Bytes, A>(layer, in, out);
    }
}

// sum[k] += W[j][i0 + k] * delta[j] for the L sums k, row 0 first, in
// vector registers: backward_delta's loop, which g++ -O2 vectorised but
// -O3 unrolled into scalar multiply-adds before its vectoriser saw it.
// Returns false, having done nothing, where the scalar loop must do it
// (as vector_tile). `Bytes` as for forward.
template <std::size_t Bytes, class Layer, class T, std::size_t L, std::size_t Out>
[[gnu::always_inline]] constexpr bool vector_column_sums(std::array<T, L>& sum, const Layer& layer,
                                                         const std::array<T, Out>& delta, std::size_t i0) noexcept
{
    if constexpr (simd::available<T>) {
        if (std::is_constant_evaluated()) return false;
        constexpr std::size_t W = simd::width<T, L, Bytes>;
        using V = simd::vector<T, W>;
        V acc[L / W] = {};
HANAPROP_UNROLL_FOR_GCC
        for (std::size_t j = 0; j < Out; ++j)
HANAPROP_UNROLL_TILE
            for (std::size_t g = 0; g < L / W; ++g) {
                V w;
                simd::load(w, &layer.weights[j][i0 + g * W]);
                acc[g] += w * delta[j];
            }
HANAPROP_UNROLL_TILE
        for (std::size_t g = 0; g < L / W; ++g) simd::store(sum.data() + g * W, acc[g]);
        return true;
    } else {
        return false;
    }
}

// delta_in = (W^T delta) (.) f'(z_in), f being Below, the activation of
// the layer below, whose outputs are activation_in. W^T delta is
// accumulated row by row (an axpy per neuron), so the inner loop runs
// along a row of W: no reduction, no strided access.
template <std::size_t Bytes = simd::register_bytes, class Layer, class T, std::size_t In, std::size_t Out,
          class Below = activation::sigmoid>
HANAPROP_INLINE_UNLESS_SIZE constexpr void backward_delta(const Layer& layer, const std::array<T, Out>& delta,
                                                          const std::array<T, In>& activation_in,
                                                          std::array<T, In>& delta_in, Below = {}) noexcept
{
    if constexpr (gcc_loop_order && In >= 16) {
        // g++ -O2 left the loops below scalar for In = 30 (its cheap cost
        // model refuses a loop whose trip count is not a multiple of the
        // vector width), one scalar multiply-add after the other for
        // 784-30-10's hidden layer. Blocks of 8 sums, each held in
        // registers while all the rows go by, are vector FMAs; the sums
        // are formed in the same order, row 0 first.
        constexpr std::size_t width = 8;
        constexpr std::size_t full = In / width * width;
        for (std::size_t i0 = 0; i0 < full; i0 += width) {
            std::array<T, width> sum{};
            if (!vector_column_sums<Bytes>(sum, layer, delta, i0)) {
HANAPROP_UNROLL_FOR_GCC
                for (std::size_t j = 0; j < Out; ++j)
                    for (std::size_t k = 0; k < width; ++k) sum[k] += layer.weights[j][i0 + k] * delta[j];
            }
            for (std::size_t k = 0; k < width; ++k)
                delta_in[i0 + k] = sum[k] * Below::derivative_from_output(activation_in[i0 + k]);
        }
        for (std::size_t i = full; i < In; ++i) {
            T sum = 0;
            for (std::size_t j = 0; j < Out; ++j) sum += layer.weights[j][i] * delta[j];
            delta_in[i] = sum * Below::derivative_from_output(activation_in[i]);
        }
    } else {
        // Summed in a local array: written straight into delta_in, which
        // may alias W as far as the compiler knows, the loop stays scalar.
        std::array<T, In> sum{};
        for (std::size_t j = 0; j < Out; ++j)
            for (std::size_t i = 0; i < In; ++i) sum[i] += layer.weights[j][i] * delta[j];
        for (std::size_t i = 0; i < In; ++i) delta_in[i] = sum[i] * Below::derivative_from_output(activation_in[i]);
    }
}

// gradient += delta (activation_in)^T, and the bias gradient += delta.
template <class Layer, class T, std::size_t In, std::size_t Out>
constexpr void accumulate_gradient(Layer& gradient, const std::array<T, Out>& delta,
                                   const std::array<T, In>& activation_in) noexcept
{
    for (std::size_t j = 0; j < Out; ++j) {
        for (std::size_t i = 0; i < In; ++i) gradient.weights[j][i] += delta[j] * activation_in[i];
        gradient.biases[j] += delta[j];
    }
}

// parameters -= rate * gradient.
template <class Layer, class T>
HANAPROP_INLINE_UNLESS_SIZE constexpr void subtract_scaled(Layer& layer, const Layer& gradient, T rate) noexcept
{
    for (std::size_t j = 0; j < Layer::outputs; ++j) {
        for (std::size_t i = 0; i < Layer::inputs; ++i) layer.weights[j][i] -= rate * gradient.weights[j][i];
        layer.biases[j] -= rate * gradient.biases[j];
    }
}

// row[i] -= step * a[i]. For g++, in blocks of 16 and a tail loop: every
// loop then has a trip count known at compile time and a multiple of the
// vector width, which g++ -O2's cheap vectoriser cost model requires.
// clang vectorises the plain loop, and runs the blocked one slower, so it
// keeps the plain one. `a` must not alias the row: callers pass a
// local copy, so no run-time overlap check is needed either.
template <class T, std::size_t N>
constexpr void subtract_scaled_row(std::array<T, N>& row, T step, const std::array<T, N>& a) noexcept
{
    constexpr std::size_t width = gcc_loop_order ? 16 : 1;
    constexpr std::size_t full = N / width * width;
    for (std::size_t i = 0; i < full; i += width)
        for (std::size_t k = 0; k < width; ++k) row[i + k] -= step * a[i + k];
    for (std::size_t i = full; i < N; ++i) row[i] -= step * a[i];
}

// sum[i] += row[i] * d, then row[i] -= step * a[i]: the fused pass of
// backward_and_update, blocked like subtract_scaled_row.
template <class T, std::size_t N>
constexpr void accumulate_and_subtract_row(std::array<T, N>& sum, std::array<T, N>& row, T d, T step,
                                           const std::array<T, N>& a) noexcept
{
    constexpr std::size_t width = gcc_loop_order ? 16 : 1;
    constexpr std::size_t full = N / width * width;
    for (std::size_t i = 0; i < full; i += width)
        for (std::size_t k = 0; k < width; ++k) {
            sum[i + k] += row[i + k] * d;
            row[i + k] -= step * a[i + k];
        }
    for (std::size_t i = full; i < N; ++i) {
        sum[i] += row[i] * d;
        row[i] -= step * a[i];
    }
}

// parameters -= rate delta (activation_in)^T: the online SGD step of the
// first layer, which has no layer below to pass an error to.
template <class Layer, class T, std::size_t In, std::size_t Out>
constexpr void update(Layer& layer, const std::array<T, Out>& delta, const std::array<T, In>& activation_in,
                      T rate) noexcept
{
    if constexpr (In < 16 && Out < 16) {
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) layer.weights[j][i] -= step * activation_in[i];
            layer.biases[j] -= step;
        }
    } else {
        // A local copy of the activations cannot alias the weights, so the
        // compiler needs no run-time overlap check (g++ -O2 refuses those).
        const std::array<T, In> a = activation_in;
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            subtract_scaled_row(layer.weights[j], step, a);
            layer.biases[j] -= step;
        }
    }
}

// The online SGD step of a hidden or output layer, fused: the pass over W
// that computes W^T delta for the layer below also applies the update.
// Each weight is read before it is changed, so the result equals
// backward_delta followed by update, bit for bit, with W loaded once.
template <class Layer, class T, std::size_t In, std::size_t Out, class Below = activation::sigmoid>
constexpr void backward_and_update(Layer& layer, const std::array<T, Out>& delta,
                                   const std::array<T, In>& activation_in, std::array<T, In>& delta_in,
                                   T rate, Below = {}) noexcept
{
    if constexpr (In < 16 && Out < 16) {
        // The same operations, unrolled (see HANAPROP_UNROLL_SMALL).
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            auto& row = layer.weights[j];
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) {
                // The first term is stored, not added to a zeroed array:
                // a zeroing memset of lane packs is split into 16-byte
                // stores that a 32-byte load cannot forward from.
                if (j == 0) delta_in[i] = row[i] * delta[j];
                else delta_in[i] += row[i] * delta[j];
                row[i] -= step * activation_in[i];
            }
            layer.biases[j] -= step;
        }
HANAPROP_UNROLL_SMALL
        for (std::size_t i = 0; i < In; ++i) delta_in[i] *= Below::derivative_from_output(activation_in[i]);
    } else {
        std::array<T, In> sum{};   // local: see backward_delta
        const std::array<T, In> a = activation_in;   // local: see update
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            accumulate_and_subtract_row(sum, layer.weights[j], delta[j], step, a);
            layer.biases[j] -= step;
        }
        for (std::size_t i = 0; i < In; ++i) delta_in[i] = sum[i] * Below::derivative_from_output(activation_in[i]);
    }
}

} // namespace hanaprop::fast
