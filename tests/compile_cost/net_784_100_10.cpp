// Compile-cost probe: an MNIST-sized 784-100-10 network trained by online
// and mini-batch SGD (random data: only the compile cost matters here).
#include <array>
#include <cstdio>
#include <vector>

#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<784, 100, 10>;
using sample_t = hanaprop::sample_for<net_t>;

int main()
{
    std::vector<sample_t> data(100);
    hanaprop::pcg32 g{1};
    for (std::size_t r = 0; r < data.size(); ++r) {
        for (auto& x : data[r].input) x = hanaprop::uniform01<float>(g);
        data[r].target = hanaprop::one_hot<float, 10>(r % 10);
    }
    // 318 KB: static, not on the stack. Assigned, not initialised: a static
    // initialised by random_network is filled by the compiler (constant
    // initialisation; about 3 s of g++ time for 79,510 draws).
    static net_t net;
    net = hanaprop::random_network<net_t>(1);
    static hanaprop::workspace<net_t> ws;
    static hanaprop::gradients<net_t> grads;
    hanaprop::train_online_epoch(net, ws, std::span<const sample_t>(data), 0.1f);
    hanaprop::train_minibatch_epoch(net, ws, grads, std::span<const sample_t>(data), 10, 3.0f);
    std::printf("%zu of %zu\n", hanaprop::count_correct(net, std::span<const sample_t>(data)), data.size());
}
