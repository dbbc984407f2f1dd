// A sample of doubles given to train a float network.
// first-error: the_input_holds<double>::but<hanaprop::basic_network<float, 7, 5, 3> ?>::computes_in<float>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
#ifdef HANAPROP_MUST_FAIL
    const hanaprop::sample<double, 7, 3> s{{}, {1, 0, 0}};
#else
    const hanaprop::sample<float, 7, 3> s{{}, {1, 0, 0}};
#endif
    hanaprop::train_sample(net, ws, s, 0.3f);
}
