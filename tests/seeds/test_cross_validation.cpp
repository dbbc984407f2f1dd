// k-fold splits and cross_validate (hanaprop/core/cross_validation.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/core/cross_validation.hpp>
#include <hanaprop/hanaprop.hpp>

#include "../../examples/advanced/seeds/python_random.hpp"
#include "tutorial_trace.hpp"

namespace {

// Every row index in [0, n) at most once, the folds' sizes as given.
template <class Split>
void require_partition(const Split& split, std::size_t n, std::vector<std::size_t> sizes)
{
    REQUIRE(split.valid());
    REQUIRE(split.folds == sizes.size());
    std::vector<int> seen(n, 0);
    for (std::size_t f = 0; f < split.folds; ++f) {
        CHECK(split.fold(f).size() == sizes[f]);
        for (const auto row : split.fold(f)) {
            REQUIRE(row < n);
            ++seen[row];
        }
    }
    CHECK(std::all_of(seen.begin(), seen.end(), [](int s) { return s <= 1; }));
    CHECK(std::accumulate(seen.begin(), seen.end(), 0u) == split.used());
}

} // namespace

TEST_CASE("Python's random.seed(1) stream, as the tutorial draws it", "[cross_validation][tutorial]")
{
    seeds::python_random a{1};
    for (const auto expected : trace::first_uint32_after_seed1) CHECK(a.next() == expected);
    seeds::python_random b{1};
    for (const auto expected : trace::first_random_after_seed1) CHECK(b.random() == expected);
    // It is not std::mt19937(1), whose first output is 1791095845.
    CHECK(trace::first_uint32_after_seed1[0] != 1791095845u);
}

TEST_CASE("the tutorial's split draws the tutorial's folds", "[cross_validation][tutorial]")
{
    seeds::python_random random{1};
    const auto split = hanaprop::tutorial_split<210, 5>(210, 5, random);
    require_partition(split, 210, {42, 42, 42, 42, 42});
    for (std::size_t f = 0; f < 5; ++f) {
        INFO("fold " << f);
        CHECK(std::equal(split.fold(f).begin(), split.fold(f).end(), trace::fold_row_indices[f].begin()));
    }
}

TEST_CASE("the tutorial's split leaves the n mod k rows out", "[cross_validation]")
{
    hanaprop::pcg32 g{3};
    const auto split = hanaprop::tutorial_split<23>(23, 5, g);   // 5 folds of 4, 3 rows unused
    require_partition(split, 23, {4, 4, 4, 4, 4});
    CHECK(split.used() == 20);
    // It runs at compile time too.
    constexpr auto at_compile_time = [] {
        hanaprop::pcg32 generator{3};
        return hanaprop::tutorial_split<23>(23, 5, generator);
    }();
    CHECK(at_compile_time.order == split.order);
}

TEST_CASE("a split that cannot be made has no folds and says why", "[cross_validation]")
{
    using hanaprop::split_error;
    hanaprop::pcg32 g{1};
    const auto over = hanaprop::tutorial_split<10>(11, 2, g);
    CHECK_FALSE(over.valid());
    CHECK(over.folds == 0);
    CHECK(over.error == split_error::more_rows_than_capacity);
    CHECK(hanaprop::tutorial_split<10>(10, 1, g).error == split_error::fewer_than_two_folds);
    CHECK(hanaprop::tutorial_split<10>(3, 4, g).error == split_error::more_folds_than_rows);
    CHECK((hanaprop::tutorial_split<10, 2>(10, 3, g).error == split_error::more_folds_than_max_folds));
    const std::array<std::size_t, 3> classes{0, 1, 0};
    CHECK(hanaprop::stratified_split<3>(classes, 4, g).error == split_error::more_folds_than_rows);
    std::vector<std::size_t> storage(5);
    CHECK(hanaprop::tutorial_split(std::span(storage), 6, 2, g).error == split_error::more_rows_than_capacity);
    CHECK(std::string(hanaprop::to_string(split_error::more_folds_than_rows)) == "more folds than rows");
}

TEST_CASE("cross-validation on an invalid split is no result, not 0%", "[cross_validation]")
{
    // Three rows and five folds: the split fails, cross_validate trains
    // nothing, and the mean is NaN with the reason, not "0.000%".
    using sample_t = hanaprop::sample<float, 1, 2>;
    const std::array<sample_t, 3> data{{{{0}, {1, 0}}, {{1}, {0, 1}}, {{2}, {1, 0}}}};
    std::array<sample_t, 3> scratch{};
    hanaprop::pcg32 g{1};
    const auto split = hanaprop::tutorial_split<4096>(data.size(), 5, g);
    int trained = 0;
    const auto scores = hanaprop::cross_validate(std::span<const sample_t>(data), split, std::span<sample_t>(scratch),
                                                 [&](std::span<const sample_t>, std::size_t) {
                                                     ++trained;
                                                     return hanaprop::network<1, 2>{};
                                                 });
    CHECK(trained == 0);
    CHECK_FALSE(scores.valid());
    CHECK(std::isnan(scores.mean()));
    CHECK(scores.error == hanaprop::split_error::more_folds_than_rows);
    char printed[32];
    std::snprintf(printed, sizeof printed, "%.3f%%", scores.mean());
    CHECK(std::string(printed) == "nan%");

    // A split made for more rows than the data holds.
    const auto bigger = hanaprop::tutorial_split<4096>(10, 2, g);
    const auto mismatch = hanaprop::cross_validate(std::span<const sample_t>(data), bigger,
                                                   std::span<sample_t>(scratch),
                                                   [](std::span<const sample_t>, std::size_t) {
                                                       return hanaprop::network<1, 2>{};
                                                   });
    CHECK(mismatch.error == hanaprop::split_error::data_smaller_than_split);
    CHECK(std::isnan(mismatch.mean()));
}

