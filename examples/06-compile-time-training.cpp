// 06-compile-time-training.cpp - XOR learnt by the compiler.
//
// The same calls as 03-xor.cpp (random_network, workspace,
// train_online_epoch), but inside a constexpr function: the compiler runs the
// whole training while it compiles this file, and the trained network is
// a constant. The static_asserts below are checked by the compiler too, so
// if this file compiles, the network has learnt XOR. At run time the
// program only prints the stored outputs: there is no training code in it.
#include <array>
#include <cstdio>

#include <boost/hana/for_each.hpp>

#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<2, 3, 1>;   // 2 inputs, 3 hidden, 1 output

// The truth table, as (input, target) samples.
constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{
    {{0, 0}, {0}},
    {{0, 1}, {1}},
    {{1, 0}, {1}},
    {{1, 1}, {0}},
}};

// One constexpr loop is one constant evaluation, bounded by the compiler's
// budget. For more epochs: hanaprop::trained_at_compile_time, which runs
// them in several (docs/compile-time.md, "More epochs than one budget").
#ifndef XOR_EPOCHS
#define XOR_EPOCHS 240   // clang 14's default limit fits 248, g++ 12's 929
#endif

// Ordinary training code; `constexpr` lets the compiler run it.
constexpr net_t train_xor()
{
    auto net = hanaprop::random_network<net_t>(7);   // seed 7, weights in +-1/sqrt(fan_in)
    hanaprop::workspace<net_t> ws;                  // activations and errors
    for (int epoch = 0; epoch < XOR_EPOCHS; ++epoch)
        hanaprop::train_online_epoch(net, ws, table, 4.0f);   // online SGD, rate 4
    return net;
}

// Evaluated once, by the compiler. `constexpr` (not `const`) forces it: a
// training that does not fit in a constant expression is a compile error.
// `extern` gives it a symbol other files can link to (they declare
// `extern const net_t xor_network;`): 13 floats of read-only data.
extern constexpr net_t xor_network = train_xor();

// Checked by the compiler: every output is within 0.15 of its target.
constexpr bool close(const net_t::input_type& x, float target)
{
    const float y = xor_network.predict(x)[0];
    return y - target < 0.15f && target - y < 0.15f;
}
static_assert(close({0, 0}, 0), "0 xor 0 should be 0");
static_assert(close({0, 1}, 1), "0 xor 1 should be 1");
static_assert(close({1, 0}, 1), "1 xor 0 should be 1");
static_assert(close({1, 1}, 0), "1 xor 1 should be 0");

int main()
{
    // Run time only reads the constant: a forward pass per row, no training.
    int wrong = 0;
    for (const auto& [input, target] : table) {
        const float output = xor_network.predict(input)[0];
        wrong += (output > 0.5f) != (target[0] > 0.5f);
        std::printf("%g xor %g -> %.3f\n", double(input[0]), double(input[1]), double(output));
    }

    // The 13 parameters in memory order, exactly (9 digits round-trip a float); the test
    // tests/compile_time/check_rodata.py finds the same bytes in .rodata.
    std::printf("parameters:");
    boost::hana::for_each(net_t::layer_indices, [](auto l) {
        const auto& layer = xor_network.layer<decltype(l)::value>();
        for (const auto& row : layer.weights)   // in memory order: weights, then biases
            for (const float w : row) std::printf(" %.9g", double(w));
        for (const float b : layer.biases) std::printf(" %.9g", double(b));
    });
    std::printf("\n");
    return wrong == 0 ? 0 : 1;   // the compiler checked it already; this checks the stored copy
}
