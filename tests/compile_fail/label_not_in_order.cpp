// A sample made at compile time with a label the label order does not
// hold (1-based labels, a 0-based order): its target would have no class.
// expect: the_label_is_not_one_of_the_classes
#include <array>
#include <hanaprop/hanaprop.hpp>

constexpr hanaprop::label_order<int, 3> order{{0, 1, 2}};
constexpr hanaprop::min_max_scaler<float, 2> scaler{{0, 0}, {1, 1}};
#ifdef HANAPROP_MUST_FAIL
constexpr auto s = hanaprop::make_sample(std::array<float, 2>{0.5f, 0.5f}, 3, scaler, order);
#else
constexpr auto s = hanaprop::make_sample(std::array<float, 2>{0.5f, 0.5f}, 2, scaler, order);
#endif

int main()
{
    return s.target[2] == 1.0f ? 0 : 1;
}