TEST_CASE("a split on caller storage takes any number of rows", "[cross_validation]")
{
    // 5,000 rows do not fit a split of capacity 4096; in a vector they do,
    // and the folds are the ones the fixed-capacity split draws.
    hanaprop::pcg32 g{7};
    CHECK(hanaprop::tutorial_split<4096>(5000, 5, g).error == hanaprop::split_error::more_rows_than_capacity);
    std::vector<std::size_t> storage(5000);
    hanaprop::pcg32 a{7};
    const auto split = hanaprop::tutorial_split(std::span(storage), 5000, 5, a);
    require_partition(split, 5000, {1000, 1000, 1000, 1000, 1000});
    hanaprop::pcg32 b{7};
    const auto fixed = hanaprop::tutorial_split<5000>(5000, 5, b);
    CHECK(std::equal(fixed.order.begin(), fixed.order.end(), storage.begin()));

    std::vector<std::size_t> classes(70000);
    for (std::size_t i = 0; i < classes.size(); ++i) classes[i] = (i * 7) % 10;
    std::vector<std::size_t> big(classes.size());
    const auto stratified = hanaprop::stratified_split(std::span(big), std::span<const std::size_t>(classes), 5, a);
    require_partition(stratified, 70000, {14000, 14000, 14000, 14000, 14000});
    for (std::size_t f = 0; f < 5; ++f) {
        std::array<int, 10> count{};
        for (const auto row : stratified.fold(f)) ++count[classes[row]];
        for (const int c : count) CHECK(c == 1400);
    }
}

TEST_CASE("the stratified split lists each fold's rows in random order, not sorted by class", "[cross_validation]")
{
    // Three classes of 30 rows, 3 folds: 10 rows of each class per fold.
    // Sorted by class, a fold would change class twice (0...0 1...1 2...2);
    // shuffled, about 2/3 of its 29 neighbours differ. Online SGD trained
    // on class-sorted rows forgets the first classes (the UCI digits fell
    // from about 88% to 47% that way).
    std::vector<std::size_t> classes;
    for (std::size_t c = 0; c < 3; ++c)
        for (int i = 0; i < 30; ++i) classes.push_back(c);
    hanaprop::pcg32 g{1};
    const auto split = hanaprop::stratified_split<90, 3>(std::span<const std::size_t>(classes), 3, g);
    for (std::size_t f = 0; f < 3; ++f) {
        const auto rows = split.fold(f);
        std::size_t changes = 0;
        for (std::size_t i = 1; i < rows.size(); ++i) changes += classes[rows[i]] != classes[rows[i - 1]];
        INFO("fold " << f << ": " << changes << " changes of class");
        CHECK(changes >= 10);
    }
    // The training rows cross_validate hands to a fold's training come
    // fold by fold: mixed too, since each fold is.
}

TEST_CASE("the stratified split keeps each class's share in every fold", "[cross_validation]")
{
    // 70 rows each of classes 1, 2, 3 (like the wheat seeds), plus 3 rows of class 9.
    std::vector<std::size_t> classes;
    for (std::size_t c : {1, 2, 3})
        for (int i = 0; i < 70; ++i) classes.push_back(c);
    classes.insert(classes.begin() + 100, {9, 9, 9});
    hanaprop::pcg32 g{42};
    const auto split = hanaprop::stratified_split<256>(std::span<const std::size_t>(classes), 5, g);
    // 213 rows: fold sizes 43, 43, 43, 42, 42; every row used.
    require_partition(split, 213, {43, 43, 43, 42, 42});
    CHECK(split.used() == 213);
    for (std::size_t f = 0; f < 5; ++f) {
        std::array<int, 10> count{};
        for (const auto row : split.fold(f)) ++count[classes[row]];
        INFO("fold " << f);
        for (std::size_t c : {1, 2, 3}) CHECK(count[c] == 14);   // 70 / 5
        CHECK(count[9] == (f <= 2 ? 1 : 0));   // dealt after the 210 rows of 1, 2, 3: folds 0, 1, 2
    }
    // Different seeds shuffle differently within the classes.
    hanaprop::pcg32 other{43};
    CHECK(hanaprop::stratified_split<256>(std::span<const std::size_t>(classes), 5, other).order != split.order);
}

