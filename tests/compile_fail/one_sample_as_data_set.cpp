// One sample passed where a data set is expected (train_online_epoch trains on a
// range of samples; train_sample takes one).
// first-error: one_sample_of<hanaprop::sample<float, 7, 3> ?>::is_not_a_data_set_for<hanaprop::basic_network<float, 7, 5, 3> ?>::pass_a_range_of_samples
// expect: train_sample\(net, ws, s, rate\)
// expect: one_sample_as_data_set\.cpp:\d+:\d+:\s+(note: in instantiation|required from here|in .constexpr. expansion)
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
    const hanaprop::sample_for<net_t> one{};
#ifdef HANAPROP_MUST_FAIL
    hanaprop::train_online_epoch(net, ws, one, 0.3f);
#else
    hanaprop::train_online_epoch(net, ws, std::array{one}, 0.3f);
#endif
}
