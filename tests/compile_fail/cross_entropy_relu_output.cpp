// Cross-entropy reads the outputs as probabilities: a ReLU output is not
// one (it is unbounded and can be 0, whose logarithm is -infinity).
// first-error: the_loss<hanaprop::loss::cross_entropy>::does_not_pair_with_the_output<hanaprop::activation::relu>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

using namespace hanaprop;
#ifdef HANAPROP_MUST_FAIL
layered_network<double, input<2>, dense<3, activation::relu>, dense<1, activation::relu>, loss::cross_entropy> net;
#else
layered_network<double, input<2>, dense<3, activation::relu>, dense<1, activation::sigmoid>, loss::cross_entropy> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
