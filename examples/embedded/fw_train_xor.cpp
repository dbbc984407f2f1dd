// fw_train_xor.cpp - training on the microcontroller itself: a 2-3-1
// network learns XOR with online SGD (hanaprop::train_online_epoch), then the
// firmware checks all four cases. In float, or with -DHANAPROP_FW_FIXED in
// Q15.16 fixed point (hanaprop::fixed<32, 16>): the core's generic SGD code
// runs unchanged on saturating integers (see docs/embedded.md).
#include <array>
#include <cstdint>
#include <span>

#include <hanaprop/hanaprop.hpp>

#include "semihost.hpp"

using float_net_t = hanaprop::network<2, 3, 1>;
#ifdef HANAPROP_FW_FIXED
#include <hanaprop/core/fixed.hpp>
using value_t = hanaprop::fixed<32, 16>;
#else
using value_t = float;
#endif
using net_t = hanaprop::basic_network<value_t, 2, 3, 1>;
using sample_t = hanaprop::sample_for<net_t>;

// The initial weights are drawn at compile time (PCG32, seed 7) and stored
// in flash; everything after that runs on the target.
#ifdef HANAPROP_FW_FIXED
constexpr net_t initial = hanaprop::network_cast<value_t>(hanaprop::random_network<float_net_t>(7));
#else
constexpr net_t initial = hanaprop::random_network<net_t>(7);
#endif

constexpr std::array<sample_t, 4> table{{
    {{0, 0}, {0}},
    {{0, 1}, {1}},
    {{1, 0}, {1}},
    {{1, 1}, {0}},
}};

int main()
{
    net_t net = initial;
    hanaprop::workspace<net_t> ws{};
    for (int epoch = 0; epoch < 1000; ++epoch) hanaprop::train_online_epoch(net, ws, std::span<const sample_t>(table), value_t(2));

    int right = 0;
    for (const auto& s : table) {
        const value_t output = net.predict(s.input)[0];
        const bool ok = (output > value_t(0.5f)) == (s.target[0] > value_t(0.5f));
        right += ok;
        semihost::write(ok ? "ok   " : "FAIL ");
        semihost::write_int(static_cast<std::int32_t>(s.input[0] > value_t(0)));
        semihost::write(" xor ");
        semihost::write_int(static_cast<std::int32_t>(s.input[1] > value_t(0)));
        semihost::write(" -> ");
#ifdef HANAPROP_FW_FIXED
        semihost::write_micro(static_cast<std::int32_t>(std::int64_t{output.raw} * 1000000 / 65536));
#else
        semihost::write_micro(static_cast<std::int32_t>(output * 1e6f));
#endif
        semihost::write("\n");
    }
    semihost::write("XOR trained on the target: ");
    semihost::write_int(right);
    semihost::write("/4 right\n");
    return right == 4 ? 0 : 1;
}
