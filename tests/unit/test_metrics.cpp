// Reading outputs as classes (core/metrics.hpp) and telling a network of
// numbers from one with a NaN in it (core/finite.hpp).
#include <array>
#include <cmath>
#include <limits>
#include <span>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

namespace {

using xor_net = hanaprop::network<2, 3, 1>;
using xor_sample = hanaprop::sample_for<xor_net>;
constexpr std::array<xor_sample, 4> xor_table{{{{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};

constexpr float quiet_nan = std::numeric_limits<float>::quiet_NaN();

} // namespace

TEST_CASE("one output is read with a threshold at 0.5", "[metrics]")
{
    // Every output of the all-zero network is sigmoid(0) = 0.5, which is
    // not above 0.5: it answers 0 everywhere, right for the two rows whose
    // XOR is 0. (argmax of one value is 0 for any output: 4 of 4.)
    const xor_net zeros{};
    CHECK(zeros.predict(xor_table[1].input)[0] == 0.5f);
    CHECK(hanaprop::count_correct(zeros, std::span<const xor_sample>(xor_table)) == 2);

    // A 1-1 network that answers x: sigmoid(10 x - 5) is 0.0067 at 0 and
    // 0.9933 at 1.
    using id_net = hanaprop::network<1, 1>;
    id_net identity{};
    identity.layer<0>().weights[0][0] = 10;
    identity.layer<0>().biases[0] = -5;
    const std::array<hanaprop::sample_for<id_net>, 2> same{{{{0}, {0}}, {{1}, {1}}}};
    const std::array<hanaprop::sample_for<id_net>, 2> flipped{{{{0}, {1}}, {{1}, {0}}}};
    CHECK(hanaprop::count_correct(identity, std::span(same)) == 2);
    CHECK(hanaprop::count_correct(identity, std::span(flipped)) == 0);

    STATIC_REQUIRE(hanaprop::classified_right(std::array<float, 1>{0.6f}, std::array<float, 1>{1}));
    STATIC_REQUIRE(hanaprop::classified_right(std::array<float, 1>{0.4f}, std::array<float, 1>{0}));
    STATIC_REQUIRE(!hanaprop::classified_right(std::array<float, 1>{0.6f}, std::array<float, 1>{0}));
    STATIC_REQUIRE(!hanaprop::classified_right(std::array<float, 1>{0.5f}, std::array<float, 1>{1}));
}

TEST_CASE("several outputs: the largest one names the class; a target with no class is never right",
          "[metrics]")
{
    STATIC_REQUIRE(hanaprop::classified_right(std::array<float, 3>{0.1f, 0.7f, 0.2f}, std::array<float, 3>{0, 1, 0}));
    STATIC_REQUIRE(!hanaprop::classified_right(std::array<float, 3>{0.1f, 0.7f, 0.2f}, std::array<float, 3>{1, 0, 0}));
    // An all-zero target (a label that was not in the label order) is not
    // class 0: an output that says class 0 is not right about it.
    STATIC_REQUIRE(!hanaprop::classified_right(std::array<float, 3>{0.9f, 0.1f, 0.1f}, std::array<float, 3>{0, 0, 0}));
}

TEST_CASE("a NaN weight gives NaN outputs, is_finite says so, and count_correct scores it 0", "[metrics][exp]")
{
    auto net = hanaprop::random_network<xor_net>(7);
    CHECK(hanaprop::is_finite(net));
    CHECK(hanaprop::count_correct(net, std::span<const xor_sample>(xor_table)) >= 1);   // 2 of 4: at chance

    net.layer<0>().weights[1][0] = quiet_nan;   // one weight of one hidden neuron
    CHECK_FALSE(hanaprop::is_finite(net));
    for (const auto& s : xor_table) CHECK(std::isnan(net.predict(s.input)[0]));
    CHECK(hanaprop::count_correct(net, std::span<const xor_sample>(xor_table)) == 0);

    auto with_inf = hanaprop::random_network<xor_net>(7);
    with_inf.layer<1>().biases[0] = std::numeric_limits<float>::infinity();
    CHECK_FALSE(hanaprop::is_finite(with_inf));

    // Three outputs: a NaN output is wrong for every class, class 0 included.
    constexpr std::array<float, 3> all_nan{quiet_nan, quiet_nan, quiet_nan};
    STATIC_REQUIRE(!hanaprop::classified_right(all_nan, std::array<float, 3>{1, 0, 0}));
}

TEST_CASE("is_finite works at compile time and on every value type", "[metrics][constexpr]")
{
    constexpr auto net = hanaprop::random_network<hanaprop::basic_network<double, 3, 2>>(1);
    STATIC_REQUIRE(hanaprop::is_finite(net));
    STATIC_REQUIRE(!hanaprop::is_finite(std::numeric_limits<double>::quiet_NaN()));
    STATIC_REQUIRE(!hanaprop::is_finite(-std::numeric_limits<float>::infinity()));
    STATIC_REQUIRE(hanaprop::is_finite(std::numeric_limits<float>::max()));
    STATIC_REQUIRE(hanaprop::is_finite(hanaprop::lanes<float, 4>(1.0f)));
    hanaprop::lanes<float, 4> one_nan(1.0f);
    one_nan.lane[3] = quiet_nan;
    CHECK_FALSE(hanaprop::is_finite(one_nan));
    STATIC_REQUIRE(hanaprop::is_finite(hanaprop::basic_network<hanaprop::fixed<16, 11>, 2, 1>{}));
}
