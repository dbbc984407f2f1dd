// 07-firmware.cpp - the device side of 07-export-to-firmware.cpp: it uses
// the network that the host trained and exported, and only the core (no
// heap, no exceptions, no file). Here it runs on the host and prints; the
// same source builds for a Cortex-M (see docs/embedded.md).
#include <array>
#include <cstdio>

#include "xor_network.hpp"   // written by 07-export-to-firmware at build time

int main()
{
    // A constant in read-only memory: 13 floats, no start-up cost.
    constexpr const hanaprop::network<2, 3, 1>& net = xor_network;
    static_assert(net.predict(std::array<float, 2>{1, 0})[0] > 0.5f, "1 xor 0 is 1, checked by the compiler");

    int wrong = 0;
    for (const float a : {0.0f, 1.0f})
        for (const float b : {0.0f, 1.0f}) {
            const float output = net.predict(std::array<float, 2>{a, b})[0];
            wrong += (output > 0.5f) != (a != b);
            std::printf("%g xor %g -> %.6f\n", double(a), double(b), double(output));
        }
    return wrong == 0 ? 0 : 1;
}
