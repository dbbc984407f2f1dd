// hanaprop/core/cross_validation.hpp - k-fold cross-validation: split the
// rows into k folds, train k models, each on k - 1 folds, score each on
// the fold it did not see.
//
//   kfold_split<Capacity, MaxFolds>  the folds: a permutation of row
//                                    indices, fold by fold, in an array of
//                                    compile-time capacity (no heap), or,
//                                    with Capacity = std::dynamic_extent,
//                                    in storage the caller gives (a
//                                    std::vector on a host: any size);
//   tutorial_split(n, k, g)          the classic tutorial's split;
//   stratified_split(classes, k, g)  every fold gets each class in the
//                                    proportion of the whole set;
//   cross_validate(data, split, scratch, train)
//                                    the per-fold accuracy, for any model
//                                    type and any training function.
//
// A split that cannot be made, or a cross-validation that cannot run, says
// why (split_error) and has no folds; its mean() is NaN, never a
// plausible 0%.
//
// A generator g is anything with g.below(n) returning a uniform integer in
// [0, n): hanaprop::pcg32, or a port of another language's generator.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>

#include <hanaprop/core/finite.hpp>
#include <hanaprop/core/metrics.hpp>
#include <hanaprop/core/random.hpp>
#include <hanaprop/core/shape_checks.hpp>

namespace hanaprop {

// Why a split or a cross-validation has no folds.
enum class split_error {
    none,
    fewer_than_two_folds,        // k < 2
    more_folds_than_rows,        // k > n
    more_folds_than_max_folds,   // k > MaxFolds
    more_rows_than_capacity,     // n > Capacity, or more than the storage given
    more_rows_than_2_to_the_32,  // the generators draw 32-bit numbers
    data_smaller_than_split,     // cross_validate: the split is for more rows than the data has
    scratch_too_small,           // cross_validate: fewer scratch samples than training rows
};

// The reason in words, for a message.
constexpr const char* to_string(split_error error) noexcept
{
    switch (error) {
    case split_error::none: return "no error";
    case split_error::fewer_than_two_folds: return "a split needs at least 2 folds";
    case split_error::more_folds_than_rows: return "more folds than rows";
    case split_error::more_folds_than_max_folds: return "more folds than the split's MaxFolds";
    case split_error::more_rows_than_capacity:
        return "more rows than the split's capacity (use a split on caller storage for a large data set)";
    case split_error::more_rows_than_2_to_the_32: return "more than 2^32 - 1 rows";
    case split_error::data_smaller_than_split: return "the data has fewer rows than the split was made for";
    case split_error::scratch_too_small: return "the scratch span is smaller than the rows the split uses";
    }
    return "unknown error";
}

// Up to MaxFolds folds over up to Capacity rows. `order` holds row indices;
// fold f is order[begin[f] .. begin[f + 1]). Rows after begin[folds] are in
// no fold (the tutorial's split leaves n mod k rows out).
// valid() is false when the split could not be made (error says why):
// such a split has no folds.
// With Capacity = std::dynamic_extent, `order` is a span of the storage
// passed to the split function, which must outlive the split.
template <std::size_t Capacity, std::size_t MaxFolds = 16>
struct kfold_split {
    static constexpr std::size_t capacity = Capacity;
    static constexpr std::size_t max_folds = MaxFolds;

    std::conditional_t<Capacity == std::dynamic_extent, std::span<std::size_t>, std::array<std::size_t, Capacity>>
        order{};
    std::array<std::size_t, MaxFolds + 1> begin{};
    std::size_t folds = 0;
    std::size_t rows = 0;   // n: the rows the split was made for
    split_error error = split_error::none;

    constexpr bool valid() const noexcept { return folds > 0 && error == split_error::none; }

    // The row indices of fold f.
    constexpr std::span<const std::size_t> fold(std::size_t f) const noexcept
    {
        return std::span<const std::size_t>(order).subspan(begin[f], begin[f + 1] - begin[f]);
    }

