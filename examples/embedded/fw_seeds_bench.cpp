// fw_seeds_bench.cpp - one inference of the seeds network in a function of
// its own, `infer`, so that count_instructions.py can count the
// instructions it executes under QEMU (a `meson test --benchmark`).
// Float, or Q4.11 with -DHANAPROP_FW_FIXED; the ReLU-softmax network
// (Q5.10 in fixed point) with -DHANAPROP_FW_RELU.
#include <array>


#include "semihost.hpp"
#include "seeds_probe_network.hpp"

using output_t = std::array<value_t, 3>;

// extern "C": an unmangled name for the counting script.
extern "C" [[gnu::noinline]] void infer(const std::array<value_t, 7>& input, output_t& output)
{
    output = net.predict(input);
}

int main()
{
    output_t output;
    infer(row, output);
#ifdef HANAPROP_FW_FIXED
    const bool ok = output[0].raw == probe_fixed_outputs[0];
#else
    const bool ok = output[0] - probe_outputs[0] < 1e-5f && probe_outputs[0] - output[0] < 1e-5f;
#endif
    semihost::write(ok ? "ok\n" : "FAIL\n");
    return ok ? 0 : 1;
}
