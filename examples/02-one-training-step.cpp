// 02-one-training-step.cpp - one step of backpropagation, checked by hand.
//
// network<1, 1> is one sigmoid neuron: a = sigmoid(w x + b). For the
// quadratic cost C = (a - y)^2 / 2 the chain rule gives
//   delta = dC/dz = (a - y) * a * (1 - a),   dC/dw = delta * x,   dC/db = delta,
// and one step of gradient descent with learning rate eta is
//   w -= eta * dC/dw,   b -= eta * dC/db.
// train_sample does exactly this (for any number of layers); the program
// does it by hand beside it and compares, then shows that the cost fell.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<1, 1>;
    net_t net;
    net.layer<0>().weights[0][0] = 0.5f;   // w
    net.layer<0>().biases[0] = -0.25f;     // b
    const std::array<float, 1> x{2}, y{1};
    const float eta = 0.5f;

    // The forward pass keeps every activation in a workspace, the scratch
    // memory of training (the network itself holds only parameters).
    hanaprop::workspace<net_t> ws;
    const float a = hanaprop::feedforward(net, ws, x)[0];
    const float cost_before = hanaprop::quadratic_cost(ws, y);

    // By hand, from the formulas above.
    const float delta = (a - y[0]) * a * (1 - a);
    const float w_expected = 0.5f - eta * delta * x[0];
    const float b_expected = -0.25f - eta * delta;

    // By the library: forward pass, backward pass and update in one call.
    hanaprop::train_sample(net, ws, x, y, eta);
    const float w = net.layer<0>().weights[0][0], b = net.layer<0>().biases[0];

    hanaprop::feedforward(net, ws, x);
    const float cost_after = hanaprop::quadratic_cost(ws, y);

    std::printf("before: a = %.6f, cost %.6f\n", double(a), double(cost_before));
    std::printf("by hand:       w = %.6f, b = %.6f\n", double(w_expected), double(b_expected));
    std::printf("train_sample:  w = %.6f, b = %.6f\n", double(w), double(b));
    std::printf("after:  cost %.6f (%s)\n", double(cost_after), cost_after < cost_before ? "lower" : "NOT lower");

    const auto close = [](float p, float q) { return p - q < 1e-6f && q - p < 1e-6f; };
    return close(w, w_expected) && close(b, b_expected) && cost_after < cost_before ? 0 : 1;
}
