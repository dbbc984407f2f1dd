// A negative layer size written as such: the compilers reject the
// conversion of -5 to the std::size_t parameter themselves, and their
// first line names it; the topology check then keeps the rest short (the
// wrapped size is laid out as 1, so no "array is too large" follows).
// first-error: -5
// first-error: narrow
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

#ifdef HANAPROP_MUST_FAIL
hanaprop::network<7, -5, 3> net;
#else
hanaprop::network<7, 5, 3> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
