// One SGD step on an input of the wrong length.
// first-error: the_input_has<6>::values_but<hanaprop::basic_network<float, 7, 5, 3> ?>::expects<7>
// expect: give predict/train exactly Network::input_size values
// max-lines: 25
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
#ifdef HANAPROP_MUST_FAIL
    const std::array<float, 6> x{};
#else
    const std::array<float, 7> x{};
#endif
    const std::array<float, 3> y{1, 0, 0};
    hanaprop::train_sample(net, ws, x, y, 0.3f);
}
