// hanaprop::exp and sigmoid against libm, swept over the whole range the
// library promises: float on [-87, 88], double on [-708, 709].
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/random.hpp>
#include <hanaprop/core/sigmoid.hpp>
#include <hanaprop/core/activations.hpp>

namespace {

// Every 97th float bit pattern from `from` to `to` (same sign): about
// 37 million points over [-87, 88], so every binade is covered densely.
template <class F>
void for_floats(float from, float to, F&& visit)
{
    const std::uint32_t first = std::bit_cast<std::uint32_t>(from);
    const std::uint32_t last = std::bit_cast<std::uint32_t>(to);
    for (std::uint32_t bits = first; bits <= last; bits += 97) visit(std::bit_cast<float>(bits));
    visit(to);
}

} // namespace

TEST_CASE("exp(float) is within 2 ulp of libm on [-87, 88]", "[exp]")
{
    double worst = 0;
    float worst_x = 0;
    auto check = [&](float x) {
        const double reference = std::exp(static_cast<double>(x));
        const double error = std::abs(static_cast<double>(hanaprop::exp(x)) - reference) / reference;
        if (error > worst) worst = error, worst_x = x;
    };
    for_floats(0.0f, 88.0f, check);
    for_floats(-0.0f, -87.0f, check);
    INFO("worst relative error " << worst << " at x = " << worst_x);
    CHECK(worst <= 2.5e-7);
}

TEST_CASE("exp(double) is within 2 ulp of libm's long double on [-708, 709]", "[exp]")
{
    long double worst = 0;
    double worst_x = 0;
    auto check = [&](double x) {
        const long double reference = std::exp(static_cast<long double>(x));
        const long double error = std::abs(static_cast<long double>(hanaprop::exp(x)) - reference) / reference;
        if (error > worst) worst = error, worst_x = x;
    };
    hanaprop::pcg32 g{2024};
    for (int i = 0; i < 2'000'000; ++i) check(-708.0 + 1417.0 * hanaprop::uniform01<double>(g));
    for (double x = -708.0; x <= 709.0; x += 0.0625) check(x);   // the points where k changes
    check(-708.0);
    check(709.0);
    INFO("worst relative error " << static_cast<double>(worst) << " at x = " << worst_x);
    CHECK(worst <= 5e-16L);
}

