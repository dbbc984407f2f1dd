// Activations and losses (core/activations.hpp, core/losses.hpp): their
// values against hand-derived ones and the standard library, and
// backpropagation through every activation, loss and pairing against
// central finite differences of the network's own cost, in double.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/hana/for_each.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/finite_differences.hpp"

namespace {

namespace hana = boost::hana;
using namespace hanaprop;

template <class Net>
double network_cost(const Net& net, const typename Net::input_type& x, const typename Net::output_type& y)
{
    workspace<Net> ws;
    feedforward(net, ws, x);
    return hanaprop::cost(ws, y);
}

// The worst relative error of backpropagation's gradient against central
// differences (tests/common/finite_differences.hpp). Targets are in (0, 1) and, after a softmax, sum to 1: softmax with
// cross-entropy has the output error a - y only for such targets.
template <class Net>
double worst_gradient_error(std::uint64_t seed)
{
    pcg32 g{seed};
    const Net net = random_network<Net>(seed);
    typename Net::input_type x;
    typename Net::output_type y;
    for (auto& v : x) v = 2 * uniform01<double>(g) - 1;
    double sum = 0;
    for (auto& v : y) sum += v = 0.05 + 0.9 * uniform01<double>(g);
    if constexpr (std::is_same_v<typename Net::template activation<Net::depth - 1>, activation::softmax>)
        for (auto& v : y) v /= sum;

    workspace<Net> ws;
    gradients<Net> grads;
    feedforward(net, ws, x);
    backpropagate(net, ws, y);
    accumulate_gradient(ws, grads);

    constexpr double h = 1e-4;
    std::size_t checked = 0;
    const double worst = hanaprop_tests::worst_gradient_error(
        net, grads, h, [&](const Net& probe) { return network_cost(probe, x, y); }, checked);
    CHECK(checked == Net::parameter_count);
    return worst;
}

template <class Hidden, class Output, class... Loss>
using net_5_6_4 = layered_network<double, input<5>, dense<6, Hidden>, dense<4, Output>, Loss...>;

} // namespace

TEST_CASE("every activation's value: hand-derived figures and the standard library", "[activation]")
{
    // Constant evaluation too: the compiler rejects undefined behaviour there.
    static_assert(activation::relu::value(-2.0) == 0 && activation::relu::value(3.0) == 3);
    static_assert(activation::leaky_relu::value(-2.0) == -0.02 && activation::leaky_relu::value(3.0) == 3);
    static_assert(activation::identity::value(-1.5) == -1.5);
    static_assert(activation::tanh::value(0.0) == 0);
    static_assert(activation::relu::derivative_from_output(0.0) == 0 && activation::relu::derivative_from_output(2.0) == 1);
    static_assert(activation::leaky_relu::derivative_from_output(-0.02) == 0.01);
    static_assert(activation::tanh::derivative_from_output(0.5) == 0.75);        // 1 - a^2
    static_assert(activation::sigmoid::derivative_from_output(0.25) == 0.1875);  // a (1 - a)

    for (double z = -8; z <= 8; z += 0.125) {
        INFO("z = " << z);
        CHECK(activation::tanh::value(z) == Approx(std::tanh(z)).margin(1e-15));
        CHECK(activation::tanh::value(float(z)) == Approx(std::tanh(z)).margin(1e-6));
        CHECK(activation::sigmoid::value(z) == Approx(1 / (1 + std::exp(-z))).margin(1e-15));
    }
    CHECK(activation::tanh::value(100.0) == 1);
    CHECK(activation::tanh::value(-100.0) == -1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isnan(activation::tanh::value(nan)));
    CHECK(std::isnan(activation::relu::value(nan)));
    CHECK(std::isnan(activation::leaky_relu::value(nan)));
}

TEST_CASE("softmax: probabilities that sum to 1, safe from overflow, NaN spreads", "[activation]")
{
    constexpr auto row = [] {
        std::array<double, 3> z{1, 2, 3};
        activation::softmax::row(z);
        return z;
    }();
    const double e = std::exp(1.0), sum = e + e * e + e * e * e;
    CHECK(row[0] == Approx(e / sum).epsilon(1e-14));
    CHECK(row[1] == Approx(e * e / sum).epsilon(1e-14));
    CHECK(row[2] == Approx(e * e * e / sum).epsilon(1e-14));

    std::array<float, 4> big{1000, 1000, -1000, 999};   // e^1000 overflows; e^(z - max z) does not
    activation::softmax::row(big);
    CHECK(big[0] == Approx(big[1]));
    CHECK(big[2] < 1e-37f);   // e^-2000: nothing, or a denormal
    CHECK(big[0] + big[1] + big[2] + big[3] == Approx(1));
    CHECK(big[3] / big[0] == Approx(std::exp(-1.0)).epsilon(1e-5));

    std::array<double, 3> spoiled{1, std::numeric_limits<double>::quiet_NaN(), 3};
    activation::softmax::row(spoiled);
    CHECK(std::isnan(spoiled[0]));
    CHECK(std::isnan(spoiled[2]));
}

