// hanaprop/core/backprop.hpp - backpropagation exactly as the textbook
// states it. For network<7, 5, 3> f is sigma and C the quadratic cost
// 1/2 sum_j (a^L_j - y_j)^2; other networks name f per layer and C
// (core/activations.hpp, core/losses.hpp):
//
//   feedforward:    a^0 = x;  z^l = W^l a^(l-1) + b^l,  a^l = f(z^l)
//   output error:   delta^L = grad_a C (.) f'(z^L), for the quadratic cost
//                   (a^L - y) (.) f'(z^L); for cross-entropy on a sigmoid
//                   or softmax output, a^L - y
//   backpropagate:  delta^l = ((W^(l+1))^T delta^(l+1)) (.) f'(z^l)
//   gradient:       dC/dW^l = delta^l (a^(l-1))^T,   dC/db^l = delta^l
//
// Here weight layer l of the code is layer l+1 of the formulas (the code
// counts from 0 at the first weight layer; the formulas call the input 0).
// core/textbook.hpp spells each step as a plain loop; the functions here
// compute the same with the kernels of core/fast/.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/fast/kernels.hpp>
#include <hanaprop/core/fast/paths.hpp>
#include <hanaprop/core/losses.hpp>
#include <hanaprop/core/network.hpp>
#include <hanaprop/core/shape_checks.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop {

// Stores every activation a^0 .. a^L in the workspace; returns a^L.
template <class Net, class U, std::size_t N>
constexpr const typename Net::output_type& feedforward(const Net& net, workspace<Net>& ws,
                                                       const std::array<U, N>& input) noexcept
{
    detail::check_input<Net, U, N>();
    if constexpr (N == Net::input_size && std::is_same_v<U, typename Net::value_type>) {
        ws.template activation<0>() = input;
        boost::hana::for_each(Net::layer_indices, [&](auto l) {
            constexpr std::size_t L = decltype(l)::value;
            fast::call_layer_kernel<Net, L>(fast::forward_kernel{}, net.template layer<L>(),
                                              ws.template activation<L>(), ws.template activation<L + 1>(),
                                              typename Net::template activation<L>{});
        });
    }
    return ws.template activation<Net::depth>();
}

// The workspace of another network: one error that names both
// (check_scratch in core/shape_checks.hpp). So do backpropagate's,
// accumulate_gradient's and the training functions' overloads below.
template <class Net, class W, class... Rest>
    requires(!detail::scratch_fits<Net, W>)
constexpr typename Net::output_type feedforward(const Net&, const workspace<W>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W>();
    return {};
}

// The cost (Net's loss) of the output in the workspace against a target.
template <class Net, class U, std::size_t N>
constexpr typename Net::value_type cost(const workspace<Net>& ws, const std::array<U, N>& target) noexcept
{
    detail::check_target<Net, U, N>();
    if constexpr (N == Net::output_size)
        return Net::loss::template cost<typename Net::template activation<Net::depth - 1>>(
            ws.template activation<Net::depth>(), target);
    else
        return 0;
}

// The quadratic cost of the output in the workspace against a target,
// whatever the network's loss.
template <class Net, class U, std::size_t N>
constexpr typename Net::value_type quadratic_cost(const workspace<Net>& ws, const std::array<U, N>& target) noexcept
{
    detail::check_target<Net, U, N>();
    if constexpr (N == Net::output_size)
        return loss::quadratic::cost<typename Net::template activation<Net::depth - 1>>(
            ws.template activation<Net::depth>(), target);
    else
        return 0;
}

// delta^L of Net's loss, from the output stored by feedforward.
template <class Net, class U, std::size_t N>
constexpr void output_error(workspace<Net>& ws, const std::array<U, N>& target) noexcept
{
    detail::check_target<Net, U, N>();
    using T = typename Net::value_type;
    using A = typename Net::template activation<Net::depth - 1>;
    const auto& output = ws.template activation<Net::depth>();
    auto& delta = ws.template delta<Net::depth - 1>();
    for (std::size_t j = 0; j < Net::output_size && j < N; ++j)
        delta[j] = Net::loss::template output_error<A, T>(output[j], target[j]);
}

// After feedforward: every delta^l of the sample, from the output back to
// the first layer. The network is not changed.
template <class Net, class U, std::size_t N>
constexpr void backpropagate(const Net& net, workspace<Net>& ws, const std::array<U, N>& target) noexcept
{
    output_error(ws, target);
    boost::hana::for_each(Net::layer_indices, [&](auto step) {
        constexpr std::size_t L = Net::depth - 1 - decltype(step)::value;   // depth-1 .. 0
        if constexpr (L > 0)
            fast::call_layer_kernel<Net, L>(fast::backward_delta_kernel{}, net.template layer<L>(),
                                              ws.template delta<L>(), ws.template activation<L>(),
                                              ws.template delta<L - 1>(), typename Net::template activation<L - 1>{});
    });
}

template <class Net, class W, class... Rest>
    requires(!detail::scratch_fits<Net, W>)
constexpr void backpropagate(const Net&, const workspace<W>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W>();
}

// After backpropagate: adds dC/dW^l = delta^l (a^(l-1))^T and dC/db^l =
// delta^l of the sample to the gradients.
template <class Net>
constexpr void accumulate_gradient(const workspace<Net>& ws, gradients<Net>& grads) noexcept
{
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        fast::call_layer_kernel<Net, L>(fast::accumulate_gradient_kernel{}, grads.template layer<L>(),
                                          ws.template delta<L>(), ws.template activation<L>());
    });
}

// Gradients of another network than the workspace's: the gradients are
// named as the ones that do not fit.
template <class W, class G>
    requires(!std::is_same_v<W, G>)
constexpr void accumulate_gradient(const workspace<W>&, const gradients<G>&) noexcept
{
    detail::check_scratch<W, W, G>();
}

} // namespace hanaprop
