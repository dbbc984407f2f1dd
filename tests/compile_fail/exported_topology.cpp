// A header written by hanaprop::host::export_header for one topology (7-5-3),
// used where the code expects another (7-4-3).
// expect: fixture_net holds a hanaprop::basic_network<float, 7, 5, 3>
// expect: the code uses it as another type \(another topology or value type\)
// expect: basic_network<float, 7, 4, 3>
// max-lines: 30
#include <hanaprop/hanaprop.hpp>

#include "../embedded/exported_7_5_3_fixture.hpp"   // written by export_header

#ifdef HANAPROP_MUST_FAIL
using expected_net = hanaprop::network<7, 4, 3>;
#else
using expected_net = hanaprop::network<7, 5, 3>;
#endif

int main()
{
    const expected_net& net = fixture_net;
    return static_cast<int>(net.predict(expected_net::input_type{})[0]);
}
