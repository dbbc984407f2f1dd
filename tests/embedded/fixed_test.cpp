// Unit tests of hanaprop/core/fixed.hpp: Q-format arithmetic, saturation,
// the fixed-point sigmoid, and networks in fixed point.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <catch2/catch.hpp>

#include <hanaprop/core/fixed.hpp>
#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

using q12 = hanaprop::fixed<16, 12>;   // Q3.12
using q11 = hanaprop::fixed<16, 11>;   // Q4.11
using q16 = hanaprop::fixed<32, 16>;   // Q15.16

// Compile-time facts: conversion rounds to nearest and saturates.
static_assert(sizeof(q12) == 2 && sizeof(q16) == 4);
static_assert(q12(1.5f).raw == 6144);
static_assert(q12(-1.5f).raw == -6144);
static_assert(q12(1.0f / 8192).raw == 1);            // exactly half a step: away from zero
static_assert(q12(100).raw == 32767 && q12(-100).raw == -32768);
static_assert(q12(7).raw == 7 * 4096 && q12(8).raw == 32767 && q12(-8).raw == -32768 && q12(-9).raw == -32768);
static_assert(q12(0xffffffffffffffffull) == q12::max());   // unsigned: no wrap to a negative value
static_assert(q16(std::numeric_limits<long long>::min()) == q16::min());
static_assert(q12(1e30f) == q12::max() && q12(-1e30) == q12::min());
static_assert(q12(std::numeric_limits<float>::quiet_NaN()).raw == 0);
static_assert(sizeof(hanaprop::basic_network<q12, 7, 5, 3>) == 58 * 2);
static_assert(std::is_trivially_copyable_v<hanaprop::basic_network<q12, 7, 5, 3>>);

TEST_CASE("fixed arithmetic saturates instead of wrapping", "[fixed]")
{
    CHECK((q12(7.0f) + q12(7.0f)) == q12::max());
    CHECK((q12(-7.0f) - q12(7.0f)) == q12::min());
    CHECK(-q12::min() == q12::max());
    CHECK((q12(4.0f) * q12(4.0f)) == q12::max());
    CHECK((q12(-4.0f) * q12(4.0f)) == q12::min());
    CHECK((q12(1) / q12(0)) == q12::max());
    CHECK((q12(-1) / q12(0)) == q12::min());
    CHECK((q12(0) / q12(0)) == q12(0));
    CHECK((q16(30000) + q16(30000)) == q16::max());
    CHECK((q16(300) * q16(300)) == q16::max());
}

TEST_CASE("fixed multiplication and division match exact arithmetic to half a step", "[fixed]")
{
    hanaprop::pcg32 g{5};
    for (int k = 0; k < 100000; ++k) {
        const auto a = q12::from_raw(static_cast<std::int16_t>(g()));
        const auto b = q12::from_raw(static_cast<std::int16_t>(g()));
        const double exact = double(a) * double(b);
        const double product = double(a * b);
        if (exact < double(q12::max()) && exact > double(q12::min())) {
            REQUIRE(std::abs(product - exact) <= 0.5 / 4096);
        } else {
            REQUIRE((a * b == q12::max() || a * b == q12::min()));
        }
        if (b.raw != 0) {
            const double quotient = double(a) / double(b);
            if (quotient < double(q12::max()) && quotient > double(q12::min())) {
                REQUIRE(std::abs(double(a / b) - quotient) < 1.0 / 4096);
            }
        }
    }
}

TEST_CASE("the fixed sigmoid is within 0.0011 of the exact one for every Q3.12 value", "[fixed]")
{
    double worst = 0;
    for (int r = -32768; r <= 32767; ++r) {
        const auto x = q12::from_raw(r);
        const double exact = 1.0 / (1.0 + std::exp(-double(x)));
        worst = std::max(worst, std::abs(double(hanaprop::sigmoid(x)) - exact));
    }
    // Interpolation (< 0.00075), the table's rounding (half a step, 0.00012)
    // and the truncated interpolation (< 1 step, 0.00024): 0.00101 measured.
    CHECK(worst < 0.0011);
    // Symmetric, and exact at 0.
    CHECK(hanaprop::sigmoid(q12(0)).raw == 2048);
    for (int r = 1; r < 32767; r += 7)
        CHECK(hanaprop::sigmoid(q12::from_raw(r)).raw + hanaprop::sigmoid(q12::from_raw(-r)).raw == 4096);
    // Monotonic.
    for (int r = -32768; r < 32767; ++r)
        REQUIRE(hanaprop::sigmoid(q12::from_raw(r)) <= hanaprop::sigmoid(q12::from_raw(r + 1)));
}

