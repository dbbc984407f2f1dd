// Networks too large for the stack: static_storage and randomize
// (core/static_storage.hpp, core/init.hpp). That such a network as a local
// does not compile with -Wframe-larger-than: tests/compile_fail/big_network_on_stack.cpp.
#include <array>
#include <cstdint>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

namespace {
using big_net = hanaprop::network<784, 1000, 1000, 10>;
struct second_copy {};
} // namespace

TEST_CASE("randomize fills a network in place with random_network's parameters", "[init]")
{
    using net_t = hanaprop::basic_network<double, 5, 4, 3>;
    net_t net{};
    hanaprop::randomize(net, 9, hanaprop::initialization::uniform_0_1);
    CHECK(net == hanaprop::random_network<net_t>(9, hanaprop::initialization::uniform_0_1));
    STATIC_REQUIRE([] {
        net_t n{};
        hanaprop::randomize(n, 3);
        return n == hanaprop::random_network<net_t>(3);
    }());
}

TEST_CASE("a 14 MB network with its gradients trains from static storage", "[init][sgd]")
{
    using memory = hanaprop::training_memory<big_net>;
    STATIC_REQUIRE(sizeof(memory) > (std::size_t(8) << 20));   // more than a main thread's whole stack
    auto& [net, ws, grads] = hanaprop::static_storage<memory>;
    CHECK(&hanaprop::static_storage<memory> != &hanaprop::static_storage<memory, second_copy>);
    CHECK(hanaprop::is_finite(net));   // zero-initialised before main
    hanaprop::randomize(net, 1);
    const float before = net.layer<2>().biases[3];

    static std::array<hanaprop::sample_for<big_net>, 2> data{};
    data[0].target[3] = 1;
    data[1].target[3] = 1;
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 2, 3.0f);
    CHECK(net.layer<2>().biases[3] > before);   // towards the target of 1
    CHECK(hanaprop::is_finite(net));
}
