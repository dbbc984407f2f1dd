// export_header on a fixed-point network: the writer spells float and
// double literals only.
// first-error: export_header_writes_float_or_double_networks_not<hanaprop::fixed<16, 12> ?>
// expect: export_fixed_point\.cpp:\d+:\d+:\s+(note: in instantiation|required from here)
#include <sstream>
#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/export_header.hpp>

int main()
{
#ifdef HANAPROP_MUST_FAIL
    const hanaprop::basic_network<hanaprop::fixed<16, 12>, 7, 5, 3> net{};
#else
    const hanaprop::network<7, 5, 3> net{};
#endif
    std::ostringstream out;
    hanaprop::host::export_header(out, net, "seeds_net");
    return out.str().empty();
}
