// roundtrip_write.cpp OUTDIR - first half of the export_header round trip:
// writes the networks of roundtrip_nets.hpp as headers.
#include <filesystem>
#include <iostream>

#include <hanaprop/host/export_header.hpp>

#include "roundtrip_nets.hpp"

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: roundtrip_write OUTDIR\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    hanaprop::host::export_header(dir / "roundtrip_float_net.hpp", roundtrip::make_float_net(), "exported_float_net");
    hanaprop::host::export_header(dir / "roundtrip_double_net.hpp", roundtrip::make_double_net(), "exported_double_net");
    hanaprop::host::export_header(dir / "roundtrip_relu_net.hpp", roundtrip::make_relu_net(), "exported_relu_net");
}
