// roundtrip_check.cpp - second half of the export_header round trip: the
// headers written by roundtrip_write are compiled in here; every parameter
// must have the same bits as the host network's, and so must the outputs
// of both networks on many inputs.
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "roundtrip_double_net.hpp"
#include "roundtrip_float_net.hpp"
#include "roundtrip_relu_net.hpp"
#include "roundtrip_nets.hpp"

namespace {

template <class Net>
int compare(const char* what, const Net& host, const Net& compiled)
{
    int failures = 0;
    // Parameters: the objects are standard-layout arrays of T without
    // padding, so equal bytes means equal bits in every parameter (this
    // also tells -0.0 from +0.0, which == would not).
    if (std::memcmp(&host, &compiled, sizeof(Net)) != 0) {
        std::printf("FAIL: %s: the compiled parameters differ from the host's\n", what);
        ++failures;
    }
    using T = typename Net::value_type;
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    hanaprop::pcg32 generator{3};
    int outputs = 0;
    for (int k = 0; k < 1000; ++k) {
        typename Net::input_type x;
        for (auto& v : x) v = hanaprop::uniform01<T>(generator) * T(4) - T(2);
        const auto a = host.predict(x);
        const auto b = compiled.predict(x);
        for (std::size_t j = 0; j < a.size(); ++j, ++outputs)
            if (std::bit_cast<Bits>(a[j]) != std::bit_cast<Bits>(b[j])) {
                if (failures < 5) std::printf("FAIL: %s: output %zu of input %d differs\n", what, j, k);
                ++failures;
            }
    }
    std::printf("%s: %zu parameters and %d outputs compared bit for bit, %d differences\n", what,
                Net::parameter_count, outputs, failures);
    return failures;
}

} // namespace

int main()
{
    // Bound to a reference of the expected type, as a program would use it.
    const roundtrip::float_net& float_net = exported_float_net;
    const roundtrip::double_net& double_net = exported_double_net;
    int failures = compare("float 7-5-3", roundtrip::make_float_net(), float_net);
    failures += compare("double 3-4-2", roundtrip::make_double_net(), double_net);
    const roundtrip::relu_net& relu_net = exported_relu_net;
    failures += compare("float 4-6-5-3 relu tanh softmax", roundtrip::make_relu_net(), relu_net);
    // The exported value is a constant expression.
    static_assert(exported_float_net.layer<0>().weights[0][5] == 0.1f);
    static_assert(std::bit_cast<std::uint32_t>(exported_float_net.layer<0>().weights[0][0]) == 0x80000000u);
    return failures == 0 ? 0 : 1;
}
