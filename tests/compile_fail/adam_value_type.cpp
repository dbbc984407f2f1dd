// Adam divides by a square root: floating-point networks only.
// first-error: hanaprop::adam needs a floating-point value type
// max-lines: 25
#include <hanaprop/core/fixed.hpp>
#include <hanaprop/core/optimizers.hpp>

#ifdef HANAPROP_MUST_FAIL
using value = hanaprop::fixed<16, 12>;
#else
using value = float;
#endif

int main()
{
    hanaprop::adam<value> opt{};
    return opt.beta1 > value(0) ? 0 : 1;
}
