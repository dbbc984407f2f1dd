// Backpropagation's gradient equals the finite-difference derivative of the
// quadratic cost for every parameter. The five-point central difference
//   (8 (C(p+h) - C(p-h)) - (C(p+2h) - C(p-2h))) / 12h
// has a truncation error of order h^4, so with h = 1e-3 both it (~1e-12)
// and the rounding error (~eps C / h ~ 1e-13) stay far below the 1e-6
// being tested, even for the tiny gradients behind a layer of width 1.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <boost/hana/for_each.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/finite_differences.hpp"

namespace {

namespace hana = boost::hana;

template <class Net>
double cost(const Net& net, const typename Net::input_type& x, const typename Net::output_type& y)
{
    hanaprop::workspace<Net> ws;
    hanaprop::feedforward(net, ws, x);
    return hanaprop::quadratic_cost(ws, y);
}

// Checks every weight and bias of Net on random inputs and targets; returns
// the worst relative error |bp - fd| / max(|bp|, |fd|). Gradients smaller
// than 1e-8 are compared absolutely (both sides are then rounding noise).
template <class Net>
double worst_gradient_error(std::uint64_t seed)
{
    hanaprop::pcg32 g{seed};
    const Net net = hanaprop::random_network<Net>(seed, hanaprop::initialization::scaled);
    typename Net::input_type x;
    typename Net::output_type y;
    for (auto& v : x) v = 2 * hanaprop::uniform01<double>(g) - 1;
    for (auto& v : y) v = hanaprop::uniform01<double>(g);

    hanaprop::workspace<Net> ws;
    hanaprop::gradients<Net> grads;
    hanaprop::feedforward(net, ws, x);
    hanaprop::backpropagate(net, ws, y);
    hanaprop::accumulate_gradient(ws, grads);

    constexpr double h = 1e-3;
    std::size_t checked = 0;
    const double worst = hanaprop_tests::worst_gradient_error(
        net, grads, h, [&](const Net& probe) { return cost(probe, x, y); }, checked);
    CHECK(checked == Net::parameter_count);
    return worst;
}

} // namespace

TEST_CASE("backpropagation agrees with finite differences", "[gradient]")
{
    using hanaprop::basic_network;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        CHECK(worst_gradient_error<basic_network<double, 7, 5, 3>>(seed) < 1e-6);
        CHECK(worst_gradient_error<basic_network<double, 2, 1, 3>>(seed) < 1e-6);        // a layer of width 1
        CHECK(worst_gradient_error<basic_network<double, 1, 1>>(seed) < 1e-6);           // one neuron, one weight
        CHECK(worst_gradient_error<basic_network<double, 4, 6, 5, 2>>(seed) < 1e-6);     // four layers
        CHECK(worst_gradient_error<basic_network<double, 20, 8, 1, 4, 3>>(seed) < 1e-6); // five, a bottleneck of 1
        CHECK(worst_gradient_error<basic_network<double, 40, 17, 10>>(seed) < 1e-6);     // rows longer than 16
    }
}
