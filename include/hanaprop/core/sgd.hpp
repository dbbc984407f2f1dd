// hanaprop/core/sgd.hpp - stochastic gradient descent on the network's cost.
//   online:     after every sample, W -= rate dC/dW (the classic tutorial);
//   mini-batch: after m samples, W -= rate/m sum_x dC_x/dW (Nielsen's
//               network.py).
// Everything is constexpr: the same calls train a network at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/backprop.hpp>
#include <hanaprop/core/batch_size.hpp>
#include <hanaprop/core/code_path.hpp>
#include <hanaprop/core/fast/batch_kernels.hpp>
#include <hanaprop/core/fast/kernels.hpp>
#include <hanaprop/core/fast/paths.hpp>
#include <hanaprop/core/fast/small_online.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/shape_checks.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop {

namespace detail {

// The step of train_sample, for inputs and targets that fit. Always
// inlined: train_online_epoch runs it on a local copy of the workspace, which
// stays in registers only if the step is inlined into the loop (a call
// takes the local's address).
template <class Net, class U, std::size_t N, class V, std::size_t M>
[[gnu::always_inline]] constexpr void online_step(Net& net, workspace<Net>& ws, const std::array<U, N>& input,
                                                  const std::array<V, M>& target,
                                                  typename Net::value_type rate) noexcept
{
    feedforward(net, ws, input);
    output_error(ws, target);
    boost::hana::for_each(Net::layer_indices, [&](auto step) {
        constexpr std::size_t L = Net::depth - 1 - decltype(step)::value;   // depth-1 .. 0
        if constexpr (L > 0)
            fast::call_layer_kernel<Net, L>(fast::backward_and_update_kernel{}, net.template layer<L>(),
                                            ws.template delta<L>(), ws.template activation<L>(),
                                            ws.template delta<L - 1>(), rate,
                                            typename Net::template activation<L - 1>{});
        else
            fast::call_layer_kernel<Net, 0>(fast::update_kernel{}, net.template layer<0>(), ws.template delta<0>(),
                                            ws.template activation<0>(), rate);
    });
}

} // namespace detail

// One online SGD step on one sample. Equal to feedforward, backpropagate
// and W -= rate dC/dW, but each layer's W^T delta and its update share one
// pass over the weights (fast::backward_and_update).
template <class Net, class U, std::size_t N, class V, std::size_t M>
constexpr void train_sample(Net& net, workspace<Net>& ws, const std::array<U, N>& input,
                            const std::array<V, M>& target, typename Net::value_type rate) noexcept
{
    // One mistake, one error: the target is checked once the input fits.
    if constexpr (!input_for<std::array<U, N>, Net>) {
        detail::check_input<Net, U, N>();
    } else if constexpr (!target_for<std::array<V, M>, Net>) {
        detail::check_target<Net, V, M>();
    } else {
        detail::online_step(net, ws, input, target, rate);
    }
}

template <class Net>
constexpr void train_sample(Net& net, workspace<Net>& ws, const sample_for<Net>& s,
                            typename Net::value_type rate) noexcept
{
    train_sample(net, ws, s.input, s.target, rate);
}

// A sample of another network's shape: the checks of the overload above
// say which part does not fit.
template <class Net, class U, std::size_t In, std::size_t Out>
    requires(!std::is_same_v<sample<U, In, Out>, sample_for<Net>>)
constexpr void train_sample(Net& net, workspace<Net>& ws, const sample<U, In, Out>& s,
                            typename Net::value_type rate) noexcept
{
    train_sample(net, ws, s.input, s.target, rate);
}

// An input or a target that is not a std::array (a std::vector?): one
// error that names it, instead of "no matching function" and candidates.
template <class Net, class Input, class Target>
    requires(!detail::is_std_array_v<Input> || !detail::is_std_array_v<Target>)
constexpr void train_sample(Net&, workspace<Net>&, const Input&, const Target&, typename Net::value_type) noexcept
{
    detail::check_sample_arguments<Net, Input, Target>();
}

// The workspace of another network (core/shape_checks.hpp, check_scratch).
template <class Net, class W, class... Rest>
    requires(!detail::scratch_fits<Net, W>)
constexpr void train_sample(Net&, const workspace<W>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W>();
}

