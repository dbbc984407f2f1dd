// roundtrip_nets.hpp - the networks of the export_header round-trip test:
// built the same way by the program that writes the headers and by the
// program that compiles them in and compares.
#pragma once

#include <cfloat>
#include <limits>

#include <hanaprop/hanaprop.hpp>

namespace roundtrip {

using float_net = hanaprop::network<7, 5, 3>;
using double_net = hanaprop::basic_network<double, 3, 4, 2>;
using relu_net = hanaprop::layered_network<float, hanaprop::input<4>, hanaprop::dense<6, hanaprop::activation::relu>,
                                           hanaprop::dense<5, hanaprop::activation::tanh>,
                                           hanaprop::dense<3, hanaprop::activation::softmax>>;

// A trained-looking float network, plus the values that are hardest to
// write as text exactly: signed zero, the smallest subnormal, the largest
// and smallest normal floats, and values that need all 24 bits.
inline float_net make_float_net()
{
    auto net = hanaprop::random_network<float_net>(11);
    auto& w = net.layer<0>().weights;
    w[0][0] = -0.0f;
    w[0][1] = std::numeric_limits<float>::denorm_min();
    w[0][2] = -std::numeric_limits<float>::denorm_min() * 3;
    w[0][3] = FLT_MIN;
    w[0][4] = 1.0f + FLT_EPSILON;
    w[0][5] = 0.1f;
    w[0][6] = -1.0f / 3.0f;
    net.layer<1>().biases[2] = FLT_MAX;
    net.layer<1>().weights[2][0] = -FLT_MAX;
    return net;
}

inline double_net make_double_net()
{
    auto net = hanaprop::random_network<double_net>(12);
    net.layer<0>().weights[0][0] = std::numeric_limits<double>::denorm_min();
    net.layer<0>().weights[1][1] = -0.0;
    net.layer<1>().biases[0] = 0.1;
    net.layer<1>().biases[1] = DBL_MAX;
    return net;
}

// A network of other activations: the header must name them, or the
// compiled network would predict with sigmoids.
inline relu_net make_relu_net()
{
    auto net = hanaprop::random_network<relu_net>(13);
    net.layer<0>().biases[1] = 0.25f;   // He's biases are 0
    return net;
}

} // namespace roundtrip
