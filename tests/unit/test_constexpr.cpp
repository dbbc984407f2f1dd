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
    for (int e = 0; e < epochs; ++e) hanaprop::train_online_epoch(net, ws, xor_table, 4.0f);
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

namespace {
// XOR as two classes: a ReLU hidden layer and a softmax output, trained
// on cross-entropy.
using relu_xor = hanaprop::layered_network<float, hanaprop::input<2>, hanaprop::dense<6, hanaprop::activation::relu>,
                                           hanaprop::dense<2, hanaprop::activation::softmax>>;
constexpr std::array<hanaprop::sample_for<relu_xor>, 4> xor_classes{{
    {{0, 0}, {1, 0}}, {{0, 1}, {0, 1}}, {{1, 0}, {0, 1}}, {{1, 1}, {1, 0}},
}};

constexpr int relu_xor_epochs = 150;

constexpr relu_xor train_relu_xor(int epochs)
{
    auto net = hanaprop::random_network<relu_xor>(2);   // He's initialisation, biases 0
    hanaprop::workspace<relu_xor> ws;
    for (int e = 0; e < epochs; ++e) hanaprop::train_online_epoch(net, ws, xor_classes, 0.1f);
    return net;
}

constexpr bool confident(const relu_xor& net)
{
    for (const auto& s : xor_classes) {
        const auto p = net.predict(s.input);
        if (p[hanaprop::argmax(s.target)] < 0.9f) return false;
    }
    return true;
}
} // namespace

TEST_CASE("a ReLU and softmax network trains at compile time", "[constexpr]")
{
    constexpr relu_xor untrained = train_relu_xor(0);
    constexpr relu_xor trained = train_relu_xor(relu_xor_epochs);
    STATIC_REQUIRE(!confident(untrained));
    STATIC_REQUIRE(confident(trained));
    constexpr auto p = trained.predict(std::array<float, 2>{0, 1});
    STATIC_REQUIRE(p[0] + p[1] > 0.999f && p[0] + p[1] < 1.001f);
    const relu_xor runtime = train_relu_xor(relu_xor_epochs);
    for (const auto& s : xor_classes)
        CHECK(runtime.predict(s.input)[1] == Approx(trained.predict(s.input)[1]).margin(1e-4));
}
