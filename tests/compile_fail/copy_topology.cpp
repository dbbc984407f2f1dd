// Copying the weights of a 7-5-3 network into a 7-4-3 one.
// The conversion is deleted (so that std::is_convertible is false); g++ names
// the_weights_of in its first error line, clang in the note that follows.
// first-error: the_weights_of<hanaprop::basic_network<float, 7, 5, 3> ?>::do_not_fit<hanaprop::basic_network<float, 7, 4, 3> ?>|conversion function from 'const network<\[\.\.\.\], 5, \[\.\.\.\]>' to 'const network<\[\.\.\.\], 4, \[\.\.\.\]>' invokes a deleted function
// expect: the_weights_of<hanaprop::basic_network<float, 7, 5, 3> ?>::do_not_fit<hanaprop::basic_network<float, 7, 4, 3> ?>
// max-lines: 25
#include <hanaprop/hanaprop.hpp>

int main()
{
    const hanaprop::network<7, 5, 3> trained{};
#ifdef HANAPROP_MUST_FAIL
    const hanaprop::network<7, 4, 3> copy = trained;
#else
    const hanaprop::network<7, 5, 3> copy = trained;
#endif
    return static_cast<int>(copy.parameter_count);
}
