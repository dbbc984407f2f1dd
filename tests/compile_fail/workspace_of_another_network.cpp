// The workspace of a 7-4-3 network passed to the training of a 7-5-3 one:
// its activations have the wrong sizes. One error names both networks.
// first-error: the_workspace_of<hanaprop::basic_network<float, 7, 4, 3> ?>::does_not_fit<hanaprop::basic_network<float, 7, 5, 3> ?>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

using net_753 = hanaprop::network<7, 5, 3>;
#ifdef HANAPROP_MUST_FAIL
using workspace_net = hanaprop::network<7, 4, 3>;
#else
using workspace_net = net_753;
#endif

int main()
{
    net_753 net{};
    hanaprop::workspace<workspace_net> ws{};
    const hanaprop::sample_for<net_753> sample{};
    hanaprop::train_sample(net, ws, sample, 0.3f);
    return static_cast<int>(net.layer<0>().biases[0]);
}
