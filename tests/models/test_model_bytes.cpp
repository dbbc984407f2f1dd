// hanaprop/core/model_bytes.hpp and core/crc32.hpp: the freestanding model
// format, on a caller's buffer.
#include <zlib.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/core/crc32.hpp>
#include <hanaprop/core/model_bytes.hpp>

namespace {

using hanaprop::model_status;

// Every parameter a random bit pattern: NaN payloads, infinities, -0 and
// subnormals included, so that equality of the bits is the test.
template <class Net>
Net random_bits_network(std::uint64_t seed)
{
    using T = typename Net::value_type;
    hanaprop::pcg32 g{seed};
    Net net{};
    hanaprop::detail::for_each_parameter(net, [&](T& value) {
        using V = hanaprop::detail::model_value<T>;
        const std::uint64_t bits = std::uint64_t{g()} << 32 | g();
        value = V::from_bits(V::bytes == 8 ? bits : bits & ((std::uint64_t{1} << (8 * V::bytes)) - 1));
    });
    return net;
}

// Every parameter's bits (not memcmp of the objects: a network of 4 KB
// or more has padding at its end, whose bytes no copy has to keep).
template <class Net>
bool same_bits(const Net& a, const Net& b)
{
    using T = typename Net::value_type;
    using V = hanaprop::detail::model_value<T>;
    std::vector<std::uint64_t> bits;
    hanaprop::detail::for_each_parameter(a, [&](const T& value) { bits.push_back(V::to_bits(value)); });
    std::size_t n = 0;
    bool same = true;
    hanaprop::detail::for_each_parameter(b, [&](const T& value) { same = same && V::to_bits(value) == bits[n++]; });
    return same && n == bits.size();
}

template <class Net>
void check_round_trip(std::uint64_t seed)
{
    const Net net = random_bits_network<Net>(seed);
    std::vector<unsigned char> buffer(hanaprop::model_size<Net>);
    const auto saved = hanaprop::save_model_bytes(net, buffer);
    REQUIRE(saved.status == model_status::ok);
    CHECK(saved.size == hanaprop::model_size<Net>);
    Net loaded{};
    const auto read = hanaprop::load_model_bytes(loaded, buffer);
    REQUIRE(read.status == model_status::ok);
    CHECK(same_bits(net, loaded));
}

// The 7-5-3 float model of random_network(5), at compile time.
constexpr auto small_model = [] {
    std::array<unsigned char, hanaprop::model_size<hanaprop::network<7, 5, 3>>> bytes{};
    hanaprop::save_model_bytes(hanaprop::random_network<hanaprop::network<7, 5, 3>>(5), bytes);
    return bytes;
}();

} // namespace

