// Min-max normalisation and label -> one-hot (hanaprop/core/preprocessing.hpp).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include <hanaprop/core/preprocessing.hpp>
#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

#include "tutorial_trace.hpp"

namespace {

using row3 = std::array<double, 3>;
constexpr std::array<row3, 3> rows{{{1.0, 10.0, 5.0}, {3.0, 30.0, 5.0}, {2.0, 20.0, 5.0}}};

} // namespace

TEST_CASE("fit_min_max finds each column's range; a constant column maps to 0", "[preprocessing]")
{
    constexpr auto scaler = hanaprop::fit_min_max(rows);
    STATIC_REQUIRE(scaler.minimum == row3{1.0, 10.0, 5.0});
    STATIC_REQUIRE(scaler.maximum == row3{3.0, 30.0, 5.0});
    // (x - min) / (max - min), by hand: (2-1)/2, (20-10)/20; column 3 is constant.
    STATIC_REQUIRE(scaler(row3{2.0, 20.0, 5.0}) == row3{0.5, 0.5, 0.0});
    STATIC_REQUIRE(scaler(row3{1.0, 30.0, 7.0}) == row3{0.0, 1.0, 0.0});
    // Rows it was not fitted on can map outside [0, 1].
    CHECK(scaler(row3{4.0, 0.0, 5.0}) == row3{1.5, -0.5, 0.0});
}

TEST_CASE("fit_min_max on no rows maps everything to 0", "[preprocessing]")
{
    constexpr std::array<row3, 0> none{};
    constexpr auto scaler = hanaprop::fit_min_max(none);
    STATIC_REQUIRE(scaler(row3{4.0, -1.0, 1e30}) == row3{0.0, 0.0, 0.0});
}

TEST_CASE("the wheat-seeds columns normalise exactly as the tutorial's", "[preprocessing]")
{
    const auto rows = hanaprop::host::read_labelled_csv<double, 7>(HANAPROP_SEEDS_DATA);
    // Fit through a projection, on the CSV's rows.
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; });
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(scaler.minimum[i] == trace::column_min_max[i][0]);
        CHECK(scaler.maximum[i] == trace::column_min_max[i][1]);
    }
    // Bit for bit the tutorial's first normalised row.
    CHECK(scaler(rows[0].features) == trace::first_row_normalised);
}

TEST_CASE("label_order maps labels to classes in the order given", "[preprocessing]")
{
    constexpr hanaprop::label_order<long, 3> natural{{1, 2, 3}};
    constexpr hanaprop::label_order<long, 3> tutorial{{2, 1, 3}};
    STATIC_REQUIRE(natural.index_of(1) == 0);
    STATIC_REQUIRE(natural.index_of(3) == 2);
    STATIC_REQUIRE(tutorial.index_of(2) == 0);
    STATIC_REQUIRE(tutorial.index_of(1) == 1);
    STATIC_REQUIRE(tutorial.index_of(3) == 2);
    STATIC_REQUIRE(tutorial.one_hot<float>(1) == std::array<float, 3>{0, 1, 0});
    STATIC_REQUIRE(tutorial.one_hot<float>(2) == std::array<float, 3>{1, 0, 0});
    // A label outside the order: not contained, and a target with no
    // class (all NaN at run time; at compile time an error:
    // tests/compile_fail/label_not_in_order.cpp).
    STATIC_REQUIRE(!tutorial.contains(4));
    STATIC_REQUIRE(tutorial.index_of(4) == 3);
    const long four = 4;
    for (const float t : tutorial.one_hot<float>(four)) CHECK(std::isnan(t));
    for (const double t : hanaprop::one_hot<double, 3>(3)) CHECK(std::isnan(t));
}

TEST_CASE("collect_labels builds the label order from the data and checks the count", "[preprocessing]")
{
    // Labels 10, 20, 30 in any order: output 0, 1, 2 in ascending order.
    constexpr std::array<int, 6> labels{30, 10, 20, 10, 30, 30};
    constexpr auto three = hanaprop::collect_labels<3>(labels);
    STATIC_REQUIRE(three.fits());
    STATIC_REQUIRE(three.order.labels == std::array<int, 3>{10, 20, 30});
    // Four labels for three outputs: the first one too many is named.
    constexpr auto four = hanaprop::collect_labels<3>(std::array<int, 7>{3, 1, 2, 1, 4, 5, 2});
    STATIC_REQUIRE(!four.fits());
    STATIC_REQUIRE(four.found == 4);
    STATIC_REQUIRE(four.first_extra == 4);
    // Two labels for three outputs.
    constexpr auto two = hanaprop::collect_labels<3>(std::array<int, 4>{1, 2, 2, 1});
    STATIC_REQUIRE(!two.fits());
    STATIC_REQUIRE(two.found == 2);
    // With a projection, on rows of the wheat-seeds file: 1, 2 and 3.
    const auto rows = hanaprop::host::read_labelled_csv<double, 7>(HANAPROP_SEEDS_DATA);
    const auto seeds = hanaprop::collect_labels<3>(rows, [](const auto& row) { return row.label; });
    CHECK(seeds.fits());
    CHECK(seeds.order.labels == std::array<long, 3>{1, 2, 3});
}

TEST_CASE("1-based labels in a 0-based order: the cross-validation is NaN, not 73%", "[preprocessing]")
{
    // Iris-like: labels 1, 2, 3 with the order {0, 1, 2}. Label 3 has no
    // class; its NaN target makes every network trained on it NaN, and
    // every fold's score NaN. (Before, its all-zero target counted as
    // class 0 and the figure looked plausible.)
    using net_t = hanaprop::network<1, 3, 3>;
    using sample_t = hanaprop::sample_for<net_t>;
    constexpr hanaprop::label_order<long, 3> zero_based{{0, 1, 2}};
    const hanaprop::min_max_scaler<float, 1> scaler{{0}, {12}};
    std::vector<sample_t> data;
    for (long i = 0; i < 12; ++i)
        data.push_back(hanaprop::make_sample(std::array<float, 1>{float(i)}, 1 + i % 3, scaler, zero_based));
    std::vector<sample_t> scratch(data.size());
    hanaprop::pcg32 g{1};
    const auto split = hanaprop::tutorial_split<12>(data.size(), 3, g);
    const auto scores = hanaprop::cross_validate(std::span<const sample_t>(data), split, std::span<sample_t>(scratch),
                                                 [](std::span<const sample_t> rows, std::size_t) {
                                                     auto net = hanaprop::random_network<net_t>(1);
                                                     hanaprop::workspace<net_t> ws;
                                                     for (int e = 0; e < 10; ++e)
                                                         hanaprop::train_online_epoch(net, ws, rows, 0.5f);
                                                     return net;
                                                 });
    REQUIRE(scores.folds == 3);
    CHECK(std::isnan(scores.mean()));
}

TEST_CASE("make_sample normalises the input and one-hot encodes the label", "[preprocessing]")
{
    constexpr auto scaler = hanaprop::fit_min_max(rows);
    constexpr hanaprop::label_order<int, 2> order{{7, 5}};
    constexpr auto s = hanaprop::make_sample(row3{3.0, 10.0, 5.0}, 5, scaler, order);
    STATIC_REQUIRE(s.input == row3{1.0, 0.0, 0.0});
    STATIC_REQUIRE(s.target == std::array<double, 2>{0.0, 1.0});
}
