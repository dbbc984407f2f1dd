// A one-hot target for 4 classes given to a network with 3 outputs.
// first-error: the_target_has<4>::values_but<hanaprop::basic_network<float, 7, 5, 3> ?>::outputs<3>
// max-lines: 25
#include <array>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
    const std::array<float, 7> x{};
#ifdef HANAPROP_MUST_FAIL
    hanaprop::train_sample(net, ws, x, hanaprop::one_hot<float, 4>(2), 0.3f);
#else
    hanaprop::train_sample(net, ws, x, hanaprop::one_hot<float, 3>(2), 0.3f);
#endif
}
