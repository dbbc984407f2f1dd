// 03-xor.cpp - the smallest network that needs a hidden layer.
//
// XOR is not linearly separable: no single sigmoid neuron can output 1 for
// (0,1) and (1,0) but 0 for (0,0) and (1,1). Two inputs, three hidden
// neurons and one output can, once online SGD has found the weights.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<2, 3, 1>;   // 2 inputs, 3 hidden, 1 output

    // The four cases of the truth table, as (input, target) samples.
    constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{
        {{0, 0}, {0}},
        {{0, 1}, {1}},
        {{1, 0}, {1}},
        {{1, 1}, {0}},
    }};

    // Weights uniform in +-1/sqrt(fan_in), from seed 7: the same on every machine.
    auto net = hanaprop::random_network<net_t>(7);
    // Training needs scratch memory for activations and errors; the
    // network itself holds only its 13 parameters.
    hanaprop::workspace<net_t> ws;

    // Online SGD: 1000 passes over the table, learning rate 2.
    for (int epoch = 0; epoch < 1000; ++epoch)
        hanaprop::train_online_epoch(net, ws, table, 2.0f);

    int wrong = 0;
    for (const auto& [input, target] : table) {
        const float output = net.predict(input)[0];
        wrong += (output > 0.5f) != (target[0] > 0.5f);
        std::printf("%g xor %g -> %.3f\n", double(input[0]), double(input[1]), double(output));
    }
    std::printf("%s\n", wrong == 0 ? "all four right" : "some wrong");
    return wrong == 0 ? 0 : 1;   // the test of this example asserts exit status 0
}
