// hanaprop/core/cross_validation.hpp - k-fold cross-validation: split the
// rows into k folds, train k models, each on k - 1 folds, score each on
// the fold it did not see.
//
//   kfold_split<Capacity, MaxFolds>  the folds: a permutation of row
//                                    indices, fold by fold, in an array of
//                                    compile-time capacity (no heap);
//   tutorial_split(n, k, g)          the classic tutorial's split;
//   stratified_split(classes, k, g)  every fold gets each class in the
//                                    proportion of the whole set;
//   cross_validate(data, split, scratch, train)
//                                    the per-fold accuracy, for any model
//                                    type and any training function.
//
// A generator g is anything with g.below(n) returning a uniform integer in
// [0, n): hanaprop::pcg32, or a port of another language's generator.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <hanaprop/core/metrics.hpp>
#include <hanaprop/core/random.hpp>
#include <hanaprop/core/shape_checks.hpp>

namespace hanaprop {

// Up to MaxFolds folds over up to Capacity rows. `order` holds row indices;
// fold f is order[begin[f] .. begin[f + 1]). Rows after begin[folds] are in
// no fold (the tutorial's split leaves n mod k rows out).
// valid() is false when the split could not be made: k < 2, k > n,
// k > MaxFolds or n > Capacity. Such a split has no folds.
template <std::size_t Capacity, std::size_t MaxFolds = 16>
struct kfold_split {
    static constexpr std::size_t capacity = Capacity;
    static constexpr std::size_t max_folds = MaxFolds;

    std::array<std::size_t, Capacity> order{};
    std::array<std::size_t, MaxFolds + 1> begin{};
    std::size_t folds = 0;
    std::size_t rows = 0;   // n: the rows the split was made for

    constexpr bool valid() const noexcept { return folds > 0; }

    // The row indices of fold f.
    constexpr std::span<const std::size_t> fold(std::size_t f) const noexcept
    {
        return std::span<const std::size_t>(order).subspan(begin[f], begin[f + 1] - begin[f]);
    }

    // The rows used by any fold (all of them but the tutorial's left-overs).
    constexpr std::size_t used() const noexcept { return begin[folds]; }
};

namespace detail {
template <std::size_t Capacity, std::size_t MaxFolds>
constexpr bool can_split(std::size_t n, std::size_t k) noexcept
{
    return k >= 2 && k <= n && k <= MaxFolds && n <= Capacity && n <= 0xffffffffu;
}
} // namespace detail

// The tutorial's split (cross_validation_split of "backpropagation from
// scratch"): k folds of floor(n / k) rows; each row is drawn with
// g.below(rows left) from the list of rows not drawn yet, which keeps its
// order (Python's list.pop(index)). The n mod k rows never drawn are in no
// fold.
template <std::size_t Capacity, std::size_t MaxFolds = 16, class Generator>
constexpr kfold_split<Capacity, MaxFolds> tutorial_split(std::size_t n, std::size_t k, Generator& g) noexcept
{
    kfold_split<Capacity, MaxFolds> split{};
    if (!detail::can_split<Capacity, MaxFolds>(n, k)) return split;
    split.rows = n;
    split.folds = k;
    for (std::size_t i = 0; i < n; ++i) split.order[i] = i;
    // order[0 .. taken) are the rows drawn so far, in drawing order;
    // order[taken .. n) the rows left, in their original order.
    const std::size_t fold_size = n / k;
    for (std::size_t taken = 0; taken < k * fold_size; ++taken) {
        const std::size_t pick = taken + g.below(static_cast<std::uint32_t>(n - taken));
        const std::size_t row = split.order[pick];
        for (std::size_t i = pick; i > taken; --i) split.order[i] = split.order[i - 1];
        split.order[taken] = row;
    }
    for (std::size_t f = 0; f <= k; ++f) split.begin[f] = f * fold_size;
    return split;
}

// A stratified split of n = classes.size() rows, classes[i] being the class
// of row i (any integers): the rows of each class are shuffled (hanaprop::
// shuffle), then dealt round-robin to the folds, class after class, so that
// every fold holds each class in about the proportion of the whole set and
// the fold sizes differ by at most one. Every row is in a fold.
template <std::size_t Capacity, std::size_t MaxFolds = 16, class Generator>
constexpr kfold_split<Capacity, MaxFolds> stratified_split(std::span<const std::size_t> classes, std::size_t k,
                                                           Generator& g) noexcept
{
    kfold_split<Capacity, MaxFolds> split{};
    const std::size_t n = classes.size();
    if (!detail::can_split<Capacity, MaxFolds>(n, k)) return split;
    split.rows = n;
    split.folds = k;

    // The rows sorted by class, stably (insertion sort: no heap, and n is
    // the size of a data set that fits in an array on the stack).
    std::array<std::size_t, Capacity> by_class{};
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t j = i;
        for (; j > 0 && classes[i] < classes[by_class[j - 1]]; --j) by_class[j] = by_class[j - 1];
        by_class[j] = i;
    }
    // Shuffle within each class.
    for (std::size_t first = 0; first < n;) {
        std::size_t last = first + 1;
        while (last < n && classes[by_class[last]] == classes[by_class[first]]) ++last;
        shuffle(std::span<std::size_t>(by_class).subspan(first, last - first), g);
        first = last;
    }
    // Deal: the p-th row of by_class goes to fold p mod k, at place p / k.
    split.begin[0] = 0;
    for (std::size_t f = 0; f < k; ++f) split.begin[f + 1] = split.begin[f] + n / k + (f < n % k ? 1 : 0);
    for (std::size_t p = 0; p < n; ++p) split.order[split.begin[p % k] + p / k] = by_class[p];
    return split;
}

// The accuracy of each fold, in percent, as the tutorial reports it.
template <std::size_t MaxFolds>
struct fold_scores {
    std::array<double, MaxFolds> accuracy{};
    std::size_t folds = 0;

    // The mean of the folds' accuracies (the tutorial's "Mean Accuracy").
    constexpr double mean() const noexcept
    {
        double sum = 0;
        for (std::size_t f = 0; f < folds; ++f) sum += accuracy[f];
        return folds == 0 ? 0.0 : sum / static_cast<double>(folds);
    }
};

// k-fold cross-validation. For each fold f of `split`:
//   1. the rows of every other fold, fold by fold in their split order, are
//      copied into `scratch` (caller storage, at least split.used() samples);
//   2. model = train(std::span<const Sample>(training rows), f);
//   3. the rows of fold f are scored as count_correct scores them
//      (classified_right(model.predict(input), target), core/metrics.hpp).
// Sample is any type with `input` and `target` members (hanaprop::sample);
// the model is any type with predict(input) returning an array of scores,
// so it works for every hanaprop network and for hand-written models alike.
// An invalid split or too small a scratch gives no folds (folds == 0).
template <class Sample, std::size_t Capacity, std::size_t MaxFolds, class Train>
constexpr fold_scores<MaxFolds> cross_validate(std::span<const Sample> data,
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
        check_data_set<model_type, std::span<const Sample>>();
    } else {
        if (!split.valid() || split.rows > data.size() || scratch.size() < split.used()) return scores;
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
        }
    }
    return scores;
}

} // namespace hanaprop
