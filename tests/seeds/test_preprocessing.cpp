// Min-max normalisation and label -> one-hot (hanaprop/core/preprocessing.hpp).
#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include <hanaprop/core/preprocessing.hpp>
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
    const auto csv = hanaprop::read_labelled_csv<double, 7>(HANAPROP_SEEDS_DATA);
    REQUIRE(csv.ok());
    // Fit through a projection, on the CSV's rows.
    const auto scaler = hanaprop::fit_min_max(csv.rows(), [](const auto& r) -> const auto& { return r.features; });
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(scaler.minimum[i] == trace::column_min_max[i][0]);
        CHECK(scaler.maximum[i] == trace::column_min_max[i][1]);
    }
    // Bit for bit the tutorial's first normalised row.
    CHECK(scaler(csv.rows()[0].features) == trace::first_row_normalised);
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
    // A label outside the order: not contained, all-zero target.
    STATIC_REQUIRE(!tutorial.contains(4));
    STATIC_REQUIRE(tutorial.index_of(4) == 3);
    STATIC_REQUIRE(tutorial.one_hot<float>(4) == std::array<float, 3>{0, 0, 0});
}

TEST_CASE("make_sample normalises the input and one-hot encodes the label", "[preprocessing]")
{
    constexpr auto scaler = hanaprop::fit_min_max(rows);
    constexpr hanaprop::label_order<int, 2> order{{7, 5}};
    constexpr auto s = hanaprop::make_sample(row3{3.0, 10.0, 5.0}, 5, scaler, order);
    STATIC_REQUIRE(s.input == row3{1.0, 0.0, 0.0});
    STATIC_REQUIRE(s.target == std::array<double, 2>{0.0, 1.0});
}
