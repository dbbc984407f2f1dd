// hanaprop/core/optimizers.hpp and core/divergence.hpp: each update against
// steps computed by hand, the schedules against their formulas, and
// divergence reported at the sample or batch where it appears.
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/core/divergence.hpp>
#include <hanaprop/core/optimizers.hpp>

#include "../common/random_samples.hpp"

namespace {

// One weight and one bias: w = 0.5, b = 0.1.
using tiny_net = hanaprop::basic_network<double, 1, 1>;

constexpr tiny_net tiny()
{
    tiny_net net{};
    net.layer<0>().weights[0][0] = 0.5;
    net.layer<0>().biases[0] = 0.1;
    return net;
}

// A gradient summed over a batch of two: with scale 1/2 the mean gradient
// is (gw / 2, gb / 2).
constexpr hanaprop::gradients<tiny_net> summed(double gw, double gb)
{
    hanaprop::gradients<tiny_net> g{};
    g.layer<0>().weights[0][0] = gw;
    g.layer<0>().biases[0] = gb;
    return g;
}

double weight(const tiny_net& net) { return net.layer<0>().weights[0][0]; }
double bias(const tiny_net& net) { return net.layer<0>().biases[0]; }

using Net = hanaprop::network<7, 5, 3>;

} // namespace

// The optimizer's memory is beside the network, never in it.
static_assert(sizeof(Net) == 232);
static_assert(sizeof(hanaprop::sgd<float>::state_type<Net>) == 1);
static_assert(sizeof(hanaprop::momentum<float>::state_type<Net>) == 232);
static_assert(sizeof(hanaprop::adam<float>::state_type<Net>) == 2 * 232 + sizeof(std::size_t));

TEST_CASE("sgd with L2 decay: one step by hand", "[optimizers]")
{
    // Mean gradient (0.1, -0.2), rate 0.1, decay 0.01 on the weight only:
    // w = 0.5 - 0.1 (0.1 + 0.01 * 0.5) = 0.4895;  b = 0.1 - 0.1 (-0.2) = 0.12.
    auto net = tiny();
    hanaprop::sgd<double> opt{.weight_decay = 0.01};
    hanaprop::sgd<double>::state_type<tiny_net> state;
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.4895).epsilon(1e-14));
    CHECK(bias(net) == Approx(0.12).epsilon(1e-14));
}

TEST_CASE("classical momentum: two steps by hand", "[optimizers]")
{
    // mu 0.9, rate 0.1, mean gradient (0.1, -0.2) twice.
    // 1: v = (0.1, -0.2);             w = 0.5 - 0.01 = 0.49,   b = 0.1 + 0.02 = 0.12
    // 2: v = 0.9 v + g = (0.19, -0.38); w = 0.49 - 0.019 = 0.471, b = 0.12 + 0.038 = 0.158
    auto net = tiny();
    hanaprop::momentum<double> opt{.coefficient = 0.9};
    hanaprop::momentum<double>::state_type<tiny_net> state{};
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.49).epsilon(1e-14));
    CHECK(bias(net) == Approx(0.12).epsilon(1e-14));
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.471).epsilon(1e-14));
    CHECK(bias(net) == Approx(0.158).epsilon(1e-14));
    CHECK(state.velocity.layer<0>().weights[0][0] == Approx(0.19).epsilon(1e-14));

    // With decay 0.1 the weight's gradient is 0.1 + 0.1 * 0.5 = 0.15:
    // v = 0.15, w = 0.5 - 0.015 = 0.485; the bias is not decayed.
    auto decayed = tiny();
    hanaprop::momentum<double>::state_type<tiny_net> fresh{};
    hanaprop::momentum<double>{.coefficient = 0.9, .weight_decay = 0.1}.update(decayed, fresh, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(decayed) == Approx(0.485).epsilon(1e-14));
    CHECK(bias(decayed) == Approx(0.12).epsilon(1e-14));
}

