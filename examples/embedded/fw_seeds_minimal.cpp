// fw_seeds_minimal.cpp - the smallest useful firmware with a hanaprop
// network: the trained 7-5-3 seeds network (float, or fixed point with
// -DHANAPROP_FW_FIXED; the ReLU-softmax network with -DHANAPROP_FW_RELU),
// one input row (the one the network is least sure
// about: its outputs are not saturated), the host's outputs for it, the
// comparison and a semihosting printer. Its size is the library's size
// budget (examples/embedded/meson.build, docs/embedded.md).
#include <array>
#include <cstdint>


#include "semihost.hpp"
#include "seeds_probe_network.hpp"

int main()
{
    // Hide the input's value from the optimiser (an empty asm statement
    // that "may change" the pointer), so that the inference runs on the
    // target instead of being folded at compile time.
    const auto* input = &row;
    __asm volatile("" : "+r"(input));
    const auto output = net.predict(*input);

    int failures = 0;
    for (std::size_t k = 0; k < output.size(); ++k) {
#ifdef HANAPROP_FW_FIXED
        // Integer arithmetic: the host computed exactly the same raw values.
        // Printed raw: 2047/2048 in Q4.11.
        const bool ok = output[k].raw == probe_fixed_outputs[k];
        semihost::write(ok ? "ok " : "FAIL ");
        semihost::write_int(output[k].raw);
        semihost::write(fixed_one_text);
#else
        // Float: the target may fuse multiply-adds the host did not.
        const float error = output[k] - probe_outputs[k];
        const bool ok = error <= 1e-5f && error >= -1e-5f;
        semihost::write(ok ? "ok " : "FAIL ");
        semihost::write_micro(static_cast<std::int32_t>(output[k] * 1e6f));
        semihost::write("\n");
#endif
        failures += !ok;
    }
    return failures;
}
