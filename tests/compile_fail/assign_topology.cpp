// Assigning a float network's weights to a double network of the same sizes.
// The conversion is deleted (so that std::is_convertible is false); g++ names
// the_weights_of in its first error line, clang in the note that follows.
// first-error: the_weights_of<hanaprop::basic_network<float, 7, 5, 3> ?>::do_not_fit<hanaprop::basic_network<double, 7, 5, 3> ?>|conversion function from 'const basic_network<float, \[3 \* \.\.\.\]>' to 'basic_network<double, \[3 \* \.\.\.\]>' invokes a deleted function
// expect: the_weights_of<hanaprop::basic_network<float, 7, 5, 3> ?>::do_not_fit<hanaprop::basic_network<double, 7, 5, 3> ?>
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