TEST_CASE("the fixed dot product rounds once, from the exact sum", "[fixed]")
{
    hanaprop::pcg32 g{6};
    for (int k = 0; k < 10000; ++k) {
        std::array<q11, 7> a, b;
        std::int64_t exact = 0;
        for (std::size_t i = 0; i < 7; ++i) {
            a[i] = q11::from_raw(static_cast<std::int16_t>(g()) / 4);
            b[i] = q11::from_raw(static_cast<std::int16_t>(g()) / 4);
            exact += std::int64_t{a[i].raw} * b[i].raw;
        }
        const double value = double(exact) / (2048.0 * 2048.0);
        const auto d = hanaprop::dot(a, b);
        // Rounded to the nearest step, or saturated when out of range
        // (which lands within half a step of the range's end, or beyond).
        if (value <= double(q11::max()) && value >= double(q11::min()))
            REQUIRE(std::abs(double(d) - value) <= 0.5 / 2048);
        else if (value > 0)
            REQUIRE(d == q11::max());
        else
            REQUIRE(d == q11::min());
    }
}

TEST_CASE("a 32-bit fixed dot product of huge values saturates", "[fixed]")
{
    std::array<q16, 8> big;
    big.fill(q16::max());
    CHECK(hanaprop::dot(big, big) == q16::max());
    std::array<q16, 8> negative;
    negative.fill(q16::min());
    CHECK(hanaprop::dot(big, negative) == q16::min());
    // Small values: within one step per product of the exact sum.
    const std::array<q16, 3> a{q16(1.5f), q16(-2.25f), q16(0.125f)};
    const std::array<q16, 3> b{q16(2.0f), q16(0.5f), q16(-8.0f)};
    CHECK(double(hanaprop::dot(a, b)) == 3.0 - 1.125 - 1.0);
}

TEST_CASE("a fixed-point network agrees with its float original", "[fixed]")
{
    using float_net = hanaprop::network<7, 5, 3>;
    const auto net = hanaprop::random_network<float_net>(21);
    constexpr auto constant = hanaprop::network_cast<q12>(hanaprop::random_network<float_net>(21));
    const auto fixed_net = hanaprop::network_cast<q12>(net);
    CHECK(fixed_net == constant);   // the cast is the same at compile time and at run time
    hanaprop::pcg32 g{8};
    int same_class = 0;
    double worst = 0;
    for (int k = 0; k < 1000; ++k) {
        std::array<float, 7> x;
        for (auto& v : x) v = hanaprop::uniform01<float>(g);
        const auto y = net.predict(x);
        const auto q = fixed_net.predict(hanaprop::array_cast<q12>(x));
        for (std::size_t j = 0; j < 3; ++j) worst = std::max(worst, std::abs(double(q[j]) - double(y[j])));
        same_class += hanaprop::argmax(y) == hanaprop::argmax(q);
    }
    CHECK(worst < 0.005);
    CHECK(same_class >= 980);
}

