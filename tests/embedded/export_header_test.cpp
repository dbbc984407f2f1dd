// Unit tests of hanaprop/host/export_header.hpp (the round trip through a
// compiler is roundtrip_write + roundtrip_check).
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/export_header.hpp>

namespace {

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <class T>
bool reads_back_exactly(T value)
{
    std::string literal = hanaprop::host::detail::hex_float_literal(value);
    if constexpr (std::is_same_v<T, float>) {
        if (literal.back() != 'f') return false;
        literal.pop_back();
    }
    const T parsed = static_cast<T>(std::strtod(literal.c_str(), nullptr));
    return std::memcmp(&parsed, &value, sizeof(T)) == 0;
}

} // namespace

TEST_CASE("hex-float literals read back as the same bits", "[export_header]")
{
    CHECK(hanaprop::host::detail::hex_float_literal(3.0f) == "0x1.8p+1f");
    CHECK(hanaprop::host::detail::hex_float_literal(-0.0f) == "-0x0p+0f");
    CHECK(hanaprop::host::detail::hex_float_literal(0.5) == "0x1p-1");
    for (float v : {0.0f, -0.0f, 0.1f, -1.0f / 3.0f, FLT_MIN, FLT_MAX, -FLT_MAX, FLT_EPSILON,
                    std::numeric_limits<float>::denorm_min(), 1.0f + FLT_EPSILON})
        CHECK(reads_back_exactly(v));
    for (double v : {0.1, -0.0, DBL_MIN, DBL_MAX, std::numeric_limits<double>::denorm_min()})
        CHECK(reads_back_exactly(v));
    // Every 4097th float bit pattern that is finite.
    int checked = 0;
    for (std::uint64_t bits = 0; bits <= 0xffffffffu; bits += 4097) {
        const float v = std::bit_cast<float>(static_cast<std::uint32_t>(bits));
        if (!std::isfinite(v)) continue;
        ++checked;
        if (!reads_back_exactly(v)) FAIL("bit pattern " << bits);
    }
    CHECK(checked > 1000000);
}

TEST_CASE("the header names the type and the value as asked", "[export_header]")
{
    const auto net = hanaprop::random_network<hanaprop::network<7, 5, 3>>(1);
    std::ostringstream out;
    hanaprop::host::export_header(out, net, "my_net");
    const std::string text = out.str();
    CHECK(text.find("struct my_net_type : hanaprop::basic_network<float, 7, 5, 3>") != std::string::npos);
    CHECK(text.find("inline constexpr my_net_type my_net{") != std::string::npos);
    CHECK(text.find(hanaprop::host::detail::hex_float_literal(net.layer<1>().biases[2])) != std::string::npos);
}

TEST_CASE("the exporter still writes the checked-in fixture byte for byte", "[export_header]")
{
    // tests/embedded/exported_7_5_3_fixture.hpp is what the compile-fail
    // test includes; it must stay what export_header writes today.
    const auto net = hanaprop::random_network<hanaprop::network<7, 5, 3>>(1);
    std::ostringstream out;
    hanaprop::host::export_header(out, net, "fixture_net");
    CHECK(out.str() == read_file(HANAPROP_EXPORT_FIXTURE));
}

TEST_CASE("bad names and non-finite parameters are refused before anything is written", "[export_header]")
{
    auto net = hanaprop::random_network<hanaprop::network<2, 3, 1>>(1);
    std::ostringstream out;
    CHECK_THROWS_WITH(hanaprop::host::export_header(out, net, "seeds-net"), Catch::Contains("'seeds-net' is not a C++ identifier"));
    CHECK_THROWS_WITH(hanaprop::host::export_header(out, net, "1net"), Catch::Contains("not a C++ identifier"));
    CHECK_THROWS_AS(hanaprop::host::export_header(out, net, ""), std::invalid_argument);
    net.layer<1>().weights[0][2] = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_WITH(hanaprop::host::export_header(out, net, "ok_name"),
                      Catch::Contains("infinite or NaN") && Catch::Contains("layer 1, neuron 0, input 2"));
    net.layer<1>().weights[0][2] = 0;
    net.layer<0>().biases[1] = std::numeric_limits<float>::infinity();
    CHECK_THROWS_WITH(hanaprop::host::export_header(out, net, "ok_name"), Catch::Contains("layer 0, neuron 1, bias"));
    CHECK(out.str().empty());

    // The file version: no file is created for a bad network, and a path
    // that cannot be written is named in the error.
    const auto file = std::filesystem::temp_directory_path() / "hanaprop_export_test_refused.hpp";
    std::filesystem::remove(file);
    CHECK_THROWS_AS(hanaprop::host::export_header(file, net, "ok_name"), std::invalid_argument);
    CHECK_FALSE(std::filesystem::exists(file));
    const auto good = hanaprop::random_network<hanaprop::network<2, 3, 1>>(1);
    CHECK_THROWS_WITH(hanaprop::host::export_header("/nonexistent-dir/x.hpp", good, "ok_name"),
                      Catch::Contains("cannot write '/nonexistent-dir/x.hpp'"));
}
