// 01-predict.cpp - a network, its weights, and what it outputs.
//
// A network's shape is its type: network<2, 1> has 2 inputs and 1 sigmoid
// output neuron, so 2 weights and a bias. predict() runs the forward pass,
// a = sigmoid(W x + b), and returns the output layer as a std::array.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

int main()
{
    // 1. A network declared but not initialised holds zeros, not garbage:
    //    every output is sigmoid(0) = 0.5 whatever the input. Such a network
    //    also trains badly (all hidden neurons stay alike): start training
    //    from random_network instead (step 3).
    hanaprop::network<2, 1> zeros;
    const float zero_output = zeros.predict(std::array<float, 2>{3, -4})[0];
    std::printf("all-zero network:  %.6f\n", double(zero_output));

    // 2. Weights set by hand: W = [1, -1], b = 0.5. For x = (2, 1),
    //    z = 1 * 2 - 1 * 1 + 0.5 = 1.5 and sigmoid(1.5) = 0.817574.
    hanaprop::network<2, 1> hand;
    hand.layer<0>().weights[0] = {1.0f, -1.0f};   // layer 0: inputs -> output
    hand.layer<0>().biases[0] = 0.5f;
    const float hand_output = hand.predict(std::array<float, 2>{2, 1})[0];
    std::printf("hand-set network:  %.6f (sigmoid(1.5) = 0.817574)\n", double(hand_output));

    // 3. The usual start: random weights from a seed, the same on every
    //    machine. network<7, 5, 3>: 7 inputs, 5 hidden neurons, 3 outputs.
    const auto net = hanaprop::random_network<hanaprop::network<7, 5, 3>>(1);
    const auto outputs = net.predict(std::array<float, 7>{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f});
    std::printf("random 7-5-3:      %.6f %.6f %.6f\n", double(outputs[0]), double(outputs[1]), double(outputs[2]));

    // The test of this example is its exit status: 0 when the figures are right.
    const bool right = zero_output == 0.5f && hand_output > 0.817573f && hand_output < 0.817575f &&
                       outputs[0] > 0 && outputs[0] < 1;
    std::printf("%s\n", right ? "as computed by hand" : "WRONG");
    return right ? 0 : 1;
}
