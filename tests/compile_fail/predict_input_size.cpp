// predict() on an input of the wrong length.
// expect: input has a different number of values than the network's input layer
// expect: \(8 == 7\)|8UL == 7UL
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
