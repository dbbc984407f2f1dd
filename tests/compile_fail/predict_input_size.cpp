// predict() on an input of the wrong length.
// first-error: the_input_has<8>::values_but<hanaprop::basic_network<float, 7, 5, 3> ?>::expects<7>
// expect: give predict/train exactly Network::input_size values
// max-lines: 25
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    const hanaprop::network<7, 5, 3> net{};
#ifdef HANAPROP_MUST_FAIL
    const std::array<float, 8> x{};
#else
    const std::array<float, 7> x{};
#endif
    return static_cast<int>(net.predict(x)[0]);
}
