// The quadratic cost after a softmax output would need softmax's whole
// Jacobian; hanaprop pairs softmax with cross-entropy only.
// first-error: the_loss<hanaprop::loss::quadratic>::does_not_pair_with_the_output<hanaprop::activation::softmax>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

using namespace hanaprop;
#ifdef HANAPROP_MUST_FAIL
layered_network<float, input<4>, dense<8, activation::tanh>, dense<3, activation::softmax>, loss::quadratic> net;
#else
layered_network<float, input<4>, dense<8, activation::tanh>, dense<3, activation::softmax>, loss::cross_entropy> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
