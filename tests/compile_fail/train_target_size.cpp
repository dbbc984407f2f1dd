// A target with a value per class, but the wrong number of classes.
// first-error: the_target_has<4>::values_but<hanaprop::basic_network<float, 7, 5, 3> ?>::outputs<3>
// expect: one value per output neuron: one_hot<T, Network::output_size>
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
    const std::array<float, 4> y{1, 0, 0, 0};
#else
    const std::array<float, 3> y{1, 0, 0};
#endif
    hanaprop::train_sample(net, ws, x, y, 0.3f);
}
