// The gradients of a 7-4-3 network passed to the mini-batch training of a
// 7-5-3 one (with its own workspace): the gradients have the wrong shape.
// One error names both networks.
// first-error: the_gradients_of<hanaprop::basic_network<float, 7, 4, 3> ?>::do_not_fit<hanaprop::basic_network<float, 7, 5, 3> ?>
// max-lines: 25
#include <array>

#include <hanaprop/hanaprop.hpp>

using net_753 = hanaprop::network<7, 5, 3>;
#ifdef HANAPROP_MUST_FAIL
using gradients_net = hanaprop::network<7, 4, 3>;
#else
using gradients_net = net_753;
#endif

int main()
{
    net_753 net{};
    hanaprop::workspace<net_753> ws{};
    hanaprop::gradients<gradients_net> grads{};
    const std::array<hanaprop::sample_for<net_753>, 4> data{};
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 2, 0.3f);
    return static_cast<int>(net.layer<0>().biases[0]);
}