TEST_CASE("cross_validate trains on the other folds and scores each fold", "[cross_validation]")
{
    // Ten one-input samples; sample i is class i % 2. A "model" that knows
    // the classes of the rows it was trained on and answers class 0 for
    // rows it has not seen: on the fold it never saw, its accuracy is the
    // share of class-0 rows in that fold.
    using sample_t = hanaprop::sample<float, 1, 2>;
    std::array<sample_t, 10> data{};
    for (std::size_t i = 0; i < 10; ++i) data[i] = {{float(i)}, hanaprop::one_hot<float, 2>(i % 2)};

    struct memory_model {
        std::array<int, 10> known{};   // 0 unknown, 1 + class otherwise
        std::array<float, 2> predict(const std::array<float, 1>& x) const
        {
            const int k = known[std::size_t(x[0])];
            return k == 2 ? std::array<float, 2>{0, 1} : std::array<float, 2>{1, 0};
        }
    };
    hanaprop::kfold_split<10, 4> split{};   // a hand-made split: {0,1,2}, {3,4,5}, {6,7,8,9}
    split.order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    split.begin = {0, 3, 6, 10};
    split.folds = 3;
    split.rows = 10;
    std::array<sample_t, 10> scratch{};
    std::vector<std::size_t> trained_sizes;
    const auto scores = hanaprop::cross_validate(std::span<const sample_t>(data), split, std::span<sample_t>(scratch),
                                                 [&](std::span<const sample_t> training, std::size_t fold) {
                                                     trained_sizes.push_back(training.size());
                                                     memory_model m;
                                                     for (const auto& s : training)
                                                         m.known[std::size_t(s.input[0])] = 1 + int(hanaprop::argmax(s.target));
                                                     // fold 0 trains on rows 3..9, in split order
                                                     if (fold == 0) CHECK(training[0].input[0] == 3.0f);
                                                     return m;
                                                 });
    CHECK(trained_sizes == std::vector<std::size_t>{7, 7, 6});
    REQUIRE(scores.folds == 3);
    // Fold {0,1,2}: classes 0,1,0 -> 2 of 3 right; {3,4,5}: 1,0,1 -> 1 of 3; {6,7,8,9}: 2 of 4.
    CHECK(scores.accuracy[0] == Approx(200.0 / 3));
    CHECK(scores.accuracy[1] == Approx(100.0 / 3));
    CHECK(scores.accuracy[2] == 50.0);
    CHECK(scores.mean() == Approx(50.0));
    // Too small a scratch: no folds, nothing trained.
    trained_sizes.clear();
    const auto none = hanaprop::cross_validate(std::span<const sample_t>(data), split,
                                               std::span<sample_t>(scratch).first(5),
                                               [&](std::span<const sample_t>, std::size_t) {
                                                   trained_sizes.push_back(0);
                                                   return memory_model{};
                                               });
    CHECK(none.folds == 0);
    CHECK(trained_sizes.empty());
}

TEST_CASE("cross_validate runs at compile time", "[cross_validation]")
{
    // Six one-input samples: inputs 0, 1, 2 are class 0, inputs 10, 11, 12
    // class 1. A threshold "model" learns the midpoint between the largest
    // class-0 and the smallest class-1 input it was trained on.
    using sample_t = hanaprop::sample<double, 1, 2>;
    struct threshold_model {
        double cut;
        constexpr std::array<double, 2> predict(const std::array<double, 1>& x) const noexcept
        {
            return x[0] > cut ? std::array<double, 2>{0, 1} : std::array<double, 2>{1, 0};
        }
    };
    constexpr auto scores = [] {
        std::array<sample_t, 6> data{};
        for (std::size_t i = 0; i < 6; ++i) data[i] = {{double(i < 3 ? i : i + 7)}, hanaprop::one_hot<double, 2>(i < 3 ? 0 : 1)};
        hanaprop::pcg32 g{5};
        const auto split = hanaprop::stratified_split<6, 3>(std::array<std::size_t, 6>{0, 0, 0, 1, 1, 1}, 3, g);
        std::array<sample_t, 6> scratch{};
        return hanaprop::cross_validate(std::span<const sample_t>(data), split, std::span<sample_t>(scratch),
                                        [](std::span<const sample_t> rows, std::size_t) noexcept {
                                            double high0 = -1, low1 = 99;
                                            for (const auto& s : rows) {
                                                if (s.target[1] > 0.5) low1 = s.input[0] < low1 ? s.input[0] : low1;
                                                else high0 = s.input[0] > high0 ? s.input[0] : high0;
                                            }
                                            return threshold_model{(high0 + low1) / 2};
                                        });
    }();
    // Stratified: each of the 3 folds holds one row of each class, so every
    // training set has two rows of each class, and its cut lies between
    // (1 + 10) / 2 and (2 + 11) / 2: every test row is classified right.
    // (A split that put all of one class in one fold would score 0 there.)
    STATIC_REQUIRE(scores.folds == 3);
    STATIC_REQUIRE(scores.mean() == 100.0);
}
