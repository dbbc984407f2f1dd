// A data set of 6 features per row for a network with 7 inputs (a column
// dropped, or the label counted as a feature).
// first-error: the_data_set_has<6>::features_but<hanaprop::basic_network<float, 7, 5, 3> ?>::expects<7>
// expect: use sample_for<Network>
// max-lines: 25
// expect: data_set_features\.cpp:\d+:\d+:\s+(note: in instantiation|required from here|in .constexpr. expansion)
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
#ifdef HANAPROP_MUST_FAIL
    const std::array<hanaprop::sample<float, 6, 3>, 2> data{};
#else
    const std::array<hanaprop::sample<float, 7, 3>, 2> data{};
#endif
    hanaprop::train_online_epoch(net, ws, data, 0.3f);
}
