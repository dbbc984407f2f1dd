// A pack of zero lanes holds no network.
// first-error: needs at least one lane
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

int main()
{
#ifdef HANAPROP_MUST_FAIL
    hanaprop::lanes<float, 0> rate(0.3f);
#else
    hanaprop::lanes<float, 4> rate(0.3f);
#endif
    return static_cast<int>(rate.size);
}
