// softmax makes a layer's outputs sum to 1: a probability distribution for
// the output layer, never a hidden layer's features.
// first-error: layer<0>::softmax_is_for_the_output_layer_only<hanaprop::activation::softmax>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

using namespace hanaprop;
#ifdef HANAPROP_MUST_FAIL
layered_network<float, input<4>, dense<8, activation::softmax>, dense<3, activation::softmax>> net;
#else
layered_network<float, input<4>, dense<8, activation::relu>, dense<3, activation::softmax>> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