TEST_CASE("Nesterov momentum: two steps by hand", "[optimizers]")
{
    // w -= rate (g + mu v) with v already updated.
    // 1: v = (0.1, -0.2);   w = 0.5 - 0.1 (0.1 + 0.09) = 0.481,   b = 0.1 - 0.1 (-0.2 - 0.18) = 0.138
    // 2: v = (0.19, -0.38); w = 0.481 - 0.1 (0.1 + 0.171) = 0.4539, b = 0.138 - 0.1 (-0.2 - 0.342) = 0.1922
    auto net = tiny();
    hanaprop::momentum<double> opt{.coefficient = 0.9, .nesterov = true};
    hanaprop::momentum<double>::state_type<tiny_net> state{};
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.481).epsilon(1e-14));
    CHECK(bias(net) == Approx(0.138).epsilon(1e-14));
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.4539).epsilon(1e-14));
    CHECK(bias(net) == Approx(0.1922).epsilon(1e-14));
}

TEST_CASE("Adam: two steps by hand, bias correction included", "[optimizers]")
{
    // Rate 0.1, b1 0.9, b2 0.999, eps 1e-8. Weight gradients 0.1 then -0.3.
    // 1: m = 0.01, s = 1e-5; m^ = 0.01 / 0.1 = 0.1, s^ = 1e-5 / 0.001 = 0.01;
    //    w = 0.5 - 0.1 * 0.1 / (0.1 + 1e-8) = 0.40000001
    // 2: m = 0.009 - 0.03 = -0.021, s = 0.999e-5 + 0.001 * 0.09 = 9.999e-5;
    //    m^ = -0.021 / 0.19 = -0.1105263, s^ = 9.999e-5 / 0.001999 = 0.0500200;
    //    w = 0.40000001 + 0.1 * 0.1105263 / 0.2236515 = 0.4494190
    // Bias gradients -0.2 then 0.05: b = 0.19999999, then 0.2469468.
    auto net = tiny();
    hanaprop::adam<double> opt{};
    hanaprop::adam<double>::state_type<tiny_net> state{};
    opt.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.40000001).epsilon(1e-12));
    CHECK(bias(net) == Approx(0.199999995).epsilon(1e-12));
    opt.update(net, state, summed(-0.6, 0.1), 0.5, 0.1);
    CHECK(weight(net) == Approx(0.4494189911200654).epsilon(1e-12));
    CHECK(bias(net) == Approx(0.24694680889955317).epsilon(1e-12));
    CHECK(state.steps == 2);
    CHECK(state.first.layer<0>().weights[0][0] == Approx(-0.021).epsilon(1e-12));
    CHECK(state.second.layer<0>().weights[0][0] == Approx(9.999e-5).epsilon(1e-12));

    // Its square root, which the core computes without libm.
    for (double x : {1e-300, 1e-9, 0.01, 0.0500200100050025, 2.0, 1e300})
        CHECK(hanaprop::detail::square_root(x) == Approx(std::sqrt(x)).epsilon(1e-15));
    for (float x : {1e-30f, 0.25f, 3.0f, 1e30f})
        CHECK(hanaprop::detail::square_root(x) == Approx(std::sqrt(x)).epsilon(1e-7));
}

TEST_CASE("the optimizers work at compile time", "[optimizers]")
{
    constexpr auto after = [] {
        auto net = tiny();
        hanaprop::adam<double>::state_type<tiny_net> state{};
        hanaprop::adam<double>{}.update(net, state, summed(0.2, -0.4), 0.5, 0.1);
        return net;
    }();
    static_assert(after.layer<0>().weights[0][0] > 0.4 && after.layer<0>().weights[0][0] < 0.4000001);
}

TEST_CASE("learning-rate schedules", "[optimizers]")
{
    constexpr hanaprop::step_decay<double> step{0.5, 0.5, 2};
    static_assert(step(0) == 0.5 && step(1) == 0.5 && step(2) == 0.25 && step(3) == 0.25 && step(4) == 0.125);
    constexpr hanaprop::exponential_decay<double> exponential{1.0, 0.9};
    static_assert(exponential(0) == 1.0);
    CHECK(exponential(3) == Approx(0.729).epsilon(1e-15));
    constexpr hanaprop::cosine_decay<double> cosine{1.0, 0.0, 4};
    static_assert(cosine(4) == 0.0 && cosine(100) == 0.0);
    CHECK(cosine(0) == Approx(1.0).epsilon(1e-15));
    CHECK(cosine(1) == Approx(0.8535533905932737).epsilon(1e-15));   // (1 + cos(pi / 4)) / 2
    CHECK(cosine(2) == Approx(0.5).epsilon(1e-15));
    CHECK(cosine(3) == Approx(0.14644660940672627).epsilon(1e-15));
    constexpr hanaprop::cosine_decay<float> floor{2.0f, 0.5f, 10};
    for (std::size_t e = 0; e <= 10; ++e)
        CHECK(floor(e) == Approx(0.5 + 1.5 * (1 + std::cos(3.141592653589793 * double(e) / 10)) / 2).epsilon(1e-6));
}

