// A double sample given to a float network.
// expect: value type is not the network's value type
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
