// A network is its parameters and nothing else (a large one also starts on
// a cache line, which pads its end by under 64 bytes).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <type_traits>

#include <boost/hana/length.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

using hanaprop::basic_network;
using hanaprop::network;

TEST_CASE("network<7, 5, 3> is exactly its 58 parameters", "[layout]")
{
    STATIC_REQUIRE(network<7, 5, 3>::parameter_count == 7 * 5 + 5 + 5 * 3 + 3);
    STATIC_REQUIRE(sizeof(network<7, 5, 3>) == 58 * sizeof(float));
    STATIC_REQUIRE(sizeof(basic_network<double, 7, 5, 3>) == 58 * sizeof(double));
    STATIC_REQUIRE(sizeof(network<3, 1, 4, 1, 2>) == network<3, 1, 4, 1, 2>::parameter_count * sizeof(float));
    STATIC_REQUIRE(alignof(network<7, 5, 3>) == alignof(float));
}

TEST_CASE("a network of 4 KB or more starts on a cache line", "[layout]")
{
    // 79,510 floats = 318,040 bytes, padded to the next multiple of 64.
    STATIC_REQUIRE(alignof(network<784, 100, 10>) == 64);
    STATIC_REQUIRE(sizeof(network<784, 100, 10>) == 318080);
    STATIC_REQUIRE(alignof(hanaprop::gradients<network<784, 100, 10>>) == 64);
    // 1,023 floats (4,092 bytes) stay packed; 1,024 do not.
    STATIC_REQUIRE(network<30, 33>::parameter_count == 1023 && network<31, 32>::parameter_count == 1024);
    STATIC_REQUIRE(alignof(network<30, 33>) == alignof(float));
    STATIC_REQUIRE(sizeof(network<30, 33>) == 1023 * sizeof(float));
    STATIC_REQUIRE(alignof(network<31, 32>) == 64);
    STATIC_REQUIRE(alignof(basic_network<double, 16, 31>) == 64);   // 527 doubles
    // The parameters still form one block from the start of the object.
    static network<784, 100, 10> big;
    CHECK(reinterpret_cast<std::uintptr_t>(&big) % 64 == 0);
    CHECK(reinterpret_cast<const unsigned char*>(&big.layer<1>().weights[0][0]) -
              reinterpret_cast<const unsigned char*>(&big) ==
          78500 * sizeof(float));
    const auto owned = std::make_unique<network<784, 30, 10>>();
    CHECK(reinterpret_cast<std::uintptr_t>(owned.get()) % 64 == 0);
}

TEST_CASE("the network is trivially copyable and standard-layout", "[layout]")
{
    STATIC_REQUIRE(std::is_trivially_copyable_v<network<7, 5, 3>>);
    STATIC_REQUIRE(std::is_standard_layout_v<network<7, 5, 3>>);
    STATIC_REQUIRE(std::is_standard_layout_v<basic_network<double, 4, 3, 2, 1>>);
    STATIC_REQUIRE(std::is_trivially_copyable_v<basic_network<double, 4, 3, 2, 1>>);
}

// A network converts to no network of another shape or value type (its
// conversion to one is deleted, only to name the mistake), and stays
// copyable and an aggregate.
namespace converts {
using namespace hanaprop;
using relu_753 = layered_network<float, input<7>, dense<5, activation::relu>, dense<3>>;
using relu_743 = layered_network<float, input<7>, dense<4, activation::relu>, dense<3>>;
static_assert(!std::is_convertible_v<network<7, 5, 3>, network<7, 4, 3>>);
static_assert(!std::is_convertible_v<const network<7, 5, 3>&, network<7, 4, 3>>);
static_assert(!std::is_convertible_v<network<7, 5, 3>, basic_network<double, 7, 5, 3>>);
static_assert(!std::is_constructible_v<network<7, 4, 3>, const network<7, 5, 3>&>);
static_assert(!std::is_assignable_v<network<7, 4, 3>&, const network<7, 5, 3>&>);
static_assert(!std::is_convertible_v<relu_753, relu_743>);
static_assert(!std::is_convertible_v<relu_753, network<7, 5, 3>>);
static_assert(!std::is_convertible_v<network<7, 5, 3>, relu_753>);
static_assert(std::is_convertible_v<const network<7, 5, 3>&, network<7, 5, 3>>);
static_assert(std::is_copy_constructible_v<network<7, 5, 3>> && std::is_copy_assignable_v<network<7, 5, 3>>);
static_assert(std::is_copy_constructible_v<relu_753> && std::is_copy_assignable_v<relu_753>);
static_assert(std::is_aggregate_v<network<7, 5, 3>> && std::is_aggregate_v<relu_753>);
} // namespace converts

