// A network needs an input and an output layer: network<7> has only one.
// first-error: the_topology<7>::needs_an_input_and_an_output_layer
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<7> net;
#else
hanaprop::network<7, 3> net;
#endif

int main() { return static_cast<int>(net.parameter_count) - 24; }
