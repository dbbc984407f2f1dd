// A layer of no neurons passes nothing on.
// first-error: the_topology<7, 0, 3>::has_a_layer_of_size_zero
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<7, 0, 3> net;
#else
hanaprop::network<7, 1, 3> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