// One epoch of online SGD over the samples in the order given (shuffle
// them first for the textbook's "stochastic"). `path` chooses the
// compiled copy of a small network's epoch (core/code_path.hpp): by
// default the widest one this CPU runs.
template <class Net>
constexpr void train_online_epoch(Net& net, workspace<Net>& ws, std::span<const sample_for<Net>> samples,
                                  typename Net::value_type rate,
                                  [[maybe_unused]] code_path path = code_path::automatic) noexcept
{
    if constexpr (fast::small_online_epoch_fits<Net>) {
        // The whole epoch on weights stored by columns (core/fast/small_online.hpp),
        // the same result. Not at compile time: the copies would only cost
        // constant-evaluation steps.
        if (!std::is_constant_evaluated()) {
#if HANAPROP_RUNTIME_DISPATCH
            if constexpr (detail::has_avx2_copy<Net>)
                if (detail::takes_avx2_copy(path)) {
                    auto copy = [&](auto tiles) {
                        fast::small_online_epoch_inline<Net, decltype(tiles)::vector_bytes>(net, ws, samples, rate);
                    };
                    detail::compiled_copy<32>::run(copy);
                    return;
                }
#endif
            fast::small_online_epoch(net, ws, samples, rate);
            return;
        }
    }
    if constexpr (fast::small_network<Net> && !fast::plain_loops_for_size) {
        // The epoch runs on a local copy of the scratch memory: a local
        // whose address never escapes cannot alias the weights, so the
        // compiler keeps activations and deltas in registers instead of
        // storing them and loading them again around each weight update.
        // Small networks only: a wide network's workspace lives in memory
        // either way. A
        // build for size skips the copy, which would double the
        // workspace's stack.
        workspace<Net> local = ws;
        for (const auto& s : samples) detail::online_step(net, local, s.input, s.target, rate);
        ws = local;
    } else {
        for (const auto& s : samples) train_sample(net, ws, s.input, s.target, rate);
    }
}

// A data set whose samples do not fit Net: one error naming the mismatch
// (core/shape_checks.hpp) instead of "no matching function".
template <class Net, class Data>
    requires(!data_set_for<Data, Net>)
constexpr void train_online_epoch(Net&, workspace<Net>&, const Data&, typename Net::value_type, code_path = code_path::automatic) noexcept
{
    detail::check_data_set<Net, Data>();
}

template <class Net, class W, class... Rest>
    requires(!detail::scratch_fits<Net, W>)
constexpr void train_online_epoch(Net&, const workspace<W>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W>();
}

