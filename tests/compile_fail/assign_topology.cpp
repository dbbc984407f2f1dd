// Assigning a float network's weights to a double network of the same sizes.
// first-error: the_weights_of<hanaprop::basic_network<float, 7, 5, 3> ?>::do_not_fit<hanaprop::basic_network<double, 7, 5, 3> ?>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

int main()
{
    const hanaprop::network<7, 5, 3> trained{};
#ifdef HANAPROP_MUST_FAIL
    hanaprop::basic_network<double, 7, 5, 3> target{};
#else
    hanaprop::basic_network<float, 7, 5, 3> target{};
#endif
    target = trained;
    return static_cast<int>(target.parameter_count);
}
