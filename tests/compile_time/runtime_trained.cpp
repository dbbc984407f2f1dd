// The control of check_rodata.py: XOR trained at run time, into a global
// that a static initialiser fills. The checker must find what it looks
// for in examples/06-compile-time-training.cpp to be absent here: training code
// and a static initialiser. Otherwise it would pass on anything.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<2, 3, 1>;

constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{
    {{0, 0}, {0}},
    {{0, 1}, {1}},
    {{1, 0}, {1}},
    {{1, 1}, {0}},
}};

volatile int epochs = 240;   // unknown to the compiler: training must run

net_t train_xor()
{
    auto net = hanaprop::random_network<net_t>(7);
    hanaprop::workspace<net_t> ws;
    for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online_epoch(net, ws, table, 4.0f);
    return net;
}

extern const net_t xor_network;
const net_t xor_network = train_xor();   // dynamic initialisation, before main

int main()
{
    for (const auto& s : table) std::printf("%.3f\n", double(xor_network.predict(s.input)[0]));
}