TEST_CASE("a fixed-point network of every activation agrees with its float original", "[fixed]")
{
    namespace act = hanaprop::activation;
    using hanaprop::dense;
    using float_net = hanaprop::layered_network<float, hanaprop::input<7>, dense<6, act::tanh>, dense<5, act::relu>,
                                                dense<4, act::leaky_relu>, dense<4, act::identity>,
                                                dense<3, act::softmax>>;
    const auto net = hanaprop::random_network<float_net>(21);
    const auto fixed_net = hanaprop::network_cast<q16>(net);
    static_assert(std::is_same_v<std::remove_const_t<decltype(fixed_net)>,
                                 hanaprop::layered_network<q16, hanaprop::input<7>, dense<6, act::tanh>, dense<5, act::relu>,
                                                           dense<4, act::leaky_relu>, dense<4, act::identity>,
                                                           dense<3, act::softmax>>>);
    hanaprop::pcg32 g{8};
    int same_class = 0;
    double worst = 0, sum_error = 0;
    for (int k = 0; k < 1000; ++k) {
        std::array<float, 7> x;
        for (auto& v : x) v = 2 * hanaprop::uniform01<float>(g) - 1;
        const auto y = net.predict(x);
        const auto q = fixed_net.predict(hanaprop::array_cast<q16>(x));
        double sum = 0;
        for (std::size_t j = 0; j < 3; ++j) {
            worst = std::max(worst, std::abs(double(q[j]) - double(y[j])));
            sum += double(q[j]);
        }
        sum_error = std::max(sum_error, std::abs(sum - 1));
        same_class += hanaprop::argmax(y) == hanaprop::argmax(q);
    }
    CHECK(worst < 0.005);
    CHECK(sum_error < 1e-4);   // softmax's outputs, in Q15.16
    CHECK(same_class >= 980);
}

TEST_CASE("online SGD learns XOR in Q15.16 and in Q3.12 as in float", "[fixed]")
{
    using float_net = hanaprop::network<2, 3, 1>;
    const auto initial = hanaprop::random_network<float_net>(7);

    const auto train = [&](auto zero) {
        using T = decltype(zero);
        using Net = hanaprop::basic_network<T, 2, 3, 1>;
        auto net = hanaprop::network_cast<T>(initial);
        const std::array<hanaprop::sample_for<Net>, 4> table{{
            {{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};
        hanaprop::workspace<Net> ws{};
        for (int epoch = 0; epoch < 1000; ++epoch)
            hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<Net>>(table), T(2));
        int right = 0;
        for (const auto& s : table) right += (net.predict(s.input)[0] > T(0.5f)) == (s.target[0] > T(0.5f));
        return right;
    };
    CHECK(train(0.0f) == 4);
    CHECK(train(q16(0)) == 4);
    CHECK(train(q12(0)) == 4);
}

TEST_CASE("online SGD on the seeds data in fixed point scores as well as in float", "[fixed]")
{
    // The trainer of the seeds firmware's settings (examples/embedded/
    // train_seeds.cpp): min-max normalised rows, initial weights from seed
    // 1, 500 shuffled epochs at rate 0.3; only the value type changes.
    auto rows = hanaprop::host::read_labelled_csv<float, 7>(HANAPROP_SEEDS_CSV);
    for (std::size_t i = 0; i < 7; ++i) {
        float low = rows[0].features[i], high = low;
        for (const auto& r : rows) {
            low = std::min(low, r.features[i]);
            high = std::max(high, r.features[i]);
        }
        for (auto& r : rows) r.features[i] = (r.features[i] - low) / (high - low);
    }
    const auto train = [&](auto zero) {
        using T = decltype(zero);
        using Net = hanaprop::basic_network<T, 7, 5, 3>;
        std::vector<hanaprop::sample_for<Net>> samples;
        for (const auto& r : rows)
            samples.push_back({hanaprop::array_cast<T>(r.features),
                               hanaprop::array_cast<T>(hanaprop::one_hot<float, 3>(std::size_t(r.label - 1)))});
        auto net = hanaprop::network_cast<T>(hanaprop::random_network<hanaprop::network<7, 5, 3>>(1));
        hanaprop::workspace<Net> ws{};
        hanaprop::pcg32 generator{2};
        for (int epoch = 0; epoch < 500; ++epoch) {
            hanaprop::shuffle(std::span(samples), generator);
            hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<Net>>(samples), T(0.3f));
        }
        return static_cast<int>(hanaprop::count_correct(net, std::span<const hanaprop::sample_for<Net>>(samples)));
    };
    const int float_correct = train(0.0f);
    CHECK(float_correct >= 200);
    // Within 1 point (2.1 of 210 rows) of float, on the training data.
    CHECK(train(q12(0)) * 100 >= float_correct * 100 - 210);
    CHECK(train(q11(0)) * 100 >= float_correct * 100 - 210);
    CHECK(train(q16(0)) * 100 >= float_correct * 100 - 210);
}
