// The learning rate and the batch size of a mini-batch epoch swapped:
// 3.0f would become a batch of 3 and 10 a rate of 10.
// first-error: the_batch_size_is<float>::did_you_swap_it_with_the_learning_rate
// expect: train_minibatch_epoch\(net, ws, grads, data, batch_size, rate\)
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;
    const std::array<hanaprop::sample_for<net_t>, 20> data{};
#ifdef HANAPROP_MUST_FAIL
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 3.0f, 10);
#else
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 10, 3.0f);
#endif
}
