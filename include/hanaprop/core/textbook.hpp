// hanaprop/core/textbook.hpp - backpropagation and SGD as plain loops, to be
// read next to the formulas at the head of core/backprop.hpp. Every
// function here computes what its namesake in hanaprop:: computes (up to
// the order of the sums), with none of the tuning of core/fast/; the
// tests (tests/unit/test_textbook.cpp) check every tuned path against it.
//
// As in backprop.hpp, weight layer l of the code is layer l+1 of the
// formulas: the per-layer functions below are written in the formulas'
// numbering, and the network loops say which code index they pass.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/network.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop::textbook {

// One layer.

// z^l = W^l a^(l-1) + b^l,  a^l = f(z^l); softmax maps the whole row z^l.
template <class A, class T, std::size_t In, std::size_t Out>
constexpr void forward(const dense_layer<T, In, Out>& layer, const std::array<T, In>& a_below,
                       std::array<T, Out>& a) noexcept
{
    for (std::size_t j = 0; j < Out; ++j) {
        T z = layer.biases[j];
        for (std::size_t i = 0; i < In; ++i) z += layer.weights[j][i] * a_below[i];
        a[j] = z;
    }
    if constexpr (A::elementwise)
        for (std::size_t j = 0; j < Out; ++j) a[j] = A::value(a[j]);
    else
        A::row(a);
}

// delta^L = grad_a C (.) f'(z^L), as Loss spells it for the output
// activation A: (a^L - y) (.) f'(z^L) for the quadratic cost, a^L - y for
// cross-entropy.
template <class Loss, class A, class T, std::size_t Out>
constexpr void output_error(const std::array<T, Out>& a, const std::array<T, Out>& y,
                            std::array<T, Out>& delta) noexcept
{
    for (std::size_t j = 0; j < Out; ++j) delta[j] = Loss::template output_error<A, T>(a[j], y[j]);
}

// delta^l = ((W^(l+1))^T delta^(l+1)) (.) f'(z^l), f being layer l's
// activation A, whose derivative is read from a^l.
template <class A, class T, std::size_t In, std::size_t Out>
constexpr void backward_delta(const dense_layer<T, In, Out>& layer_above, const std::array<T, Out>& delta_above,
                              const std::array<T, In>& a, std::array<T, In>& delta) noexcept
{
    for (std::size_t i = 0; i < In; ++i) {
        T sum = 0;
        for (std::size_t j = 0; j < Out; ++j) sum += layer_above.weights[j][i] * delta_above[j];
        delta[i] = sum * A::derivative_from_output(a[i]);
    }
}

// dC/dW^l += delta^l (a^(l-1))^T,  dC/db^l += delta^l.
template <class T, std::size_t In, std::size_t Out>
constexpr void gradient(dense_layer<T, In, Out>& grad, const std::array<T, Out>& delta,
                        const std::array<T, In>& a_below) noexcept
{
    for (std::size_t j = 0; j < Out; ++j) {
        for (std::size_t i = 0; i < In; ++i) grad.weights[j][i] += delta[j] * a_below[i];
        grad.biases[j] += delta[j];
    }
}

// W^l -= rate dC/dW^l,  b^l -= rate dC/db^l.
template <class T, std::size_t In, std::size_t Out>
constexpr void update(dense_layer<T, In, Out>& layer, const dense_layer<T, In, Out>& grad, T rate) noexcept
{
    for (std::size_t j = 0; j < Out; ++j) {
        for (std::size_t i = 0; i < In; ++i) layer.weights[j][i] -= rate * grad.weights[j][i];
        layer.biases[j] -= rate * grad.biases[j];
    }
}

// The whole network. Code layer L takes a^L (activation<L>) to a^(L+1)
// and owns delta<L>: in the formulas, layer l = L + 1.

// a^0 = x, then forward through l = 1 .. L; returns a^L.
template <class Net>
constexpr const typename Net::output_type& feedforward(const Net& net, workspace<Net>& ws,
                                                       const typename Net::input_type& x) noexcept
{
    ws.template activation<0>() = x;
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        textbook::forward<typename Net::template activation<L>>(net.template layer<L>(), ws.template activation<L>(),
                                                                ws.template activation<L + 1>());
    });
    return ws.template activation<Net::depth>();
}

// After feedforward: delta^L from the loss, then delta^l from delta^(l+1)
// for l = L-1 .. 1. The network is not changed.
template <class Net>
constexpr void backpropagate(const Net& net, workspace<Net>& ws, const typename Net::output_type& y) noexcept
{
    constexpr std::size_t top = Net::depth - 1;
    textbook::output_error<typename Net::loss, typename Net::template activation<top>>(
        ws.template activation<top + 1>(), y, ws.template delta<top>());
    boost::hana::for_each(Net::layer_indices, [&](auto step) {
        constexpr std::size_t L = top - decltype(step)::value;   // top .. 0
        if constexpr (L > 0)
            textbook::backward_delta<typename Net::template activation<L - 1>>(
                net.template layer<L>(), ws.template delta<L>(), ws.template activation<L>(),
                ws.template delta<L - 1>());
    });
}

// After backpropagate: every layer's gradient of this sample, added to grads.
template <class Net>
constexpr void accumulate_gradient(const workspace<Net>& ws, gradients<Net>& grads) noexcept
{
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        textbook::gradient(grads.template layer<L>(), ws.template delta<L>(), ws.template activation<L>());
    });
}

// W -= rate dC/dW for every layer.
template <class Net>
constexpr void update(Net& net, const gradients<Net>& grads, typename Net::value_type rate) noexcept
{
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        textbook::update(net.template layer<L>(), grads.template layer<L>(), rate);
    });
}

// Online SGD on one sample: feedforward, backpropagate, W -= rate dC_x/dW.
// Every delta is computed before any weight changes. The gradient is held
// on the stack, as large as the network: clear, not frugal.
template <class Net>
constexpr void train_sample(Net& net, workspace<Net>& ws, const typename Net::input_type& x,
                            const typename Net::output_type& y, typename Net::value_type rate) noexcept
{
    gradients<Net> grads{};
    textbook::feedforward(net, ws, x);
    textbook::backpropagate(net, ws, y);
    textbook::accumulate_gradient(ws, grads);
    textbook::update(net, grads, rate);
}

// One mini-batch step: W -= (rate / m) sum_x dC_x/dW over the m samples.
// grads holds the sum afterwards, ws the last sample's activations and
// deltas.
template <class Net>
constexpr void train_minibatch(Net& net, workspace<Net>& ws, gradients<Net>& grads,
                               std::span<const sample_for<Net>> batch, typename Net::value_type rate) noexcept
{
    using T = typename Net::value_type;
    if (batch.empty()) return;
    grads = gradients<Net>{};
    for (const auto& s : batch) {
        textbook::feedforward(net, ws, s.input);
        textbook::backpropagate(net, ws, s.target);
        textbook::accumulate_gradient(ws, grads);
    }
    textbook::update(net, grads, rate / static_cast<T>(batch.size()));
}

} // namespace hanaprop::textbook
