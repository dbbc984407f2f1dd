// predict on small layers (under 16 inputs and outputs) forms each
// layer's sums as one vector of 4, 8 or 16 values, the slots past the
// layer's outputs filled with copies of its last row, and runs the
// sigmoids on that vector. Neither the vector nor its padding may change
// a bit: every output must be the scalar formula sigma(dot(W_j, a) + b_j),
// computed one value at a time.
#include <array>
#include <cstdint>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/random_samples.hpp"

namespace {

// One output of one layer, out of line so that the compiler cannot pack
// it into a vector with its neighbours.
template <class T, std::size_t In, std::size_t Out>
[[gnu::noinline]] T scalar_output(const hanaprop::dense_layer<T, In, Out>& layer, const std::array<T, In>& in,
                                  std::size_t j)
{
    return hanaprop::sigmoid(hanaprop::fast::dot(layer.weights[j], in) + layer.biases[j]);
}

template <class Net>
void check_against_scalar_formula(std::uint64_t seed)
{
    static_assert(Net::depth == 2);
    const Net net = hanaprop::random_network<Net>(seed, hanaprop::initialization::uniform_0_1);
    // Inputs in [-3, 3): negative and positive sums, both ends of sigma.
    const auto samples = hanaprop_tests::random_samples<Net>(50, seed + 1, -3, 3);
    for (const auto& s : samples) {
        std::array<typename Net::value_type, Net::template size<1>> hidden{};
        for (std::size_t j = 0; j < hidden.size(); ++j) hidden[j] = scalar_output(net.template layer<0>(), s.input, j);
        typename Net::output_type expected{};
        for (std::size_t j = 0; j < expected.size(); ++j) expected[j] = scalar_output(net.template layer<1>(), hidden, j);
        REQUIRE(net.predict(s.input) == expected);
        REQUIRE(net.predict(s.input, hanaprop::code_path::build_flags) == expected);
    }
}

} // namespace

TEST_CASE("predict of a small network gives the scalar formula's bits", "[predict]")
{
    check_against_scalar_formula<hanaprop::network<7, 5, 3>>(1);      // widths 8 and 4, 3 and 1 padded
    check_against_scalar_formula<hanaprop::network<3, 1, 2>>(2);      // width 4, 3 and 2 padded
    check_against_scalar_formula<hanaprop::network<7, 8, 4>>(3);      // no padding
    check_against_scalar_formula<hanaprop::network<4, 9, 15>>(4);     // width 16
    check_against_scalar_formula<hanaprop::network<15, 15, 1>>(5);
    check_against_scalar_formula<hanaprop::network<5, 6, 2>>(7);      // 2 rows in the second 4, 2 padded
    check_against_scalar_formula<hanaprop::basic_network<double, 7, 5, 3>>(6);
}
