// A network with no layer sizes at all.
// first-error: the_topology<>::needs_an_input_and_an_output_layer
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<> net;
#else
hanaprop::network<1, 1> net;
#endif

int main() { return static_cast<int>(net.parameter_count) - 2; }
