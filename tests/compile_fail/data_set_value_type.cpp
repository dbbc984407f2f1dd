// A data set of doubles for a float network, in mini-batches.
// first-error: the_data_set_holds<double>::but<hanaprop::basic_network<float, 7, 5, 3> ?>::computes_in<float>
// max-lines: 25
// expect: data_set_value_type\.cpp:\d+:\d+:\s+(note: in instantiation|required from here|in .constexpr. expansion)
#include <vector>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;
#ifdef HANAPROP_MUST_FAIL
    const std::vector<hanaprop::sample<double, 7, 3>> data(4);
#else
    const std::vector<hanaprop::sample<float, 7, 3>> data(4);
#endif
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 2, 0.3f);
}
