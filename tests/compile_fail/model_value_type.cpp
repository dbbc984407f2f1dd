// A model file holds float, double or fixed-point parameters only.
// first-error: hanaprop model files hold float, double or hanaprop::fixed parameters
// max-lines: 25
#include <array>

#include <hanaprop/core/model_bytes.hpp>

int main()
{
#ifdef HANAPROP_MUST_FAIL
    hanaprop::basic_network<long double, 2, 2> net{};
#else
    hanaprop::basic_network<double, 2, 2> net{};
#endif
    std::array<unsigned char, 128> buffer{};
    return hanaprop::save_model_bytes(net, buffer) && hanaprop::load_model_bytes(net, buffer) ? 0 : 1;
}
