// examples/advanced/seeds/tutorial_network.hpp - the classic tutorial's network,
// operation for operation, for seeds-tutorial-reproduction.cpp: its
// published scores depend on the last bit of every value over 500 epochs,
// so this port keeps the tutorial's order of every sum and its sigmoid
// 1 / (1 + exp(-z)) on the C library's exp (glibc's, as Python's math.exp).
// The parameters live in a hanaprop::basic_network<double, 7, 5, 3>, the
// library's layout; the arithmetic is the tutorial's, not the library's
// (which adds the bias last and uses its own constexpr exp).
// Part of the example, not of the library (the library never uses <cmath>).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

#include <boost/hana/for_each.hpp>

#include <hanaprop/hanaprop.hpp>

namespace seeds {

using tutorial_params = hanaprop::basic_network<double, 7, 5, 3>;
using tutorial_sample = hanaprop::sample_for<tutorial_params>;

struct tutorial_network {
    tutorial_params net{};

    // initialize_network: every weight and bias random(), neuron by neuron,
    // the hidden layer first, each neuron's bias drawn after its weights.
    template <class Generator>
    static tutorial_network initialize(Generator& random) noexcept
    {
        tutorial_network t;
        boost::hana::for_each(tutorial_params::layer_indices, [&](auto l) {
            auto& layer = t.net.template layer<decltype(l)::value>();
            for (std::size_t j = 0; j < layer.outputs; ++j) {
                for (auto& w : layer.weights[j]) w = random.random();
                layer.biases[j] = random.random();
            }
        });
        return t;
    }

    // activate and transfer: the bias first, then the products in input order.
    template <class Layer, std::size_t In, std::size_t Out>
    static void forward_layer(const Layer& layer, const std::array<double, In>& in, std::array<double, Out>& out) noexcept
    {
        for (std::size_t j = 0; j < Out; ++j) {
            double activation = layer.biases[j];
            for (std::size_t i = 0; i < In; ++i) activation += layer.weights[j][i] * in[i];
            out[j] = 1.0 / (1.0 + std::exp(-activation));
        }
    }

    // forward_propagate.
    std::array<double, 3> predict(const std::array<double, 7>& input) const noexcept
    {
        std::array<double, 5> hidden;
        std::array<double, 3> output;
        forward_layer(net.layer<0>(), input, hidden);
        forward_layer(net.layer<1>(), hidden, output);
        return output;
    }

    // One epoch of train_network: for each row, forward_propagate,
    // backward_propagate_error, update_weights (w += rate * delta * input,
    // the hidden layer first, from the outputs stored by the forward pass).
    // Returns the epoch's sum of squared errors, as the tutorial prints it.
    double train_epoch(std::span<const tutorial_sample> rows, double rate) noexcept
    {
        auto& hidden_layer = net.layer<0>();
        auto& output_layer = net.layer<1>();
        double sum_error = 0;
        for (const auto& row : rows) {
            std::array<double, 5> hidden;
            std::array<double, 3> output;
            forward_layer(hidden_layer, row.input, hidden);
            forward_layer(output_layer, hidden, output);
            double row_error = 0;   // sum([(expected[i] - outputs[i])**2 ...])
            for (std::size_t k = 0; k < 3; ++k) row_error += std::pow(row.target[k] - output[k], 2.0);
            sum_error += row_error;

            std::array<double, 3> output_delta;
            for (std::size_t k = 0; k < 3; ++k)
                output_delta[k] = (row.target[k] - output[k]) * (output[k] * (1.0 - output[k]));
            std::array<double, 5> hidden_delta;
            for (std::size_t j = 0; j < 5; ++j) {
                double error = 0.0;
                for (std::size_t k = 0; k < 3; ++k) error += output_layer.weights[k][j] * output_delta[k];
                hidden_delta[j] = error * (hidden[j] * (1.0 - hidden[j]));
            }
            for (std::size_t j = 0; j < 5; ++j) {
                for (std::size_t i = 0; i < 7; ++i) hidden_layer.weights[j][i] += rate * hidden_delta[j] * row.input[i];
                hidden_layer.biases[j] += rate * hidden_delta[j];
            }
            for (std::size_t k = 0; k < 3; ++k) {
                for (std::size_t j = 0; j < 5; ++j) output_layer.weights[k][j] += rate * output_delta[k] * hidden[j];
                output_layer.biases[k] += rate * output_delta[k];
            }
        }
        return sum_error;
    }
};

} // namespace seeds
