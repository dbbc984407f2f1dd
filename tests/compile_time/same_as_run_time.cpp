// The network the compiler trains is bit for bit the one the same code
// trains at run time (this file is built with -ffp-contract=off: with
// a*b+c contracted into an FMA at run time, the last bits may differ).
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

constexpr net_t train_xor(int epochs)
{
    auto net = hanaprop::random_network<net_t>(7);
    hanaprop::workspace<net_t> ws;
    for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online(net, ws, table, 4.0f);
    return net;
}

constexpr net_t at_compile_time = train_xor(240);
static_assert(at_compile_time != hanaprop::random_network<net_t>(7), "training changed nothing");

volatile int epochs = 240;   // unknown to the compiler: this training runs

int main()
{
    const net_t at_run_time = train_xor(epochs);
    const float a = at_compile_time.layer<1>().biases[0], b = at_run_time.layer<1>().biases[0];
    std::printf("output bias: compile time %.9g, run time %.9g\n", double(a), double(b));
    if (at_run_time != at_compile_time) {
        std::printf("FAIL: the run-time network differs from the compile-time one\n");
        return 1;
    }
    std::printf("all 13 parameters are identical\n");
    return 0;
}
