// predict, one SGD step and a short XOR training run are constant
// expressions: the compiler itself evaluates them. (This file is built with
// a raised constant-evaluation budget; see tests/unit/meson.build.)
#include <array>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

namespace {

using xor_net = hanaprop::network<2, 3, 1>;
constexpr std::array<hanaprop::sample_for<xor_net>, 4> xor_table{{
    {{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}},
}};

constexpr xor_net train_xor(int epochs)
{
    auto net = hanaprop::random_network<xor_net>(3);
    hanaprop::workspace<xor_net> ws;
    for (int e = 0; e < epochs; ++e) hanaprop::train_online(net, ws, xor_table, 4.0f);
    return net;
}

constexpr bool all_right(const xor_net& net)
{
    for (const auto& s : xor_table)
        if ((net.predict(s.input)[0] > 0.5f) != (s.target[0] > 0.5f)) return false;
    return true;
}

} // namespace

TEST_CASE("predict is a constant expression", "[constexpr]")
{
    constexpr auto net = hanaprop::random_network<hanaprop::network<7, 5, 3>>(1);
    constexpr auto out = net.predict(std::array<float, 7>{1, 2, 3, 4, 5, 6, 7});
    STATIC_REQUIRE(out[0] > 0.0f && out[0] < 1.0f);
    // ... and the same value as at run time.
    auto runtime_net = net;
    std::array<float, 7> x{1, 2, 3, 4, 5, 6, 7};
    CHECK(runtime_net.predict(x)[0] == Approx(out[0]).epsilon(1e-6));
}

TEST_CASE("one SGD step is a constant expression", "[constexpr]")
{
    constexpr auto before = hanaprop::random_network<xor_net>(3);
    constexpr auto after = [] {
        auto net = hanaprop::random_network<xor_net>(3);
        hanaprop::workspace<xor_net> ws;
        hanaprop::train_sample(net, ws, xor_table[1], 4.0f);
        return net;
    }();
    // The target of (0, 1) is 1: the step must raise the output.
    STATIC_REQUIRE(after.predict(std::array<float, 2>{0, 1})[0] > before.predict(std::array<float, 2>{0, 1})[0]);
}

TEST_CASE("a short XOR training run is a constant expression", "[constexpr]")
{
    constexpr xor_net untrained = train_xor(0);
    constexpr xor_net trained = train_xor(250);
    STATIC_REQUIRE(!all_right(untrained));
    STATIC_REQUIRE(all_right(trained));
    // Tolerance, not ==: the run-time build may contract a*b+c into FMA.
    const xor_net runtime = train_xor(250);
    for (const auto& s : xor_table)
        CHECK(runtime.predict(s.input)[0] == Approx(trained.predict(s.input)[0]).margin(1e-4));
}