    // The rows used by any fold (all of them but the tutorial's left-overs).
    constexpr std::size_t used() const noexcept { return begin[folds]; }
};

// A split whose row order lives in caller storage (a std::vector<std::size_t>
// of n elements on a host): no capacity to choose and no limit on n.
template <std::size_t MaxFolds = 16>
using kfold_split_view = kfold_split<std::dynamic_extent, MaxFolds>;

namespace detail {
constexpr split_error split_check(std::size_t n, std::size_t k, std::size_t capacity, std::size_t max_folds) noexcept
{
    if (k < 2) return split_error::fewer_than_two_folds;
    if (k > max_folds) return split_error::more_folds_than_max_folds;
    if (n > capacity) return split_error::more_rows_than_capacity;
    if (n > 0xffffffffu) return split_error::more_rows_than_2_to_the_32;
    if (k > n) return split_error::more_folds_than_rows;
    return split_error::none;
}

// The split's order over n rows: its own array, or the first n elements of
// the caller's storage. Sets split.error when the split cannot be made.
template <std::size_t Capacity, std::size_t MaxFolds>
constexpr std::span<std::size_t> prepare_split(kfold_split<Capacity, MaxFolds>& split, std::span<std::size_t> storage,
                                               std::size_t n, std::size_t k) noexcept
{
    const std::size_t room = Capacity == std::dynamic_extent ? storage.size() : Capacity;
    split.error = split_check(n, k, room, MaxFolds);
    if (split.error != split_error::none) return {};
    if constexpr (Capacity == std::dynamic_extent) split.order = storage.first(n);
    split.rows = n;
    split.folds = k;
    return std::span<std::size_t>(split.order).first(n);
}

template <std::size_t Capacity, std::size_t MaxFolds, class Generator>
constexpr void tutorial_folds(kfold_split<Capacity, MaxFolds>& split, std::span<std::size_t> order,
                              Generator& g) noexcept
{
    const std::size_t n = split.rows;
    const std::size_t k = split.folds;
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    // order[0 .. taken) are the rows drawn so far, in drawing order;
    // order[taken .. n) the rows left, in their original order.
    const std::size_t fold_size = n / k;
    for (std::size_t taken = 0; taken < k * fold_size; ++taken) {
        const std::size_t pick = taken + g.below(static_cast<std::uint32_t>(n - taken));
        const std::size_t row = order[pick];
        for (std::size_t i = pick; i > taken; --i) order[i] = order[i - 1];
        order[taken] = row;
    }
    for (std::size_t f = 0; f <= k; ++f) split.begin[f] = f * fold_size;
}

// A bijection of 64-bit integers (splitmix64's finaliser): the rank of a
// row within its class, in an order only the seed decides.
constexpr std::uint64_t mix(std::uint64_t x) noexcept
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

template <std::size_t Capacity, std::size_t MaxFolds, class Generator>
constexpr void stratified_folds(kfold_split<Capacity, MaxFolds>& split, std::span<std::size_t> order,
                                std::span<const std::size_t> classes, Generator& g) noexcept
{
    const std::size_t n = split.rows;
    const std::size_t k = split.folds;
    // 1. The rows sorted by (class, a seeded random rank): the classes in
    //    ascending order, each class's rows shuffled. Heap sort, in place:
    //    no scratch memory, O(n log n) for any n.
    const std::uint64_t seed = std::uint64_t(g.below(0xffffffffu)) << 32 | g.below(0xffffffffu);
    const auto before = [&](std::size_t a, std::size_t b) {
        return classes[a] != classes[b] ? classes[a] < classes[b] : mix(a ^ seed) < mix(b ^ seed);
    };
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    const auto sift_down = [&](std::size_t root, std::size_t end) {
        for (std::size_t child = 2 * root + 1; child < end; child = 2 * root + 1) {
            if (child + 1 < end && before(order[child], order[child + 1])) ++child;
            if (!before(order[root], order[child])) return;
            const std::size_t tmp = order[root];
            order[root] = order[child];
            order[child] = tmp;
            root = child;
        }
    };
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end-- > 1;) {
        const std::size_t tmp = order[0];
        order[0] = order[end];
        order[end] = tmp;
        sift_down(0, end);
    }
    // 2. Deal: the p-th row goes to fold p mod k, so that every fold holds
    //    each class in about its share and the sizes differ by at most one.
    //    The move from place p to begin[p mod k] + p / k is a permutation,
    //    done in place cycle by cycle; the top bit marks a row in place
    //    (n < 2^32, so row indices never use it).
    split.begin[0] = 0;
    for (std::size_t f = 0; f < k; ++f) split.begin[f + 1] = split.begin[f] + n / k + (f < n % k ? 1 : 0);
    constexpr std::size_t placed = std::size_t(1) << (std::numeric_limits<std::size_t>::digits - 1);
    for (std::size_t start = 0; start < n; ++start) {
        if (order[start] & placed) continue;
        std::size_t carried = order[start];
        for (std::size_t at = start;;) {
            const std::size_t to = split.begin[at % k] + at / k;
            const std::size_t next = order[to];
            order[to] = carried | placed;
            if (to == start) break;
            carried = next;
            at = to;
        }
    }
    for (std::size_t i = 0; i < n; ++i) order[i] &= ~placed;
    // 3. Shuffle each fold: dealt class after class, a fold would list its
    //    rows sorted by class, and online SGD on sorted rows forgets the
    //    first classes by the end of each epoch.
    for (std::size_t f = 0; f < k; ++f) shuffle(order.subspan(split.begin[f], split.begin[f + 1] - split.begin[f]), g);
}
} // namespace detail

