// A network with no layer sizes at all.
// expect: at least two layer sizes
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<> net;
#else
hanaprop::network<1, 1> net;
#endif

int main() { return static_cast<int>(net.parameter_count) - 2; }
