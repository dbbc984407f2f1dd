// train_online_epoch's epoch for small networks (core/fast/small_online.hpp) works on
// a copy of the weights stored by columns; it must train exactly the
// network that train_sample, one sample after the other, trains: the same
// bits in every weight and bias, and the same last activations and deltas
// in the workspace. (Built with -ffp-contract=off, so that no compiler
// fuses a multiply and an add in one path and not in the other.)
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <boost/hana/for_each.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/random_samples.hpp"

namespace {

namespace hana = boost::hana;

// Inputs in [-2, 2): both signs.
template <class Net>
std::vector<hanaprop::sample_for<Net>> random_samples(std::size_t n, std::uint64_t seed)
{
    return hanaprop_tests::random_samples<Net>(n, seed, -2, 2);
}

template <class Net>
void check_same_as_train_sample(std::uint64_t seed, int epochs, typename Net::value_type rate)
{
    // The path under test, with both compilers (not in a build for size).
    static_assert(hanaprop::fast::small_online_epoch_fits<Net> ==
                  (!hanaprop::fast::plain_loops_for_size && hanaprop::fast::every_activation_elementwise<Net>));
    const auto data = random_samples<Net>(37, seed);
    const std::span<const hanaprop::sample_for<Net>> samples{data};
    Net fast = hanaprop::random_network<Net>(seed);
    Net reference = fast;
    hanaprop::workspace<Net> ws_fast{}, ws_reference{};
    for (int e = 0; e < epochs; ++e) {
        hanaprop::train_online_epoch(fast, ws_fast, samples, rate);
        for (const auto& s : samples) hanaprop::train_sample(reference, ws_reference, s, rate);
    }
    CHECK(fast == reference);
    CHECK_FALSE(fast == hanaprop::random_network<Net>(seed));   // it did train
    hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        CHECK(ws_fast.template activation<L + 1>() == ws_reference.template activation<L + 1>());
        CHECK(ws_fast.template delta<L>() == ws_reference.template delta<L>());
    });
    CHECK(ws_fast.template activation<0>() == ws_reference.template activation<0>());
}

} // namespace

TEST_CASE("small networks: train_online_epoch equals train_sample, bit for bit", "[sgd][small]")
{
    // Layer widths on each side of the paddings (to 4, 8, 16), one
    // layer and four, float and double.
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        check_same_as_train_sample<hanaprop::network<7, 5, 3>>(seed, 20, 0.3f);
        check_same_as_train_sample<hanaprop::network<2, 2, 1>>(seed, 50, 2.0f);
        check_same_as_train_sample<hanaprop::basic_network<double, 2, 2, 1>>(seed, 50, 2.0);
        check_same_as_train_sample<hanaprop::network<4, 8, 9, 4, 3>>(seed, 10, 0.5f);
        check_same_as_train_sample<hanaprop::network<15, 15, 1>>(seed, 10, 0.1f);
        check_same_as_train_sample<hanaprop::basic_network<double, 1, 1>>(seed, 10, 0.7);
        check_same_as_train_sample<hanaprop::basic_network<double, 13, 15, 5>>(seed, 5, 1.5);
    }
}

TEST_CASE("small networks: train_online_epoch equals train_sample for every activation and loss", "[sgd][small]")
{
    using namespace hanaprop;
    namespace act = hanaprop::activation;
    for (std::uint64_t seed : {1u, 2u}) {
        INFO("seed " << seed);
        check_same_as_train_sample<layered_network<float, input<7>, dense<5, act::tanh>, dense<3>>>(seed, 20, 0.3f);
        check_same_as_train_sample<layered_network<float, input<7>, dense<9, act::relu>, dense<3>, loss::cross_entropy>>(
            seed, 20, 0.1f);
        check_same_as_train_sample<layered_network<float, input<4>, dense<8, act::leaky_relu>, dense<6, act::tanh>,
                                                   dense<2, act::identity>>>(seed, 10, 0.05f);
        check_same_as_train_sample<layered_network<double, input<3>, dense<15, act::relu>, dense<4, act::relu>>>(
            seed, 10, 0.1);
        // softmax is not elementwise: train_online_epoch keeps train_sample's path.
        check_same_as_train_sample<layered_network<float, input<7>, dense<5, act::relu>, dense<3, act::softmax>>>(
            seed, 20, 0.3f);
    }
}

TEST_CASE("small networks: an empty epoch changes nothing", "[sgd][small]")
{
    using net_t = hanaprop::network<7, 5, 3>;
    const net_t initial = hanaprop::random_network<net_t>(5);
    net_t net = initial;
    hanaprop::workspace<net_t> ws{};
    ws.activation<1>()[0] = 0.25f;
    hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<net_t>>{}, 0.3f);
    CHECK(net == initial);
    CHECK(ws.activation<1>()[0] == 0.25f);
}

TEST_CASE("small networks: a NaN input spoils the network as train_sample does, no more", "[sgd][small]")
{
    // The spare slots must not carry a NaN into a neuron that train_sample
    // would have left finite: compare which parameters are NaN.
    using net_t = hanaprop::network<3, 5, 2>;
    auto data = random_samples<net_t>(4, 9);
    data[2].input[1] = std::numeric_limits<float>::quiet_NaN();
    net_t fast = hanaprop::random_network<net_t>(9), reference = fast;
    hanaprop::workspace<net_t> ws{};
    hanaprop::train_online_epoch(fast, ws, std::span<const hanaprop::sample_for<net_t>>{data}, 0.3f);
    for (const auto& s : data) hanaprop::train_sample(reference, ws, s, 0.3f);
    hana::for_each(net_t::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        for (std::size_t j = 0; j < net_t::size<L + 1>; ++j) {
            for (std::size_t i = 0; i < net_t::size<L>; ++i)
                CHECK(std::isnan(fast.layer<L>().weights[j][i]) == std::isnan(reference.layer<L>().weights[j][i]));
            CHECK(std::isnan(fast.layer<L>().biases[j]) == std::isnan(reference.layer<L>().biases[j]));
        }
    });
}
