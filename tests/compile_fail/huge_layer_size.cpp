// A size too large to be a layer: 2^63 - 1 neurons (std::size_t(-1) / 2,
// what a wrapped or uninitialised size computation gives) has more
// weights than any object can hold; the check says so instead of the
// compiler's "array is too large" from inside the layer storage.
// first-error: the_topology<7, 9223372036854775807, 3>::has_more_parameters_than_an_object_can_hold
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<7, std::size_t(-1) / 2, 3> net;
#else
hanaprop::network<7, std::size_t(5), 3> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