TEST_CASE("the topology is known to the compiler", "[layout]")
{
    using net_t = network<7, 5, 3>;
    STATIC_REQUIRE(net_t::depth == 2);
    STATIC_REQUIRE(net_t::input_size == 7);
    STATIC_REQUIRE(net_t::output_size == 3);
    STATIC_REQUIRE(net_t::size<1> == 5);
    STATIC_REQUIRE(decltype(boost::hana::length(net_t::topology))::value == 3);
    STATIC_REQUIRE(std::is_same_v<net_t::layer_type<0>, hanaprop::dense_layer<float, 7, 5>>);
    STATIC_REQUIRE(std::is_same_v<net_t::layer_type<1>, hanaprop::dense_layer<float, 5, 3>>);
    STATIC_REQUIRE(std::is_same_v<net_t::output_type, std::array<float, 3>>);
}

namespace shapes {
// The shape predicates constrain a template parameter directly.
template <class Net, hanaprop::input_for<Net> In>
constexpr bool takes(const In&) noexcept
{
    return true;
}
template <class Net, class In>
constexpr bool takes(const In&) noexcept
{
    return false;
}
} // namespace shapes

TEST_CASE("input_for and target_for name the network's input and target types", "[layout]")
{
    using net_t = network<7, 5, 3>;
    STATIC_REQUIRE(hanaprop::input_for<net_t::input_type, net_t>);
    STATIC_REQUIRE(hanaprop::input_for<const std::array<float, 7>&, net_t>);
    STATIC_REQUIRE(!hanaprop::input_for<std::array<float, 6>, net_t>);
    STATIC_REQUIRE(!hanaprop::input_for<std::array<double, 7>, net_t>);
    STATIC_REQUIRE(!hanaprop::input_for<std::array<float, 3>, net_t>);
    STATIC_REQUIRE(hanaprop::target_for<net_t::output_type, net_t>);
    STATIC_REQUIRE(!hanaprop::target_for<std::array<float, 7>, net_t>);
    STATIC_REQUIRE(!hanaprop::target_for<std::array<double, 3>, net_t>);
    STATIC_REQUIRE(hanaprop::input_for<std::array<double, 4>, basic_network<double, 4, 2>>);
    STATIC_REQUIRE(shapes::takes<net_t>(std::array<float, 7>{}));
    STATIC_REQUIRE(!shapes::takes<net_t>(std::array<float, 8>{}));
}

TEST_CASE("layers are stored in order, weights before biases, without padding", "[layout]")
{
    // The parameters form one block: layer 0's weights row by row, its
    // biases, then layer 1. A serialiser or an optimiser can rely on it.
    network<2, 2, 1> net{};
    const auto* base = reinterpret_cast<const unsigned char*>(&net);
    CHECK(reinterpret_cast<const unsigned char*>(&net.layer<0>().weights[1][0]) - base == 2 * sizeof(float));
    CHECK(reinterpret_cast<const unsigned char*>(&net.layer<0>().biases[0]) - base == 4 * sizeof(float));
    CHECK(reinterpret_cast<const unsigned char*>(&net.layer<1>().weights[0][0]) - base == 6 * sizeof(float));
    CHECK(reinterpret_cast<const unsigned char*>(&net.layer<1>().biases[0]) - base == 8 * sizeof(float));
}

TEST_CASE("initialisation is reproducible and in range", "[layout][init]")
{
    using net_t = network<784, 30, 10>;
    static const net_t a = hanaprop::random_network<net_t>(5);
    static const net_t b = hanaprop::random_network<net_t>(5);
    static const net_t c = hanaprop::random_network<net_t>(6);
    CHECK(a == b);
    CHECK_FALSE(a == c);
    // scaled: |w| <= 1/sqrt(fan_in)
    float largest0 = 0, largest1 = 0;
    for (const auto& row : a.layer<0>().weights)
        for (float w : row) largest0 = std::max(largest0, std::abs(w));
    for (const auto& row : a.layer<1>().weights)
        for (float w : row) largest1 = std::max(largest1, std::abs(w));
    CHECK(largest0 <= 1.0f / 28.0f);
    CHECK(largest0 > 0.9f / 28.0f);
    CHECK(largest1 <= 1.0f / std::sqrt(30.0f) * 1.000001f);
    CHECK(largest1 > 0.9f / std::sqrt(30.0f));

    const auto u = hanaprop::random_network<network<7, 5, 3>>(1, hanaprop::initialization::uniform_0_1);
    bool in_unit_interval = true;
    for (const auto& row : u.layer<0>().weights)
        for (float w : row) in_unit_interval = in_unit_interval && w >= 0.0f && w < 1.0f;
    CHECK(in_unit_interval);
    // The draw order is the tutorial's: neuron 0's 7 weights, then its bias.
    hanaprop::pcg32 g{1};
    for (int i = 0; i < 7; ++i) CHECK(u.layer<0>().weights[0][i] == hanaprop::uniform01<float>(g));
    CHECK(u.layer<0>().biases[0] == hanaprop::uniform01<float>(g));
    CHECK(u.layer<0>().weights[1][0] == hanaprop::uniform01<float>(g));
}