TEST_CASE("the cross-entropy cost: hand-derived values, clipped, NaN kept", "[loss]")
{
    using ce = loss::cross_entropy;
    // softmax: -ln 0.7
    CHECK(ce::cost<activation::softmax>(std::array{0.2, 0.7, 0.1}, std::array{0.0, 1.0, 0.0}) ==
          Approx(-std::log(0.7)).epsilon(1e-15));
    // sigmoid: -(ln 0.9 + ln (1 - 0.2))
    CHECK(ce::cost<activation::sigmoid>(std::array{0.9, 0.2}, std::array{1.0, 0.0}) ==
          Approx(-std::log(0.9) - std::log(0.8)).epsilon(1e-15));
    // A confident mistake costs -ln 1e-7, not infinity.
    CHECK(ce::cost<activation::softmax>(std::array{1.0, 0.0}, std::array{0.0, 1.0}) == Approx(-std::log(1e-7)));
    CHECK(std::isnan(ce::cost<activation::softmax>(std::array{std::nan(""), 0.5}, std::array{0.0, 1.0})));
    CHECK(loss::quadratic::cost<activation::relu>(std::array{1.0, 3.0}, std::array{0.0, 1.0}) == 2.5);
    static_assert(loss::cross_entropy::output_error<activation::sigmoid>(0.75, 1.0) == -0.25);
    static_assert(loss::quadratic::output_error<activation::sigmoid>(0.75, 1.0) == -0.25 * 0.1875);
    static_assert(loss::quadratic::output_error<activation::identity>(0.75, 1.0) == -0.25);
}

TEST_CASE("backpropagation through every activation and loss agrees with finite differences", "[gradient]")
{
    for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        INFO("seed " << seed);
        // Each hidden activation under a sigmoid output, quadratic cost.
        CHECK(worst_gradient_error<net_5_6_4<activation::sigmoid, activation::sigmoid>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::sigmoid>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::relu, activation::sigmoid>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::leaky_relu, activation::sigmoid>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::identity, activation::sigmoid>>(seed) < 1e-6);
        // Each elementwise output under the quadratic cost.
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::tanh>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::relu>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::leaky_relu>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::identity>>(seed) < 1e-6);
        // Cross-entropy after a sigmoid and after a softmax (its default).
        CHECK(worst_gradient_error<net_5_6_4<activation::relu, activation::sigmoid, loss::cross_entropy>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::tanh, activation::softmax>>(seed) < 1e-6);
        CHECK(worst_gradient_error<net_5_6_4<activation::leaky_relu, activation::softmax>>(seed) < 1e-6);
        // Deep and mixed: tanh -> ReLU -> softmax.
        CHECK(worst_gradient_error<layered_network<double, input<6>, dense<7, activation::tanh>,
                                                   dense<5, activation::relu>, dense<4, activation::softmax>>>(seed) < 1e-6);
        // A layer of one neuron, and rows longer than 16.
        CHECK(worst_gradient_error<layered_network<double, input<3>, dense<1, activation::tanh>,
                                                   dense<2, activation::softmax>>>(seed) < 1e-6);
        CHECK(worst_gradient_error<layered_network<double, input<40>, dense<17, activation::relu>,
                                                   dense<10, activation::softmax>>>(seed) < 1e-6);
    }
}

TEST_CASE("network<...> is the layered network of sigmoids and the quadratic cost", "[activation]")
{
    using plain = network<7, 5, 3>;
    using spelled = layered_network<float, input<7>, dense<5>, dense<3>>;
    static_assert(std::is_same_v<plain::activation<0>, spelled::activation<0>>);
    static_assert(std::is_same_v<plain::loss, spelled::loss>);
    static_assert(sizeof(plain) == sizeof(spelled));
    static_assert(std::is_same_v<layered_network<float, input<4>, dense<3, activation::softmax>>::loss,
                                 loss::cross_entropy>);

    // The same weights predict the same outputs.
    const plain a = random_network<plain>(11);
    spelled b;
    b.layers = a.layers;
    const plain::input_type x{0.1f, -0.4f, 0.9f, 0.3f, -1.2f, 0.5f, 0.0f};
    CHECK(a.predict(x) == b.predict(x));
}

TEST_CASE("initialisation follows the activation: He for ReLU, Glorot for the others", "[init]")
{
    using net_t = layered_network<double, input<50>, dense<30, activation::relu>, dense<20, activation::tanh>,
                                  dense<10, activation::softmax>>;
    const net_t net = random_network<net_t>(5);
    const double limits[] = {std::sqrt(6.0 / 50), std::sqrt(6.0 / (30 + 20)), std::sqrt(6.0 / (20 + 10))};
    hana::for_each(net_t::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        const auto& layer = net.template layer<L>();
        double largest = 0, sum = 0, squares = 0;
        for (const auto& row : layer.weights)
            for (double w : row) {
                largest = std::max(largest, std::abs(w));
                sum += w;
                squares += w * w;
            }
        const double n = double(layer.inputs * layer.outputs);
        INFO("layer " << L);
        CHECK(largest < limits[L]);
        CHECK(largest > 0.9 * limits[L]);
        CHECK(std::abs(sum / n) < 0.1 * limits[L]);
        // A uniform on [-r, r] has variance r^2 / 3.
        CHECK(squares / n == Approx(limits[L] * limits[L] / 3).epsilon(0.15));
        for (double b : layer.biases) CHECK(b == 0);
    });

    // network<...> keeps its uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)).
    static_assert(default_initialization<network<7, 5, 3>> == initialization::scaled);
    static_assert(default_initialization<net_t> == initialization::by_activation);
    constexpr auto constant = random_network<layered_network<float, input<2>, dense<3, activation::relu>,
                                                             dense<2, activation::softmax>>>(1);
    static_assert(constant.layer<0>().weights[0][0] != 0 && constant.layer<1>().biases[0] == 0);
}
