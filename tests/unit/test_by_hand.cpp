// One forward, backward and update step of a 2-1-1 network, every number
// derived by hand below. The weights make every z exactly 0, so every
// sigma is 1/2 and every sigma' is 1/4, and all values are exact in binary.
//
//   x = (1, 1), target y = 1, learning rate 1
//   layer 0: W = (0.5, -0.5), b = 0  -> z1 = 0.5 - 0.5 + 0 = 0,  a1 = 0.5
//   layer 1: W = (2),         b = -1 -> z2 = 2 * 0.5 - 1   = 0,  a2 = 0.5
//   cost C = 1/2 (a2 - y)^2 = 1/2 (0.5 - 1)^2 = 0.125
//   output error   delta2 = (a2 - y) sigma'(z2) = (-0.5)(0.25)       = -0.125
//   backpropagate  delta1 = W2^T delta2 sigma'(z1) = 2 (-0.125)(0.25) = -0.0625
//   gradients      dC/dW2 = delta2 a1 = -0.0625,  dC/db2 = -0.125
//                  dC/dW1 = delta1 x^T = (-0.0625, -0.0625),  dC/db1 = -0.0625
//   after the step W2 = 2 + 0.0625 = 2.0625,  b2 = -1 + 0.125 = -0.875
//                  W1 = (0.5625, -0.4375),    b1 = 0.0625
#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

TEMPLATE_TEST_CASE("one SGD step of a 2-1-1 network equals the hand-derived values", "[by-hand]", float, double)
{
    using T = TestType;
    using net_t = hanaprop::basic_network<T, 2, 1, 1>;
    net_t net{};
    net.template layer<0>().weights[0] = {T(0.5), T(-0.5)};
    net.template layer<0>().biases[0] = T(0);
    net.template layer<1>().weights[0] = {T(2)};
    net.template layer<1>().biases[0] = T(-1);
    const std::array<T, 2> x{1, 1};
    const std::array<T, 1> y{1};

    hanaprop::workspace<net_t> ws;
    CHECK(hanaprop::feedforward(net, ws, x)[0] == T(0.5));
    CHECK(ws.template activation<1>()[0] == T(0.5));
    CHECK(hanaprop::quadratic_cost(ws, y) == T(0.125));

    hanaprop::backpropagate(net, ws, y);
    CHECK(ws.template delta<1>()[0] == T(-0.125));
    CHECK(ws.template delta<0>()[0] == T(-0.0625));

    hanaprop::gradients<net_t> grads;
    hanaprop::accumulate_gradient(ws, grads);
    CHECK(grads.template layer<1>().weights[0][0] == T(-0.0625));
    CHECK(grads.template layer<1>().biases[0] == T(-0.125));
    CHECK(grads.template layer<0>().weights[0][0] == T(-0.0625));
    CHECK(grads.template layer<0>().weights[0][1] == T(-0.0625));
    CHECK(grads.template layer<0>().biases[0] == T(-0.0625));

    hanaprop::train_sample(net, ws, x, y, T(1));
    CHECK(net.template layer<1>().weights[0][0] == T(2.0625));
    CHECK(net.template layer<1>().biases[0] == T(-0.875));
    CHECK(net.template layer<0>().weights[0][0] == T(0.5625));
    CHECK(net.template layer<0>().weights[0][1] == T(-0.4375));
    CHECK(net.template layer<0>().biases[0] == T(0.0625));
}

TEST_CASE("predict computes sigma(W a + b) layer by layer", "[by-hand]")
{
    // z = ln 3 gives sigma(z) = 1 / (1 + 1/3) = 3/4.
    using net_t = hanaprop::basic_network<double, 1, 1>;
    net_t net{};
    net.layer<0>().weights[0][0] = 2.0;
    net.layer<0>().biases[0] = 1.0986122886681098 - 2.0;   // ln 3 - 2
    CHECK(net.predict(std::array<double, 1>{1.0})[0] == Approx(0.75).epsilon(1e-14));
}
