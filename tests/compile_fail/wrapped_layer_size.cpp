// A layer size computed in std::size_t that went below zero: 7 - 12
// wraps around to 2^64 - 5 with no error of the compiler's; the topology
// check names it as the -5 it stands for.
// first-error: the_topology<7, -5, 3>::has_a_negative_layer_size
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

constexpr std::size_t inputs = 7;
#ifdef HANAPROP_MUST_FAIL
constexpr std::size_t hidden = inputs - 12;
#else
constexpr std::size_t hidden = inputs - 2;
#endif
hanaprop::network<inputs, hidden, 3> net;

int main() { return static_cast<int>(net.parameter_count); }