TEST_CASE("crc32 is zlib's", "[model_bytes]")
{
    constexpr std::array<unsigned char, 9> check{'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    static_assert(hanaprop::crc32(0, check) == 0xCBF43926u);   // the CRC-32 check value
    static_assert(hanaprop::crc32(0, {}) == 0);
    hanaprop::pcg32 g{11};
    std::vector<unsigned char> bytes(3000);
    for (auto& b : bytes) b = static_cast<unsigned char>(g());
    for (std::size_t n : {0, 1, 2, 3, 15, 16, 17, 255, 256, 1000, 3000}) {
        const std::span<const unsigned char> part{bytes.data(), n};
        const auto expected = static_cast<std::uint32_t>(::crc32(0, bytes.data(), static_cast<uInt>(n)));
        CHECK(hanaprop::crc32(0, part) == expected);
        // Continued in two pieces, as zlib's.
        CHECK(hanaprop::crc32(hanaprop::crc32(0, part.first(n / 3)), part.subspan(n / 3)) == expected);
    }
}

TEST_CASE("a model round-trips bit for bit for every value type", "[model_bytes]")
{
    check_round_trip<hanaprop::network<7, 5, 3>>(1);
    check_round_trip<hanaprop::basic_network<double, 7, 5, 3>>(2);
    check_round_trip<hanaprop::basic_network<float, 3, 9, 4, 2>>(3);
    check_round_trip<hanaprop::basic_network<hanaprop::fixed<16, 2>, 7, 5, 3>>(4);
    check_round_trip<hanaprop::basic_network<hanaprop::fixed<16, 11>, 7, 5, 3>>(5);
    check_round_trip<hanaprop::basic_network<hanaprop::fixed<16, 12>, 7, 5, 3>>(6);
    check_round_trip<hanaprop::basic_network<hanaprop::fixed<32, 16>, 7, 5, 3>>(7);
    check_round_trip<hanaprop::basic_network<hanaprop::fixed<32, 28>, 2, 3, 1>>(8);
    check_round_trip<hanaprop::basic_network<double, 784, 30, 10>>(9);
}

TEST_CASE("a layered network round-trips with its activations and loss", "[model_bytes]")
{
    using namespace hanaprop;
    namespace act = hanaprop::activation;
    using relu_softmax = layered_network<float, input<784>, dense<100, act::relu>, dense<10, act::softmax>>;
    check_round_trip<relu_softmax>(10);
    check_round_trip<layered_network<double, input<4>, dense<6, act::tanh>, dense<5, act::leaky_relu>,
                                     dense<3, act::identity>>>(11);
    check_round_trip<layered_network<fixed<32, 16>, input<3>, dense<4, act::relu>, dense<2>, loss::cross_entropy>>(12);

    // The header names each layer's activation and the loss by their ids.
    using small = layered_network<float, input<2>, dense<3, act::tanh>, dense<2, act::softmax>>;
    std::array<unsigned char, model_size<small>> bytes{};
    REQUIRE(save_model_bytes(random_network<small>(1), bytes).status == model_status::ok);
    constexpr std::size_t ids = detail::model_activations_offset<small>;   // one id per layer, then the loss's
    CHECK(bytes[ids] == std::uint8_t(activation_id::tanh));
    CHECK(bytes[ids + 1] == std::uint8_t(activation_id::softmax));
    CHECK(bytes[ids + 2] == std::uint8_t(loss_id::cross_entropy));

    // A file of another activation is refused, and the network is unchanged.
    using sigmoid_twin = layered_network<float, input<2>, dense<3>, dense<2>, loss::cross_entropy>;
    sigmoid_twin other = random_network<sigmoid_twin>(2);
    const sigmoid_twin before = other;
    const auto read = load_model_bytes(other, bytes);
    CHECK(read.status == model_status::activation_mismatch);
    CHECK(read.offset == ids);
    CHECK(read.found == std::uint8_t(activation_id::tanh));
    CHECK(read.expected == std::uint8_t(activation_id::sigmoid));
    CHECK(other == before);
}

TEST_CASE("the format is the one documented, and works at compile time", "[model_bytes]")
{
    using Net = hanaprop::network<7, 5, 3>;
    static_assert(hanaprop::model_size<Net> == 31 + 58 * 4);
    static_assert(small_model[0] == 'H' && small_model[1] == 'N' && small_model[2] == 'P' && small_model[3] == 'M');
    static_assert(small_model[4] == 1);                      // format version
    static_assert(small_model[6] == 1 && small_model[7] == 0);   // binary32
    static_assert(small_model[24] == 0 && small_model[25] == 0);   // sigmoid, sigmoid
    static_assert(small_model[26] == 0);                     // quadratic
    static_assert([] {
        Net net{};
        return hanaprop::load_model_bytes(net, small_model).status == model_status::ok &&
               net == hanaprop::random_network<Net>(5);
    }());
    // On this (little-endian) machine: the count and sizes, low byte first.
    REQUIRE(small_model[5] == 1);
    CHECK(std::vector<unsigned char>(small_model.begin() + 8, small_model.begin() + 24) ==
          std::vector<unsigned char>{3, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0});
    const auto net = hanaprop::random_network<Net>(5);
    std::uint32_t first_weight = 0;
    std::memcpy(&first_weight, small_model.data() + 31, 4);
    CHECK(first_weight == std::bit_cast<std::uint32_t>(net.layer<0>().weights[0][0]));
    std::uint32_t last_bias = 0;
    std::memcpy(&last_bias, small_model.data() + small_model.size() - 4, 4);
    CHECK(last_bias == std::bit_cast<std::uint32_t>(net.layer<1>().biases[2]));
    std::uint32_t stored_crc = 0;
    std::memcpy(&stored_crc, small_model.data() + 27, 4);
    uLong crc = ::crc32(0, small_model.data(), 27);
    crc = ::crc32(crc, small_model.data() + 31, static_cast<uInt>(small_model.size() - 31));
    CHECK(stored_crc == crc);
}

TEST_CASE("a big-endian model loads into the same values", "[model_bytes]")
{
    using Net = hanaprop::basic_network<double, 4, 3, 2>;
    const Net net = random_bits_network<Net>(21);
    std::vector<unsigned char> little(hanaprop::model_size<Net>);
    REQUIRE(hanaprop::save_model_bytes(net, little));
    REQUIRE(little[5] == 1);
    // Every multi-byte field reversed, then the checksum of the result.
    std::vector<unsigned char> big = little;
    big[5] = 2;
    const auto reverse = [&](std::size_t at, std::size_t width) { std::reverse(big.begin() + at, big.begin() + at + width); };
    for (std::size_t at = 8; at < 24; at += 4) reverse(at, 4);
    for (std::size_t at = 31; at < big.size(); at += 8) reverse(at, 8);
    // The sizes end at 8 + 4 * 4 = 24; two activation ids, a loss id; CRC at 27.
    const std::size_t crc_at = hanaprop::detail::model_checksum_offset<Net>;
    REQUIRE(crc_at == 27);
    const std::uint32_t crc = hanaprop::detail::model_checksum<Net>(big);
    for (std::size_t i = 0; i < 4; ++i) big[crc_at + i] = static_cast<unsigned char>(crc >> (24 - 8 * i));
    Net loaded{};
    REQUIRE(hanaprop::load_model_bytes(loaded, big).status == model_status::ok);
    CHECK(same_bits(net, loaded));
}

TEST_CASE("the buffer API reports each problem with its byte and leaves the network alone", "[model_bytes]")
{
    using Net = hanaprop::network<7, 5, 3>;
    std::array<unsigned char, hanaprop::model_size<Net> - 1> small{};
    const auto too_small = hanaprop::save_model_bytes(hanaprop::random_network<Net>(1), small);
    CHECK(too_small == hanaprop::model_result{model_status::buffer_too_small, 0, 262, 263, 0});

    const auto original = hanaprop::random_network<Net>(2);
    const auto load = [&](std::vector<unsigned char> bytes) {
        Net net = original;
        const auto r = hanaprop::load_model_bytes(net, bytes);
        CHECK(net == original);
        return r;
    };
    const std::vector<unsigned char> good(small_model.begin(), small_model.end());
    auto bytes = good;
    CHECK(load({}) == hanaprop::model_result{model_status::truncated, 0, 0, 263, 0});
    CHECK(load({'H', 'N', 'P', 'M', 1, 1, 1}) == hanaprop::model_result{model_status::truncated, 7, 7, 263, 0});
    bytes[1] = 'X';
    CHECK(load(bytes) == hanaprop::model_result{model_status::not_a_model, 1, 'X', 'N', 0});
    bytes = good, bytes[4] = 9;
    CHECK(load(bytes) == hanaprop::model_result{model_status::unsupported_version, 4, 9, 1, 0});
    bytes = good, bytes[5] = 0;
    CHECK(load(bytes).status == model_status::bad_byte_order);
    bytes = good, bytes[6] = 3, bytes[7] = 12;
    CHECK(load(bytes) == hanaprop::model_result{model_status::value_type_mismatch, 6, 0x30c, 0x100, 0});
    bytes = good, bytes[16] = 4;
    CHECK(load(bytes) == hanaprop::model_result{model_status::topology_mismatch, 16, 4, 5, 0});
    bytes = good, bytes[25] = 6;
    CHECK(load(bytes) == hanaprop::model_result{model_status::unknown_activation, 25, 6, 0, 0});
    bytes = good, bytes[24] = 3;
    CHECK(load(bytes) == hanaprop::model_result{model_status::activation_mismatch, 24, 3, 0, 0});
    bytes = good, bytes[26] = 2;
    CHECK(load(bytes).status == model_status::unknown_loss);
    bytes = good, bytes[26] = 1;
    CHECK(load(bytes) == hanaprop::model_result{model_status::loss_mismatch, 26, 1, 0, 0});
    bytes = good, bytes.push_back(0);
    CHECK(load(bytes) == hanaprop::model_result{model_status::trailing_bytes, 263, 264, 263, 0});
    bytes = good, bytes.pop_back();
    CHECK(load(bytes) == hanaprop::model_result{model_status::truncated, 262, 262, 263, 0});
    bytes = good, bytes[100] ^= 0x10;
    const auto damaged = load(bytes);
    CHECK(damaged.status == model_status::checksum_mismatch);
    CHECK(damaged.offset == 27);
    CHECK(damaged.found != damaged.expected);
    // Every prefix of a good model is refused as truncated at its end.
    for (std::size_t n = 0; n < good.size(); ++n) {
        const auto r = load({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)});
        if (r.status != model_status::truncated || r.offset != n) FAIL("prefix of " << n << " bytes");
    }
}
