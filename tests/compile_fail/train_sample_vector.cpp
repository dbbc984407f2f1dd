// train_sample with std::vectors: their size is not part of their type.
// first-error: the_input_is<std::vector<float> ?>::not_an_array_for<hanaprop::basic_network<float, 7, 5, 3> ?>::use<std::array<float, 7> ?>
// expect: train_sample_vector\.cpp:\d+:\d+:\s+(note: in instantiation|required from here)
#include <array>
#include <vector>
#include <hanaprop/hanaprop.hpp>

int main()
{
    using net_t = hanaprop::network<7, 5, 3>;
    net_t net{};
    hanaprop::workspace<net_t> ws;
#ifdef HANAPROP_MUST_FAIL
    std::vector<float> x(7), t(3);
#else
    std::array<float, 7> x{};
    std::array<float, 3> t{};
#endif
    hanaprop::train_sample(net, ws, x, t, 0.3f);
}
