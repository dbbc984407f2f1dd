// 07-export-to-firmware.cpp - train on the host, ship the weights as code.
//
// Firmware should neither train at start-up nor read a weights file.
// export_header writes a trained network as a C++ header that defines it
// as a constexpr value: every weight a hexadecimal float literal, so the
// firmware's copy is the host's, bit for bit. The build runs this program
// to write xor_network.hpp, then compiles 07-firmware.cpp against it.
//
//   07-export-to-firmware HEADER   (writes HEADER, e.g. xor_network.hpp)
#include <array>
#include <cstdio>
#include <exception>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/export_header.hpp>   // host only: files and exceptions

int main(int argc, char** argv)
{
    if (argc != 2) return std::fprintf(stderr, "usage: %s HEADER\n", argv[0]), 2;

    // XOR, trained as in 03-xor.cpp.
    using net_t = hanaprop::network<2, 3, 1>;
    constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{
        {{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};
    auto net = hanaprop::random_network<net_t>(7);
    hanaprop::workspace<net_t> ws;
    for (int epoch = 0; epoch < 1000; ++epoch) hanaprop::train_online_epoch(net, ws, table, 2.0f);

    // The header defines `constexpr ... xor_network`, of a type derived
    // from network<2, 3, 1>; it includes only the freestanding core.
    try {
        hanaprop::host::export_header(argv[1], net, "xor_network");
    } catch (const std::exception& e) {   // an unwritable file, a NaN weight
        return std::fprintf(stderr, "%s\n", e.what()), 1;
    }
    std::printf("wrote %s: a trained network<2, 3, 1>, %zu parameters\n", argv[1], net_t::parameter_count);
    for (const auto& [input, target] : table)   // the firmware must print the same figures
        std::printf("%g xor %g -> %.6f\n", double(input[0]), double(input[1]), double(net.predict(input)[0]));
}
