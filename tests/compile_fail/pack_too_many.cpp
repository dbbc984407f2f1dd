// Five networks do not fit in the lanes of a lanes<float, 4> network.
// first-error: a_pack_of<4(ul)?>::lanes_cannot_hold<5(ul)?>::networks
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

int main()
{
#ifdef HANAPROP_MUST_FAIL
    const std::array<hanaprop::network<7, 5, 3>, 5> nets{};
#else
    const std::array<hanaprop::network<7, 5, 3>, 4> nets{};
#endif
    const auto pack = hanaprop::pack_networks<4>(nets);
    return static_cast<int>(pack.parameter_count);
}
