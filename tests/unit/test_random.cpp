// PCG32 against the reference implementation's published stream, and the
// distributions built on it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>

#include <catch2/catch.hpp>

#include <hanaprop/core/random.hpp>

TEST_CASE("pcg32 reproduces pcg32-demo's stream for seed 42, stream 54", "[random]")
{
    // The first six outputs printed by pcg-c-basic's pcg32-demo.
    hanaprop::pcg32 g{42u, 54u};
    const std::array<std::uint32_t, 6> expected{0xa15c02b7, 0x7b47f409, 0xba1d3330,
                                                0x83d2f293, 0xbfa4784b, 0xcbed606e};
    for (std::uint32_t e : expected) CHECK(g() == e);
}

TEST_CASE("pcg32 is a constant expression", "[random][constexpr]")
{
    constexpr std::uint32_t first = [] { hanaprop::pcg32 g{42u, 54u}; return g(); }();
    STATIC_REQUIRE(first == 0xa15c02b7);
}

TEST_CASE("uniform01 stays in [0, 1) and has mean 1/2", "[random]")
{
    hanaprop::pcg32 g{7};
    double sum_f = 0, sum_d = 0;
    bool in_range = true;
    constexpr int n = 200000;
    for (int i = 0; i < n; ++i) {
        const float f = hanaprop::uniform01<float>(g);
        const double d = hanaprop::uniform01<double>(g);
        in_range = in_range && f >= 0.0f && f < 1.0f && d >= 0.0 && d < 1.0;
        sum_f += f;
        sum_d += d;
    }
    CHECK(in_range);
    CHECK(sum_f / n == Approx(0.5).margin(0.005));
    CHECK(sum_d / n == Approx(0.5).margin(0.005));
}

TEST_CASE("below(n) is uniform over [0, n)", "[random]")
{
    hanaprop::pcg32 g{3};
    std::array<int, 7> counts{};
    for (int i = 0; i < 70000; ++i) ++counts[g.below(7)];
    for (int c : counts) CHECK(c == Approx(10000).margin(500));
}

TEST_CASE("shuffle permutes and depends on the seed only", "[random]")
{
    std::array<int, 50> a{}, b{};
    std::iota(a.begin(), a.end(), 0);
    b = a;
    hanaprop::pcg32 g1{11}, g2{11};
    hanaprop::shuffle(std::span{a}, g1);
    hanaprop::shuffle(std::span{b}, g2);
    CHECK(a == b);
    auto sorted = a;
    std::sort(sorted.begin(), sorted.end());
    std::array<int, 50> identity{};
    std::iota(identity.begin(), identity.end(), 0);
    CHECK(sorted == identity);
    CHECK(a != identity);
}