TEST_CASE("train_epoch with plain sgd takes the steps train_minibatch_epoch takes", "[optimizers]")
{
    const auto data = hanaprop_tests::random_samples<Net>(53, 3);
    auto reference = hanaprop::random_network<Net>(4);
    auto net = reference;
    hanaprop::workspace<Net> ws;
    hanaprop::gradients<Net> grads;
    hanaprop::train_minibatch_epoch(reference, ws, grads, std::span{data}, 10, 0.5f);
    hanaprop::sgd<float> opt{};
    hanaprop::sgd<float>::state_type<Net> state;
    CHECK_FALSE(hanaprop::train_epoch(net, ws, grads, opt, state, std::span{data}, 10, 0.5f));
    for (std::size_t j = 0; j < 5; ++j)
        for (std::size_t i = 0; i < 7; ++i)
            CHECK(net.layer<0>().weights[j][i] == Approx(reference.layer<0>().weights[j][i]).epsilon(1e-5));
    for (std::size_t j = 0; j < 3; ++j) CHECK(net.layer<1>().biases[j] == Approx(reference.layer<1>().biases[j]).epsilon(1e-5));
}

TEST_CASE("divergence is reported at the sample or batch where it appears", "[optimizers][divergence]")
{
    auto data = hanaprop_tests::random_samples<Net>(40, 5);
    data[13].input[2] = std::numeric_limits<float>::quiet_NaN();
    const auto start = hanaprop::random_network<Net>(6);
    hanaprop::workspace<Net> ws;
    hanaprop::gradients<Net> grads;

    // Online: the NaN sample is refused before its step; the samples
    // before it were trained on, as by train_online_epoch.
    auto net = start;
    const auto online = hanaprop::train_online_epoch_checked(net, ws, std::span{data}, 0.5f);
    CHECK(online == hanaprop::divergence{hanaprop::divergence::cause::input, 13, 13});
    auto first_13 = start;
    hanaprop::train_online_epoch(first_13, ws, std::span{data}.first(13), 0.5f);
    CHECK(net == first_13);
    // Batches of 4: sample 13 is in batch 3, which is not applied.
    net = start;
    hanaprop::momentum<float> opt{};
    hanaprop::momentum<float>::state_type<Net> state{};
    CHECK(hanaprop::train_epoch(net, ws, grads, opt, state, std::span{data}, 4, 0.5f) ==
          hanaprop::divergence{hanaprop::divergence::cause::input, 3, 13});
    CHECK(hanaprop::is_finite(net));

    // Checks off: the same training as train_online_epoch, NaN and all, and no report.
    auto unchecked = start;
    auto plain = start;
    CHECK_FALSE(hanaprop::train_online_epoch_checked<hanaprop::divergence_check::off>(unchecked, ws, std::span{data}, 0.5f));
    hanaprop::train_online_epoch(plain, ws, std::span{data}, 0.5f);
    CHECK(std::memcmp(&unchecked, &plain, sizeof(Net)) == 0);
    CHECK_FALSE(hanaprop::is_finite(plain));

    // A rate of 1e6 with L2 decay: each step multiplies a weight by about
    // 1 - 1e6 * 0.01, so the weights overflow within a few batches.
    const auto clean = hanaprop_tests::random_samples<Net>(40, 5);
    net = start;
    hanaprop::sgd<float> decayed{.weight_decay = 0.01f};
    hanaprop::sgd<float>::state_type<Net> none;
    const auto blown = hanaprop::train_epoch(net, ws, grads, decayed, none, std::span{clean}, 4, 1e6f);
    CHECK(blown.what == hanaprop::divergence::cause::parameter);
    CHECK(blown.step < 10);
    CHECK(blown.sample == 4 * blown.step);
    CHECK_FALSE(hanaprop::is_finite(net));
    // The sigmoid alone saturates instead: a rate of 1e6 without decay
    // keeps every parameter finite, and nothing is reported.
    net = start;
    CHECK_FALSE(hanaprop::train_online_epoch_checked(net, ws, std::span{clean}, 1e6f));
    CHECK(hanaprop::is_finite(net));
}
