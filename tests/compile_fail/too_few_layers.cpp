// A network needs an input and an output layer.
// expect: at least two layer sizes
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<7> net;
#else
hanaprop::network<7, 3> net;
#endif

int main() { return static_cast<int>(net.parameter_count) - 24; }
