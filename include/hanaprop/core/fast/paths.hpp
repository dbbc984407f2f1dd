// hanaprop/core/fast/paths.hpp - which code path a pass takes to a layer's
// kernel: inlined into the pass, or one out-of-line copy shared by the
// layers of one type.
//
// The passes are unrolled over the layers (hana::for_each), and each
// layer's kernel is normally inlined into the unrolled pass: the fastest
// code for networks such as 7-5-3 or 784-100-10, whose layers all differ.
// But when several layers have the same type (16 layers of 32 x 32), every
// one of them got its own inlined copy of the same kernel, and the
// compilers spent their time optimising those copies again and again,
// so compile time grew with every layer added. Such layers now call one
// out-of-line copy per kernel: the same instructions in the same order,
// so the same results, and a call costs nothing next to the
// 256 or more multiply-adds of such a layer. Small layers stay inlined.
#pragma once

#include <cstddef>
#include <utility>

#include <hanaprop/core/code_path.hpp>
#include <hanaprop/core/fast/batch_kernels.hpp>
#include <hanaprop/core/fast/kernels.hpp>

namespace hanaprop::fast {

// How many weight layers of Net have the inputs and outputs of layer L
// (they all hold Net::value_type, so that is the same type).
template <class Net, std::size_t L, std::size_t... I>
constexpr std::size_t layers_like(std::index_sequence<I...>) noexcept
{
    return ((Net::template size<I> == Net::template size<L> &&
                     Net::template size<I + 1> == Net::template size<L + 1>
                 ? std::size_t{1}
                 : std::size_t{0}) +
            ... + std::size_t{0});
}

template <class Net, std::size_t L>
inline constexpr bool shared_layer_type =
    Net::template size<L> * Net::template size<L + 1> >= 256 &&
    layers_like<Net, L>(std::make_index_sequence<Net::depth>{}) > 1;

template <class Kernel, class... Args>
[[gnu::noinline]] constexpr void call_out_of_line(Kernel kernel, Args&&... args) noexcept
{
    kernel(std::forward<Args>(args)...);
}

// The wrappers below (call_layer_kernel and the kernel objects) are always
// inlined, as the kernels behind them are: clang weighed such a wrapper
// with its kernel inlined into it as one function and kept the pair out of
// line, so a caller's loop around predict loaded every weight again in
// each call; and in a run-time copy, a wrapper left out of line is
// compiled for the build's target.

// kernel(args...) for weight layer L of Net: out of line if other layers
// share its type (see above), inlined otherwise. Kernel must not depend on
// L (one of the kernel objects below), or there would be a copy per layer.
// Tiles: the caller's (fast/batch_kernels.hpp); in a run-time copy, the
// out-of-line kernel is the copy's own.
template <class Net, std::size_t L, class Tiles = build_tiles, class Kernel, class... Args>
HANAPROP_INLINE_UNLESS_SIZE constexpr void call_layer_kernel(Kernel kernel, Args&&... args) noexcept
{
    if constexpr (!shared_layer_type<Net, L>)
        kernel(std::forward<Args>(args)...);
#if HANAPROP_RUNTIME_DISPATCH
    else if constexpr (Tiles::in_copy)
        detail::compiled_copy<Tiles::vector_bytes>::call_out_of_line(kernel, std::forward<Args>(args)...);
#endif
    else
        call_out_of_line(kernel, std::forward<Args>(args)...);
}

// The kernels as objects, so that one of them can be passed around.
#define HANAPROP_KERNEL_OBJECT(name)                                             \
    struct name##_kernel {                                                       \
        template <class... Args>                                                 \
        HANAPROP_INLINE_UNLESS_SIZE constexpr void operator()(Args&&... args) const noexcept \
        {                                                                        \
            fast::name(std::forward<Args>(args)...);                             \
        }                                                                        \
    };
HANAPROP_KERNEL_OBJECT(forward)
HANAPROP_KERNEL_OBJECT(accumulate_gradient)
HANAPROP_KERNEL_OBJECT(backward_and_update)
HANAPROP_KERNEL_OBJECT(update)
HANAPROP_KERNEL_OBJECT(subtract_scaled)
HANAPROP_KERNEL_OBJECT(forward_batch)
HANAPROP_KERNEL_OBJECT(gradient_batch)
#undef HANAPROP_KERNEL_OBJECT

// backward_delta's object takes the kernel's vector width: a copy's, in a
// copy of the mini-batch step.
template <std::size_t Bytes = simd::register_bytes>
struct backward_delta_kernel {
    template <class... Args>
    HANAPROP_INLINE_UNLESS_SIZE constexpr void operator()(Args&&... args) const noexcept
    {
        fast::backward_delta<Bytes>(std::forward<Args>(args)...);
    }
};

} // namespace hanaprop::fast
