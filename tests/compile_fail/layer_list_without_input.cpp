// A layered network starts with its input's size, input<N>.
// first-error: the_layer_list_needs<hanaprop::dense<4>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

using namespace hanaprop;
#ifdef HANAPROP_MUST_FAIL
layered_network<float, dense<4>, dense<8, activation::relu>, dense<3>> net;
#else
layered_network<float, input<4>, dense<8, activation::relu>, dense<3>> net;
#endif

int main() { return static_cast<int>(net.parameter_count); }