// The tutorial's split (cross_validation_split of "backpropagation from
// scratch"): k folds of floor(n / k) rows; each row is drawn with
// g.below(rows left) from the list of rows not drawn yet, which keeps its
// order (Python's list.pop(index)). Each fold lists its rows in drawing
// order, which is random. The n mod k rows never drawn are in no fold.
template <std::size_t Capacity, std::size_t MaxFolds = 16, class Generator>
[[nodiscard]] constexpr kfold_split<Capacity, MaxFolds> tutorial_split(std::size_t n, std::size_t k,
                                                                       Generator& g) noexcept
{
    kfold_split<Capacity, MaxFolds> split{};
    const auto order = detail::prepare_split(split, {}, n, k);
    if (split.valid()) detail::tutorial_folds(split, order, g);
    return split;
}

// The same split, its order in `storage` (at least n elements).
template <std::size_t MaxFolds = 16, class Generator>
[[nodiscard]] constexpr kfold_split_view<MaxFolds> tutorial_split(std::span<std::size_t> storage, std::size_t n,
                                                                  std::size_t k, Generator& g) noexcept
{
    kfold_split_view<MaxFolds> split{};
    const auto order = detail::prepare_split(split, storage, n, k);
    if (split.valid()) detail::tutorial_folds(split, order, g);
    return split;
}

// A stratified split of n = classes.size() rows, classes[i] being the class
// of row i (any integers): the rows are ordered by class, in a random
// order within each class, and dealt round-robin to the folds, so that
// every fold holds each class in about the proportion of the whole set and
// the fold sizes differ by at most one; then each fold is shuffled, so that
// its rows come in random order, not sorted by class. Every row is in a fold.
template <std::size_t Capacity, std::size_t MaxFolds = 16, class Generator>
[[nodiscard]] constexpr kfold_split<Capacity, MaxFolds> stratified_split(std::span<const std::size_t> classes,
                                                                         std::size_t k, Generator& g) noexcept
{
    kfold_split<Capacity, MaxFolds> split{};
    const auto order = detail::prepare_split(split, {}, classes.size(), k);
    if (split.valid()) detail::stratified_folds(split, order, classes, g);
    return split;
}

// The same split, its order in `storage` (at least classes.size() elements).
template <std::size_t MaxFolds = 16, class Generator>
[[nodiscard]] constexpr kfold_split_view<MaxFolds> stratified_split(std::span<std::size_t> storage,
                                                                    std::span<const std::size_t> classes,
                                                                    std::size_t k, Generator& g) noexcept
{
    kfold_split_view<MaxFolds> split{};
    const auto order = detail::prepare_split(split, storage, classes.size(), k);
    if (split.valid()) detail::stratified_folds(split, order, classes, g);
    return split;
}