// One mini-batch step: the gradient summed over the batch, then
// W -= (rate / m) * gradient. `grads` is scratch memory the caller owns;
// afterwards `ws` holds the last sample's activations and deltas, as if
// the samples had gone through feedforward, backpropagate and
// accumulate_gradient one by one.
//
// Wide networks run blocks of up to minibatch_block samples through the
// register-blocked kernels of batch_kernels.hpp (same sums, same order,
// same bits). When the whole batch is one block, the gradient goes from
// the registers straight into the update, in one pass over the weights,
// and `grads` is not written (for 784-100-10 that saves a 318 KB stream
// that would push W out of a 512 KB L2); a larger batch sums its
// gradient in `grads`, which then holds it, as does the per-sample path
// of networks narrower than 16.
//
// `path` chooses the compiled copy (core/code_path.hpp): by default the
// widest one this CPU runs. Passing a fast::batch_tiles value instead
// runs the build's own code with that blocking (code compiled for AVX2 by
// attributes passes avx2_flatten_tiles); tile sizes never change the
// bits. Copies for different targets can differ in the last bits, where
// one contracts a multiply and an add into an FMA and the other cannot.
// `next`, the samples the next call will train on (up to minibatch_block
// of them), is a hint: while this step computes, the cache is asked for
// them (and for the next block of this batch), so that the next step does
// not wait for the memory (fast::read_ahead). The results do not
// depend on it. minibatch_step_inline, its loops over the layers
// (fast::for_each_layer rather than hana::for_each) and their bodies are
// forced inline, as everything a run-time copy runs is
// (core/code_path.hpp); minibatch_step below is the build's.
namespace detail {

template <class Net, class Tiles>
HANAPROP_INLINE_UNLESS_SIZE constexpr void
minibatch_step_inline(Net& net, workspace<Net>& ws, gradients<Net>& grads, std::span<const sample_for<Net>> batch,
                      typename Net::value_type rate, [[maybe_unused]] Tiles tiles,
                      [[maybe_unused]] std::span<const sample_for<Net>* const> next) noexcept
{
    using T = typename Net::value_type;
    if (batch.empty()) return;
    const auto step = rate / static_cast<T>(batch.size());
    if constexpr (!detail::uses_batch_kernels<Net>) {
        grads = gradients<Net>{};
        for (const auto& s : batch) {
            feedforward(net, ws, s.input);
            backpropagate(net, ws, s.target);
            accumulate_gradient(ws, grads);
        }
        fast::for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
            constexpr std::size_t L = decltype(l)::value;
            fast::call_layer_kernel<Net, L>(fast::subtract_scaled_kernel{}, net.template layer<L>(),
                                              grads.template layer<L>(), step);
        });
    } else {
        constexpr std::size_t K = detail::minibatch_block;
        constexpr std::size_t depth = Net::depth;
        detail::batch_workspace<Net, K> block{};
        // The block's inputs, copied to 64-byte-aligned memory: a sample's
        // input sits wherever the caller's array puts it (3,176 bytes
        // apart for 784-10 samples), and an unaligned 32-byte load that
        // crosses a cache line costs two; the copy (31 KB for 784 inputs)
        // costs less than those split loads.
        alignas(64) std::array<typename Net::input_type, K> inputs0;
        const bool single = batch.size() <= K;
        std::size_t count = 0;
        for (std::size_t first = 0; first < batch.size(); first += K) {
            count = batch.size() - first < K ? batch.size() - first : K;
            for (std::size_t s = 0; s < count; ++s) inputs0[s] = batch[first + s].input;
            // The input of layer L for sample s: the copy of the sample's
            // input for L = 0.
            const auto inputs = [&](auto l) HANAPROP_INLINE_LAMBDA {
                constexpr std::size_t L = decltype(l)::value;
                std::array<const std::array<T, Net::template size<L>>*, K> in{};
                for (std::size_t s = 0; s < count; ++s) {
                    if constexpr (L == 0) in[s] = &inputs0[s];
                    else in[s] = &block.template output<L - 1>()[s];
                }
                return in;
            };
            // What the next block reads: the rest of this batch, or `next`.
            fast::read_ahead<K> ahead{};
            if (!std::is_constant_evaluated()) {
                ahead.bytes = sizeof(sample_for<Net>);
                if (first + K < batch.size())
                    for (std::size_t s = first + K; s < batch.size() && ahead.count < K; ++s)
                        ahead.blocks[ahead.count++] = &batch[s];
                else
                    for (std::size_t s = 0; s < next.size() && ahead.count < K; ++s)
                        ahead.blocks[ahead.count++] = next[s];
            }
            fast::for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
                constexpr std::size_t L = decltype(l)::value;
                // The first layer's tiles are the longest run of the step.
                const fast::read_ahead<K> none{};
                fast::call_layer_kernel<Net, L, Tiles>(
                    fast::forward_batch_kernel{}, net.template layer<L>(), inputs(l), block.template output<L>(),
                    count, tiles, L == 0 ? ahead : none, typename Net::template activation<L>{});
            });
            for (std::size_t s = 0; s < count; ++s) {
                const auto& out = block.template output<depth - 1>()[s];
                const auto& target = batch[first + s].target;
                for (std::size_t j = 0; j < Net::output_size; ++j)
                    block.template delta<depth - 1>()[s][j] =
                        Net::loss::template output_error<typename Net::template activation<depth - 1>, T>(out[j],
                                                                                                        target[j]);
            }
            // All deltas first: they need the weights before the update.
            fast::for_each_layer<Net>([&](auto back) HANAPROP_INLINE_LAMBDA {
                constexpr std::size_t L = depth - 1 - decltype(back)::value;   // depth-1 .. 0
                if constexpr (L > 0)
                    for (std::size_t s = 0; s < count; ++s)
                        fast::call_layer_kernel<Net, L, Tiles>(
                            fast::backward_delta_kernel<Tiles::vector_bytes>{}, net.template layer<L>(),
                            block.template delta<L>()[s], block.template output<L - 1>()[s],
                            block.template delta<L - 1>()[s], typename Net::template activation<L - 1>{});
            });
            fast::for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
                constexpr std::size_t L = decltype(l)::value;
                fast::call_layer_kernel<Net, L, Tiles>(
                    fast::gradient_batch_kernel{}, net.template layer<L>(), grads.template layer<L>(),
                    block.template delta<L>(), inputs(l), count, first == 0, single, step, tiles);
            });
            if (first + K >= batch.size()) {
                // Leave the last sample in ws, as the per-sample path does.
                ws.template activation<0>() = batch[first + count - 1].input;
                fast::for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
                    constexpr std::size_t L = decltype(l)::value;
                    ws.template activation<L + 1>() = block.template output<L>()[count - 1];
                    ws.template delta<L>() = block.template delta<L>()[count - 1];
                });
            }
        }
        if (!single)
            fast::for_each_layer<Net>([&](auto l) HANAPROP_INLINE_LAMBDA {
                constexpr std::size_t L = decltype(l)::value;
                fast::call_layer_kernel<Net, L, Tiles>(fast::subtract_scaled_kernel{}, net.template layer<L>(),
                                                       grads.template layer<L>(), step);
            });
    }
}

