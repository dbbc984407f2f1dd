// consumer.cpp - the program every consumer project builds: it includes
// hanaprop the way a user's program does, trains XOR and checks the answer,
// so a build that finds the headers but not Boost.Hana, or the wrong
// language standard, fails here.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<2, 3, 1>;
    const std::array<hanaprop::sample_for<net_t>, 4> table{{
        {{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};
    auto net = hanaprop::random_network<net_t>(7);
    hanaprop::workspace<net_t> ws;
    for (int epoch = 0; epoch < 1000; ++epoch) hanaprop::train_online_epoch(net, ws, table, 2.0f);
    const float y = net.predict(std::array<float, 2>{1, 0})[0];
    std::printf("consumer: 1 xor 0 -> %.3f\n", double(y));
    return y > 0.5f ? 0 : 1;
}
