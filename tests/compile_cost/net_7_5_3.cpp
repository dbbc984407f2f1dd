// Compile-cost probe: a 7-5-3 network trained online at run time and used
// for prediction, as a user's small program would be.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<7, 5, 3>;

int main()
{
    std::array<hanaprop::sample_for<net_t>, 30> data{};
    hanaprop::pcg32 g{1};
    for (std::size_t r = 0; r < data.size(); ++r) {
        for (auto& x : data[r].input) x = hanaprop::uniform01<float>(g);
        data[r].target = hanaprop::one_hot<float, 3>(r % 3);
    }
    auto net = hanaprop::random_network<net_t>(1);
    hanaprop::workspace<net_t> ws;
    for (int epoch = 0; epoch < 100; ++epoch) hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<net_t>>(data), 0.5f);
    std::printf("%zu of %zu\n", hanaprop::count_correct(net, std::span<const hanaprop::sample_for<net_t>>(data)), data.size());
}
