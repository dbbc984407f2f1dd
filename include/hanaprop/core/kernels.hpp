// hanaprop/core/kernels.hpp - the loops every pass is made of, written so
// that g++ and clang vectorise them with default flags (no -ffast-math)
// and so that they still run in constant expressions (no intrinsics, no
// pragmas: clang 14 rejects '#pragma omp simd' inside a constexpr function).
#pragma once

#include <array>
#include <cstddef>

#include <hanaprop/core/sigmoid.hpp>

// Small layers (7-5-3): loops of fewer than 16 iterations are unrolled
// completely, so that g++ -O2 neither pays loop overhead per multiply-add
// nor leaves the sigmoids of a layer as one scalar exp per iteration (once
// unrolled, the SLP vectoriser packs them). Wider loops stay loops.
#define HANAPROP_UNROLL_SMALL _Pragma("GCC unroll 16")

namespace hanaprop::kernels {

// Sum of a[i] * b[i]. A single running sum is one serial chain of adds that
// no compiler may reorder without -ffast-math, so it cannot vectorise; with
// 16 independent partial sums it becomes two 8-wide (or four 4-wide) vector
// FMAs per step. Short rows keep the plain chain: it is short too.
template <class T, std::size_t N>
constexpr T dot(const std::array<T, N>& a, const std::array<T, N>& b) noexcept
{
    if constexpr (N < 16) {
        T sum = 0;
HANAPROP_UNROLL_SMALL
        for (std::size_t i = 0; i < N; ++i) sum += a[i] * b[i];
        return sum;
    } else {
        constexpr std::size_t lanes = 16;
        std::array<T, lanes> partial{};
        std::size_t i = 0;
        for (; i + lanes <= N; i += lanes)
            for (std::size_t k = 0; k < lanes; ++k) partial[k] += a[i + k] * b[i + k];
        for (std::size_t k = 0; i + k < N; ++k) partial[k] += a[i + k] * b[i + k];
        for (std::size_t width = lanes / 2; width > 0; width /= 2)
            for (std::size_t k = 0; k < width; ++k) partial[k] += partial[k + width];
        return partial[0];
    }
}

// out = sigma(W in + b). The sigmoids run in a loop of their own, after the
// products, so that they vectorise as well.
template <class Layer, class T, std::size_t In, std::size_t Out>
constexpr void forward(const Layer& layer, const std::array<T, In>& in, std::array<T, Out>& out) noexcept
{
    if constexpr (In < 16 && Out < 16) {
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < Out; ++j) out[j] = dot(layer.weights[j], in) + layer.biases[j];
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < Out; ++j) out[j] = sigmoid(out[j]);
    } else {
        for (std::size_t j = 0; j < Out; ++j) out[j] = dot(layer.weights[j], in) + layer.biases[j];
        for (std::size_t j = 0; j < Out; ++j) out[j] = sigmoid(out[j]);
    }
}

// delta_in = (W^T delta) (.) sigma'(z_in), with sigma'(z) = a (1 - a).
// W^T delta is accumulated row by row (an axpy per neuron), so the inner
// loop runs along a row of W: no reduction, no strided access.
template <class Layer, class T, std::size_t In, std::size_t Out>
constexpr void backward_delta(const Layer& layer, const std::array<T, Out>& delta,
                              const std::array<T, In>& activation_in, std::array<T, In>& delta_in) noexcept
{
    for (std::size_t i = 0; i < In; ++i) delta_in[i] = 0;
    for (std::size_t j = 0; j < Out; ++j)
        for (std::size_t i = 0; i < In; ++i) delta_in[i] += layer.weights[j][i] * delta[j];
    for (std::size_t i = 0; i < In; ++i) delta_in[i] *= sigmoid_derivative_from_output(activation_in[i]);
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
constexpr void subtract_scaled(Layer& layer, const Layer& gradient, T rate) noexcept
{
    for (std::size_t j = 0; j < Layer::outputs; ++j) {
        for (std::size_t i = 0; i < Layer::inputs; ++i) layer.weights[j][i] -= rate * gradient.weights[j][i];
        layer.biases[j] -= rate * gradient.biases[j];
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
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            for (std::size_t i = 0; i < In; ++i) layer.weights[j][i] -= step * activation_in[i];
            layer.biases[j] -= step;
        }
    }
}

// The online SGD step of a hidden or output layer, fused: the pass over W
// that computes W^T delta for the layer below also applies the update.
// Each weight is read before it is changed, so the result equals
// backward_delta followed by update, bit for bit, with W loaded once.
template <class Layer, class T, std::size_t In, std::size_t Out>
constexpr void backward_and_update(Layer& layer, const std::array<T, Out>& delta,
                                   const std::array<T, In>& activation_in, std::array<T, In>& delta_in,
                                   T rate) noexcept
{
    if constexpr (In < 16 && Out < 16) {
        // The same operations, unrolled (see HANAPROP_UNROLL_SMALL).
HANAPROP_UNROLL_SMALL
        for (std::size_t i = 0; i < In; ++i) delta_in[i] = 0;
HANAPROP_UNROLL_SMALL
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            auto& row = layer.weights[j];
HANAPROP_UNROLL_SMALL
            for (std::size_t i = 0; i < In; ++i) {
                delta_in[i] += row[i] * delta[j];
                row[i] -= step * activation_in[i];
            }
            layer.biases[j] -= step;
        }
HANAPROP_UNROLL_SMALL
        for (std::size_t i = 0; i < In; ++i) delta_in[i] *= sigmoid_derivative_from_output(activation_in[i]);
    } else {
        for (std::size_t i = 0; i < In; ++i) delta_in[i] = 0;
        for (std::size_t j = 0; j < Out; ++j) {
            const T step = rate * delta[j];
            auto& row = layer.weights[j];
            for (std::size_t i = 0; i < In; ++i) {
                delta_in[i] += row[i] * delta[j];
                row[i] -= step * activation_in[i];
            }
            layer.biases[j] -= step;
        }
        for (std::size_t i = 0; i < In; ++i) delta_in[i] *= sigmoid_derivative_from_output(activation_in[i]);
    }
}

} // namespace hanaprop::kernels
