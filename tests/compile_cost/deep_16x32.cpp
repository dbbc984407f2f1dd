// Compile-cost probe: 16 weight layers of width 32 (17 layer sizes), the
// case that costs the most templates: every pass is unrolled over layers.
#include <array>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32>;
static_assert(net_t::depth == 16);
using sample_t = hanaprop::sample_for<net_t>;

int main()
{
    std::array<sample_t, 8> data{};
    hanaprop::pcg32 g{1};
    for (std::size_t r = 0; r < data.size(); ++r) {
        for (auto& x : data[r].input) x = hanaprop::uniform01<float>(g);
        data[r].target = hanaprop::one_hot<float, 32>(r);
    }
    auto net = hanaprop::random_network<net_t>(1);
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;
    hanaprop::train_online_epoch(net, ws, std::span<const sample_t>(data), 0.5f);
    hanaprop::train_minibatch_epoch(net, ws, grads, std::span<const sample_t>(data), 4, 0.5f);
    std::printf("%zu of %zu\n", hanaprop::count_correct(net, std::span<const sample_t>(data)), data.size());
}
