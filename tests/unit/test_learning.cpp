// The network learns: XOR, and a 3-class problem in 7 dimensions.
#include <array>
#include <vector>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

TEST_CASE("a 2-3-1 network learns XOR by online SGD", "[learning]")
{
    using net_t = hanaprop::network<2, 3, 1>;
    const std::array<hanaprop::sample_for<net_t>, 4> table{{
        {{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}},
    }};
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        auto net = hanaprop::random_network<net_t>(seed);
        hanaprop::workspace<net_t> ws;
        for (int epoch = 0; epoch < 1000; ++epoch) hanaprop::train_online_epoch(net, ws, table, 2.0f);
        INFO("seed " << seed);
        for (const auto& s : table) {
            const float out = net.predict(s.input)[0];
            CHECK(std::abs(out - s.target[0]) < 0.2f);
        }
    }
}

namespace {

// Three classes around the centres (0.8 where i % 3 == class, else 0.2),
// each coordinate jittered by up to +-0.25: separable by construction.
template <class Net>
std::vector<hanaprop::sample_for<Net>> three_clusters(std::size_t n, std::uint64_t seed)
{
    hanaprop::pcg32 g{seed};
    std::vector<hanaprop::sample_for<Net>> samples(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t label = k % 3;
        for (std::size_t i = 0; i < Net::input_size; ++i)
            samples[k].input[i] = (i % 3 == label ? 0.8f : 0.2f) + 0.5f * (hanaprop::uniform01<float>(g) - 0.5f);
        samples[k].target = hanaprop::one_hot<float, 3>(label);
    }
    return samples;
}

} // namespace

TEST_CASE("a 7-5-3 network separates three clusters", "[learning]")
{
    using net_t = hanaprop::network<7, 5, 3>;
    const auto train = three_clusters<net_t>(300, 1);
    const auto test = three_clusters<net_t>(300, 2);
    const std::span<const hanaprop::sample_for<net_t>> train_span{train}, test_span{test};

    SECTION("online SGD, rate 0.5")
    {
        auto net = hanaprop::random_network<net_t>(3, hanaprop::initialization::uniform_0_1);
        hanaprop::workspace<net_t> ws;
        CHECK(hanaprop::count_correct(net, train_span) < 0.95 * 300);   // not by luck
        for (int epoch = 0; epoch < 50; ++epoch) hanaprop::train_online_epoch(net, ws, train_span, 0.5f);
        CHECK(hanaprop::count_correct(net, train_span) >= 0.95 * 300);
        CHECK(hanaprop::count_correct(net, test_span) >= 0.95 * 300);
    }
    SECTION("mini-batch SGD, batch 10, rate 3")
    {
        auto net = hanaprop::random_network<net_t>(3);
        hanaprop::workspace<net_t> ws;
        hanaprop::gradients<net_t> grads;
        for (int epoch = 0; epoch < 100; ++epoch) hanaprop::train_minibatch_epoch(net, ws, grads, train_span, 10, 3.0f);
        CHECK(hanaprop::count_correct(net, train_span) >= 0.95 * 300);
        CHECK(hanaprop::count_correct(net, test_span) >= 0.95 * 300);
    }
}

TEST_CASE("the scaled initialisation trains a net with wide inputs, uniform [0, 1) does not", "[learning][init]")
{
    // 200 inputs: with weights uniform in [0, 1), every hidden z is about
    // 50 and every sigmoid saturates, so the gradients vanish.
    using net_t = hanaprop::network<200, 10, 3>;
    const auto train = three_clusters<net_t>(150, 4);
    const std::span<const hanaprop::sample_for<net_t>> data{train};
    auto trained_correct = [&](hanaprop::initialization how) {
        auto net = hanaprop::random_network<net_t>(5, how);
        hanaprop::workspace<net_t> ws;
        for (int epoch = 0; epoch < 20; ++epoch) hanaprop::train_online_epoch(net, ws, data, 0.5f);
        return hanaprop::count_correct(net, data);
    };
    CHECK(trained_correct(hanaprop::initialization::scaled) >= 0.95 * 150);
    CHECK(trained_correct(hanaprop::initialization::uniform_0_1) < 0.6 * 150);
}
