// Measuring accuracy on a data set labelled with 4 classes, for a network
// with 3 outputs.
// first-error: the_data_set_has<4>::targets_but<hanaprop::basic_network<float, 7, 5, 3> ?>::outputs<3>
// max-lines: 25
// expect: data_set_targets\.cpp:\d+:\d+:\s+(note: in instantiation|required from here|in .constexpr. expansion)
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    const hanaprop::network<7, 5, 3> net{};
#ifdef HANAPROP_MUST_FAIL
    const std::array<hanaprop::sample<float, 7, 4>, 2> data{};
#else
    const std::array<hanaprop::sample<float, 7, 3>, 2> data{};
#endif
    return static_cast<int>(hanaprop::count_correct(net, data));
}