// minibatch_step_inline, for the build's flags: one body that the
// compiler may keep out of line, where forcing it inline into every
// caller would only cost compile time.
template <class Net, class Tiles>
constexpr void minibatch_step(Net& net, workspace<Net>& ws, gradients<Net>& grads,
                              std::span<const sample_for<Net>> batch, typename Net::value_type rate, Tiles tiles,
                              std::span<const sample_for<Net>* const> next) noexcept
{
    minibatch_step_inline(net, ws, grads, batch, rate, tiles, next);
}

// train_minibatch on the copy `resolved` names (a value of resolve(); at
// compile time no copy runs and it is not read), so that an epoch asks
// for its copy once, not once per batch.
template <class Net>
constexpr void train_minibatch_on(Net& net, workspace<Net>& ws, gradients<Net>& grads,
                                  std::span<const sample_for<Net>> batch, typename Net::value_type rate,
                                  code_path resolved, std::span<const sample_for<Net>* const> next) noexcept
{
    if (!std::is_constant_evaluated()) {
        auto step = [&](auto tiles) { minibatch_step_inline(net, ws, grads, batch, rate, tiles, next); };
        if constexpr (uses_batch_kernels<Net>)
            if (run_on_wider_copy<Net>(resolved, step)) return;
    }
    minibatch_step(net, ws, grads, batch, rate, fast::build_tiles{}, next);
}

} // namespace detail

template <class Net, class Path = code_path>
constexpr void train_minibatch(Net& net, workspace<Net>& ws, gradients<Net>& grads,
                               std::span<const sample_for<Net>> batch, typename Net::value_type rate,
                               Path path = code_path::automatic,
                               std::span<const sample_for<Net>* const> next = {}) noexcept
{
    if constexpr (std::is_same_v<Path, code_path>) {
        if (!std::is_constant_evaluated()) path = resolve(path);
        detail::train_minibatch_on(net, ws, grads, batch, rate, path, next);
    } else {
        detail::minibatch_step(net, ws, grads, batch, rate, path, next);
    }
}

template <class Net, class Data, class Path = code_path>
    requires(!data_set_for<Data, Net>)
constexpr void train_minibatch(Net&, workspace<Net>&, gradients<Net>&, const Data&, typename Net::value_type,
                               Path = {}) noexcept
{
    detail::check_data_set<Net, Data>();
}

// A workspace or gradients of another network.
template <class Net, class W, class G, class... Rest>
    requires(!detail::scratch_fits<Net, W, G>)
constexpr void train_minibatch(Net&, const workspace<W>&, const gradients<G>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W, G>();
}

// One epoch of mini-batch SGD: consecutive batches of `batch` samples,
// the last one smaller if the count does not divide. The batch size comes
// before the rate and is a hanaprop::batch_size (core/batch_size.hpp): a
// floating-point one does not compile, and one below 1 is an error.
// `path` as for train_minibatch; the copy is chosen once per epoch, and
// each batch runs train_minibatch's copy of the step (a call per batch
// costs nothing beside a batch; a copy of its own would cost compile time).
template <class Net, class Path = code_path>
constexpr void train_minibatch_epoch(Net& net, workspace<Net>& ws, gradients<Net>& grads,
                                     std::span<const sample_for<Net>> samples, hanaprop::batch_size batch,
                                     typename Net::value_type rate, Path path = code_path::automatic) noexcept
{
    const std::size_t batch_size = batch.value;
    if (batch_size == 0) return;
    if constexpr (std::is_same_v<Path, code_path>)
        if (!std::is_constant_evaluated()) path = resolve(path);
    std::array<const sample_for<Net>*, detail::minibatch_block> next{};
    for (std::size_t first = 0; first < samples.size(); first += batch_size) {
        const std::size_t count = samples.size() - first < batch_size ? samples.size() - first : batch_size;
        std::size_t ahead = 0;
        for (std::size_t s = first + count; s < samples.size() && ahead < next.size(); ++s)
            next[ahead++] = &samples[s];
        const std::span<const sample_for<Net>* const> upcoming{next.data(), ahead};
        if constexpr (std::is_same_v<Path, code_path>)
            detail::train_minibatch_on(net, ws, grads, samples.subspan(first, count), rate, path, upcoming);
        else
            detail::minibatch_step(net, ws, grads, samples.subspan(first, count), rate, path, upcoming);
    }
}

template <class Net, class Data, class Path = code_path>
    requires(!data_set_for<Data, Net>)
constexpr void train_minibatch_epoch(Net&, workspace<Net>&, gradients<Net>&, const Data&, hanaprop::batch_size,
                                     typename Net::value_type, Path = {}) noexcept
{
    detail::check_data_set<Net, Data>();
}

template <class Net, class W, class G, class... Rest>
    requires(!detail::scratch_fits<Net, W, G>)
constexpr void train_minibatch_epoch(Net&, const workspace<W>&, const gradients<G>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W, G>();
}

} // namespace hanaprop