TEST_CASE("exp is exact at 0 and never inf or 0 for a number", "[exp]")
{
    CHECK(hanaprop::exp(0.0f) == 1.0f);
    CHECK(hanaprop::exp(0.0) == 1.0);
    for (float x : {-1e30f, -1000.0f, -88.0f, 88.5f, 1000.0f, 1e30f, std::numeric_limits<float>::infinity(),
                    -std::numeric_limits<float>::infinity()}) {
        const float y = hanaprop::exp(x);
        INFO("x = " << x << ", exp(x) = " << y);
        CHECK(std::isfinite(y));
        CHECK(y > 0.0f);
    }
    for (double x : {-1e300, -800.0, 710.0, 1e300, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
        const double y = hanaprop::exp(x);
        INFO("x = " << x << ", exp(x) = " << y);
        CHECK(std::isfinite(y));
        CHECK(y > 0.0);
    }
}

TEST_CASE("sigmoid stays in [0, 1] for every finite input, +-1e30 included", "[exp]")
{
    bool all_in_range = true;
    for (std::uint32_t bits = 0; bits < 0x7f800000u; bits += 4099) {   // every 4099th finite positive float
        for (float x : {std::bit_cast<float>(bits), -std::bit_cast<float>(bits)}) {
            const float s = hanaprop::sigmoid(x);
            all_in_range = all_in_range && s >= 0.0f && s <= 1.0f;   // also false for NaN
        }
    }
    CHECK(all_in_range);
    CHECK(hanaprop::sigmoid(1e30f) == 1.0f);
    CHECK(hanaprop::sigmoid(-1e30f) >= 0.0f);
    CHECK(hanaprop::sigmoid(-1e30f) < 1e-37f);
    CHECK(hanaprop::sigmoid(std::numeric_limits<float>::max()) == 1.0f);
    CHECK(hanaprop::sigmoid(1e300) == 1.0);
    CHECK(hanaprop::sigmoid(-1e300) >= 0.0);
    CHECK(hanaprop::sigmoid(0.0f) == 0.5f);
}

TEST_CASE("NaN in, NaN out: exp and sigmoid do not hide a NaN", "[exp]")
{
    // Every NaN bit pattern class: quiet and signalling, either sign, any payload.
    for (const std::uint32_t bits : {0x7fc00000u, 0xffc00000u, 0x7f800001u, 0xff800001u, 0x7fffffffu, 0x7fa5a5a5u}) {
        const float nan = std::bit_cast<float>(bits);
        INFO("bits " << bits);
        CHECK(std::isnan(hanaprop::exp(nan)));
        CHECK(std::isnan(hanaprop::sigmoid(nan)));
    }
    for (const std::uint64_t bits : {0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull,
                                     0x7fffffffffffffffull}) {
        const double nan = std::bit_cast<double>(bits);
        INFO("bits " << bits);
        CHECK(std::isnan(hanaprop::exp(nan)));
        CHECK(std::isnan(hanaprop::sigmoid(nan)));
    }
    // The largest finite values and infinities are numbers: they still clamp.
    CHECK(std::isfinite(hanaprop::exp(std::numeric_limits<float>::max())));
    CHECK(hanaprop::sigmoid(-std::numeric_limits<float>::infinity()) >= 0.0f);
}

namespace {
constexpr bool is_nan(auto x) { return x != x; }
} // namespace

TEST_CASE("NaN in, NaN out in constant expressions too", "[exp][constexpr]")
{
    STATIC_REQUIRE(is_nan(hanaprop::exp(std::numeric_limits<float>::quiet_NaN())));
    STATIC_REQUIRE(is_nan(hanaprop::exp(std::numeric_limits<double>::quiet_NaN())));
    STATIC_REQUIRE(is_nan(hanaprop::sigmoid(std::numeric_limits<float>::quiet_NaN())));
    STATIC_REQUIRE(is_nan(hanaprop::sigmoid(std::numeric_limits<double>::quiet_NaN())));
    STATIC_REQUIRE(hanaprop::sigmoid(std::numeric_limits<float>::infinity()) == 1.0f);
}

TEST_CASE("sigmoid matches 1 / (1 + exp(-z)) on libm", "[exp]")
{
    double worst = 0;
    for (float z = -30.0f; z <= 30.0f; z += 0.001f) {
        const double reference = 1.0 / (1.0 + std::exp(-static_cast<double>(z)));
        worst = std::max(worst, std::abs(hanaprop::sigmoid(z) - reference) / reference);
    }
    CHECK(worst <= 3e-7);
}

TEST_CASE("exp and sigmoid are constant expressions", "[exp][constexpr]")
{
    STATIC_REQUIRE(hanaprop::exp(0.0f) == 1.0f);
    STATIC_REQUIRE(hanaprop::exp(1.0) > 2.718281828459045 && hanaprop::exp(1.0) < 2.718281828459046);
    STATIC_REQUIRE(hanaprop::sigmoid(0.0) == 0.5);
    STATIC_REQUIRE(hanaprop::sigmoid_derivative_from_output(0.5f) == 0.25f);
}

TEST_CASE("the vector sigmoid of the kernels is the scalar sigmoid, bit for bit", "[exp][simd]")
{
    // Every 4099th float bit pattern, both signs: all binades, the clamp's
    // limits, subnormals, +-0, +-inf and NaNs, 16 values at a time.
    std::array<float, 16> block{};
    std::array<float, 16> scalar{};
    std::size_t filled = 0;
    std::size_t compared = 0;
    const auto check = [&] {
        hanaprop::detail::activate_vector<hanaprop::activation::sigmoid>(block);   // the kernels' call
        for (std::size_t k = 0; k < filled; ++k) {
            INFO("input " << scalar[k]);
            const float expected = hanaprop::sigmoid(scalar[k]);
            if (std::isnan(expected)) CHECK(std::isnan(block[k]));
            else CHECK(std::bit_cast<std::uint32_t>(block[k]) == std::bit_cast<std::uint32_t>(expected));
        }
        compared += filled;
        filled = 0;
    };
    const auto visit = [&](float x) {
        scalar[filled] = x;
        block[filled] = x;
        if (++filled == block.size()) check();
    };
    for (std::uint64_t bits = 0; bits <= 0xffffffffull; bits += 4099) visit(std::bit_cast<float>(std::uint32_t(bits)));
    for (const float x : {0.0f, -0.0f, 88.3f, -87.3f, 1e30f, -1e30f, std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN(),
                          std::numeric_limits<float>::denorm_min()})
        visit(x);
    // The clamp's limits as exp sees them (exp(-z)), and their neighbours.
    for (const float limit : {87.3f, -88.3f}) {
        visit(limit);
        visit(std::nextafter(limit, -std::numeric_limits<float>::infinity()));
        visit(std::nextafter(limit, std::numeric_limits<float>::infinity()));
    }
    while (filled != 0) visit(0.5f);   // the last partial block
    CHECK(compared > 1'000'000);
}
