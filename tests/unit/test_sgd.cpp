// The fast training paths do what the textbook formulas say.
#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <boost/hana/for_each.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/random_samples.hpp"

namespace {

namespace hana = boost::hana;
using net_t = hanaprop::basic_network<double, 5, 4, 3>;
using sample_t = hanaprop::sample_for<net_t>;

std::vector<sample_t> random_samples(std::size_t n, std::uint64_t seed)
{
    return hanaprop_tests::random_samples<net_t>(n, seed);
}

// The largest |a - b| over all parameters of two networks.
double largest_difference(const net_t& a, const net_t& b)
{
    double largest = 0;
    hana::for_each(net_t::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        for (std::size_t j = 0; j < a.layer<L>().outputs; ++j) {
            for (std::size_t i = 0; i < a.layer<L>().inputs; ++i)
                largest = std::max(largest, std::abs(a.layer<L>().weights[j][i] - b.layer<L>().weights[j][i]));
            largest = std::max(largest, std::abs(a.layer<L>().biases[j] - b.layer<L>().biases[j]));
        }
    });
    return largest;
}

// W -= rate * grads, with the textbook's gradient.
void apply(net_t& net, const hanaprop::gradients<net_t>& grads, double rate)
{
    hana::for_each(net_t::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        hanaprop::fast::subtract_scaled(net.layer<L>(), grads.layer<L>(), rate);
    });
}

} // namespace

TEST_CASE("train_sample is feedforward, backpropagate and W -= rate dC/dW", "[sgd]")
{
    const auto samples = random_samples(20, 4);
    net_t fused = hanaprop::random_network<net_t>(9);
    net_t textbook = fused;
    const net_t initial = fused;
    hanaprop::workspace<net_t> ws;
    for (const auto& s : samples) {
        hanaprop::train_sample(fused, ws, s.input, s.target, 0.7);

        hanaprop::gradients<net_t> grads;
        hanaprop::feedforward(textbook, ws, s.input);
        hanaprop::backpropagate(textbook, ws, s.target);
        hanaprop::accumulate_gradient(ws, grads);
        apply(textbook, grads, 0.7);
    }
    CHECK(largest_difference(initial, fused) > 0.01);   // it did move
    // Only the rounding of (rate * delta) * a against rate * (delta * a) differs.
    CHECK(largest_difference(fused, textbook) < 1e-13);
}

TEST_CASE("train_minibatch steps by the mean gradient of the batch", "[sgd]")
{
    const auto samples = random_samples(7, 5);
    net_t batched = hanaprop::random_network<net_t>(3);
    net_t expected = batched;
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> scratch;

    hanaprop::gradients<net_t> sum;
    for (const auto& s : samples) {
        hanaprop::feedforward(expected, ws, s.input);
        hanaprop::backpropagate(expected, ws, s.target);
        hanaprop::accumulate_gradient(ws, sum);
    }
    apply(expected, sum, 3.0 / 7);

    hanaprop::train_minibatch(batched, ws, scratch, std::span<const sample_t>{samples}, 3.0);
    CHECK(largest_difference(batched, expected) < 1e-13);
}

TEST_CASE("a mini-batch epoch takes the left-over samples as a last, smaller batch", "[sgd]")
{
    const auto samples = random_samples(23, 6);
    const std::span<const sample_t> all{samples};
    net_t epoch = hanaprop::random_network<net_t>(8);
    net_t by_hand = epoch;
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;

    hanaprop::train_minibatch_epoch(epoch, ws, grads, all, 10, 3.0);
    hanaprop::train_minibatch(by_hand, ws, grads, all.subspan(0, 10), 3.0);
    hanaprop::train_minibatch(by_hand, ws, grads, all.subspan(10, 10), 3.0);
    hanaprop::train_minibatch(by_hand, ws, grads, all.subspan(20, 3), 3.0);
    CHECK(epoch == by_hand);
}

TEST_CASE("a batch of one is an online step", "[sgd]")
{
    const auto samples = random_samples(1, 7);
    net_t batched = hanaprop::random_network<net_t>(2);
    net_t online = batched;
    hanaprop::workspace<net_t> ws;
    hanaprop::gradients<net_t> grads;
    hanaprop::train_minibatch(batched, ws, grads, std::span<const sample_t>{samples}, 0.5);
    hanaprop::train_sample(online, ws, samples[0], 0.5);
    CHECK(largest_difference(batched, online) < 1e-15);
}

TEST_CASE("the batch size is a whole number of at least 1", "[sgd]")
{
    // A floating-point batch size (the rate in its place) does not compile:
    // tests/compile_fail/batch_size_swapped.cpp.
    STATIC_REQUIRE(std::is_convertible_v<int, hanaprop::batch_size>);
    STATIC_REQUIRE(std::is_convertible_v<std::size_t, hanaprop::batch_size>);
    STATIC_REQUIRE(hanaprop::batch_size(10).value == 10);

    // At run time a batch size below 1 stops the program instead of
    // training nothing: a child process tries, the parent reads its end.
    for (const int size : {0, -3}) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            auto samples = random_samples(4, 1);
            net_t net = hanaprop::random_network<net_t>(1);
            hanaprop::workspace<net_t> ws;
            hanaprop::gradients<net_t> grads;
            volatile int runtime_size = size;
            hanaprop::train_minibatch_epoch(net, ws, grads, std::span<const sample_t>{samples}, int(runtime_size), 3.0);
            _exit(0);   // reached only if the epoch returned
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        INFO("batch size " << size);
        CHECK(WIFSIGNALED(status));
    }
}
