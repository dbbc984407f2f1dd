// A double input given to a float network.
// first-error: the_input_holds<double>::but<hanaprop::basic_network<float, 7, 5, 3> ?>::computes_in<float>
// max-lines: 25
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    const hanaprop::network<7, 5, 3> net{};
#ifdef HANAPROP_MUST_FAIL
    const std::array<double, 7> x{};
#else
    const std::array<float, 7> x{};
#endif
    return static_cast<int>(net.predict(x)[0]);
}
