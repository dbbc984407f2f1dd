// A target with a value per class, but the wrong number of classes.
// expect: target has a different number of values than the network's output layer
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