// The accuracy of each fold, in percent, as the tutorial reports it.
// No folds (valid() false) when the cross-validation could not run; error
// says why when cross_validate knows it.
template <std::size_t MaxFolds>
struct fold_scores {
    std::array<double, MaxFolds> accuracy{};
    std::size_t folds = 0;
    split_error error = split_error::none;

    constexpr bool valid() const noexcept { return folds > 0 && error == split_error::none; }

    // The mean of the folds' accuracies (the tutorial's "Mean Accuracy").
    // NaN without folds: printed, it reads "nan", not a plausible 0.000%.
    constexpr double mean() const noexcept
    {
        if (folds == 0) return std::numeric_limits<double>::quiet_NaN();
        double sum = 0;
        for (std::size_t f = 0; f < folds; ++f) sum += accuracy[f];
        return sum / static_cast<double>(folds);
    }
};

// k-fold cross-validation. For each fold f of `split`:
//   1. the rows of every other fold, fold by fold in their split order, are
//      copied into `scratch` (caller storage, at least split.used() samples);
//   2. model = train(std::span<const Sample>(training rows), f);
//   3. the rows of fold f are scored as count_correct scores them
//      (classified_right(model.predict(input), target), core/metrics.hpp);
//      a hanaprop network with a NaN or infinite parameter scores NaN.
// Sample is any type with `input` and `target` members (hanaprop::sample);
// the model is any type with predict(input) returning an array of scores,
// so it works for every hanaprop network and for hand-written models alike.
// An invalid split, data with fewer rows than the split or too small a
// scratch gives no folds (folds == 0), and error says which.
template <class Sample, std::size_t Capacity, std::size_t MaxFolds, class Train>
[[nodiscard]] constexpr fold_scores<MaxFolds> cross_validate(std::span<const Sample> data,
                                               const kfold_split<Capacity, MaxFolds>& split,
                                               std::span<Sample> scratch, Train&& train)
    noexcept(std::is_nothrow_invocable_v<Train&, std::span<const Sample>, std::size_t>)
{
    fold_scores<MaxFolds> scores{};
    using model_type = std::remove_cvref_t<std::invoke_result_t<Train&, std::span<const Sample>, std::size_t>>;
    if constexpr (is_basic_network_v<model_type> && !data_set_for<std::span<const Sample>, model_type>) {
        // Rows that do not fit the network train returns: one error naming
        // the mismatch (core/shape_checks.hpp; a hanaprop trainer in `train`
        // has met the same one), and no second one from predict below.
        detail::check_data_set<model_type, std::span<const Sample>>();
    } else {
        if (!split.valid()) {
            scores.error = split.error == split_error::none ? split_error::fewer_than_two_folds : split.error;
            return scores;
        }
        if (split.rows > data.size()) {
            scores.error = split_error::data_smaller_than_split;
            return scores;
        }
        if (scratch.size() < split.used()) {
            scores.error = split_error::scratch_too_small;
            return scores;
        }
        scores.folds = split.folds;
        for (std::size_t f = 0; f < split.folds; ++f) {
            std::size_t count = 0;
            for (std::size_t other = 0; other < split.folds; ++other)
                if (other != f)
                    for (const std::size_t row : split.fold(other)) scratch[count++] = data[row];
            const auto model = train(std::span<const Sample>(scratch.data(), count), f);

            std::size_t correct = 0;
            for (const std::size_t row : split.fold(f))
                correct += classified_right(model.predict(data[row].input), data[row].target);
            const auto tested = split.fold(f).size();
            scores.accuracy[f] =
                tested == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(tested) * 100.0;
            // A network that training made NaN (a NaN in the data, a label
            // with no class) has no accuracy: NaN, which the mean keeps.
            if constexpr (is_basic_network_v<model_type>)
                if (!is_finite(model)) scores.accuracy[f] = std::numeric_limits<double>::quiet_NaN();
        }
    }
    return scores;
}

} // namespace hanaprop
