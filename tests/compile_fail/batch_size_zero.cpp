// A batch size of 0 in training done by the compiler: an epoch that would
// train nothing. (At run time the same call stops the program:
// tests/unit/test_sgd.cpp.)
// expect: a_batch_size_must_be_at_least_1
#include <array>
#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<2, 2, 1>;

constexpr net_t trained()
{
    net_t net = hanaprop::random_network<net_t>(1);
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;
    const std::array<hanaprop::sample_for<net_t>, 4> data{{{{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};
#ifdef HANAPROP_MUST_FAIL
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 0, 2.0f);
#else
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 2, 2.0f);
#endif
    return net;
}

constexpr net_t net = trained();

int main()
{
    return net.predict(std::array<float, 2>{1, 0})[0] > 2.0f;
}
