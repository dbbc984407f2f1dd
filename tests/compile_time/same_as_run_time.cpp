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
    for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online_epoch(net, ws, table, 4.0f);
    return net;
}

constexpr net_t at_compile_time = train_xor(240);
static_assert(at_compile_time != hanaprop::random_network<net_t>(7), "training changed nothing");

// hanaprop::trained_at_compile_time splits the same epochs into constant
// evaluations of 7 (the last one of 2): the state crosses from one to the
// next as its bytes, so the result is the loop's, bit for bit.
struct xor_training {
    static constexpr net_t start() { return hanaprop::random_network<net_t>(7); }
    static constexpr void epoch(net_t& net)
    {
        hanaprop::workspace<net_t> ws;
        hanaprop::train_online_epoch(net, ws, table, 4.0f);
    }
};
static_assert(hanaprop::trained_at_compile_time<xor_training, 240, 7> == at_compile_time);
static_assert(hanaprop::trained_at_compile_time<xor_training, 0> == hanaprop::random_network<net_t>(7));

// Training::epoch may take the epoch's number, e.g. for a rate schedule.
struct halving_rate {
    static constexpr net_t start() { return hanaprop::random_network<net_t>(7); }
    static constexpr void epoch(net_t& net, std::size_t epoch)
    {
        hanaprop::workspace<net_t> ws;
        hanaprop::train_online_epoch(net, ws, table, epoch < 3 ? 4.0f : 2.0f);
    }
};
constexpr net_t halving_rate_loop()
{
    net_t net = halving_rate::start();
    for (std::size_t epoch = 0; epoch < 5; ++epoch) halving_rate::epoch(net, epoch);
    return net;
}
static_assert(hanaprop::trained_at_compile_time<halving_rate, 5, 2> == halving_rate_loop());

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
