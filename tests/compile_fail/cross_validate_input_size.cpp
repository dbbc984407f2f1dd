// k-fold cross-validation of a 7-5-3 network on rows of 6 features.
// first-error: the_data_set_has<6>::features_but<hanaprop::basic_network<float, 7, 5, 3> ?>::expects<7>
// max-lines: 25
// expect: cross_validate_input_size\.cpp:\d+:\d+:\s+(note: in instantiation|required from here|in .constexpr. expansion)
#include <array>
#include <cstddef>
#include <span>
#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<7, 5, 3>;
#ifdef HANAPROP_MUST_FAIL
using row_t = hanaprop::sample<float, 6, 3>;   // a feature missing
#else
using row_t = hanaprop::sample<float, 7, 3>;
#endif

int main()
{
    const std::array<row_t, 12> data{};
    std::array<row_t, 12> scratch{};
    hanaprop::pcg32 g{1};
    const auto split = hanaprop::tutorial_split<12, 4>(data.size(), 3, g);
    const auto scores = hanaprop::cross_validate(
        std::span<const row_t>(data), split, std::span<row_t>(scratch), [](std::span<const row_t> rows, std::size_t) {
            auto net = hanaprop::random_network<net_t>(1);
            hanaprop::workspace<net_t> ws;
            hanaprop::train_online_epoch(net, ws, rows, 0.5f);
            return net;
        });
    return static_cast<int>(scores.folds);
}
