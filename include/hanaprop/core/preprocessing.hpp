// hanaprop/core/preprocessing.hpp - turning rows of raw numbers into
// samples a sigmoid network trains well on:
//   - min-max normalisation: fit the range of each column on some rows,
//     then map any row into [0, 1] with it (x - min) / (max - min);
//   - class label -> one-hot target, with the label order chosen by the
//     caller (which label is output 0, which is output 1, ...) or
//     collected from the data (collect_labels), which also checks that
//     the data has as many labels as the network has outputs.
// constexpr and allocation-free, like the rest of the core: the same code
// prepares data at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <hanaprop/core/sample.hpp>

namespace hanaprop {

// The range of each of N columns, and the map of a row into [0, 1].
template <class T, std::size_t N>
struct min_max_scaler {
    std::array<T, N> minimum{};
    std::array<T, N> maximum{};

    // (x - min) / (max - min), column by column: the classic tutorial's
    // formula, operation for operation. A constant column (max == min)
    // maps to 0 instead of dividing by zero. Values outside the fitted
    // range (rows the scaler was not fitted on) map outside [0, 1].
    constexpr std::array<T, N> operator()(const std::array<T, N>& row) const noexcept
    {
        std::array<T, N> out{};
        for (std::size_t i = 0; i < N; ++i) {
            const T range = maximum[i] - minimum[i];
            out[i] = range == T(0) ? T(0) : (row[i] - minimum[i]) / range;
        }
        return out;
    }

    friend constexpr bool operator==(const min_max_scaler&, const min_max_scaler&) = default;
};

namespace detail {
// std::identity lives in <functional>, which pulls in <vector> in libstdc++
// (and <iterator>, for std::begin, pulls in <string>).
struct identity_projection {
    template <class U>
    constexpr const U& operator()(const U& value) const noexcept { return value; }
};
} // namespace detail

// The smallest and largest value of each column over `rows`, any container
// (with begin() and end()) of elements from which `features` gets a std::array<T, N> (by default the
// element itself): for instance
//   fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; })
// Fitting on no rows gives minimum == maximum == 0: every value maps to 0.
template <class Range, class Projection = detail::identity_projection>
constexpr auto fit_min_max(const Range& rows, Projection features = {}) noexcept
{
    using array_type = std::remove_cvref_t<decltype(features(*rows.begin()))>;
    using T = typename array_type::value_type;
    constexpr std::size_t N = std::tuple_size_v<array_type>;
    min_max_scaler<T, N> scaler{};
    bool first = true;
    for (const auto& element : rows) {
        const auto& row = features(element);
        for (std::size_t i = 0; i < N; ++i) {
            if (first || row[i] < scaler.minimum[i]) scaler.minimum[i] = row[i];
            if (first || scaler.maximum[i] < row[i]) scaler.maximum[i] = row[i];
        }
        first = false;
    }
    return scaler;
}

// Which label is class 0, class 1, ...: label_order<long, 3>{{1, 2, 3}} is
// the natural order of the wheat-seeds classes; {{2, 1, 3}} makes label 2
// output 0, label 1 output 1 and label 3 output 2.
template <class Label, std::size_t Classes>
struct label_order {
    std::array<Label, Classes> labels;

    // The class index of a label: its place in the order, or Classes if the
    // label is not in it.
    constexpr std::size_t index_of(const Label& label) const noexcept
    {
        for (std::size_t c = 0; c < Classes; ++c)
            if (labels[c] == label) return c;
        return Classes;
    }

    constexpr bool contains(const Label& label) const noexcept { return index_of(label) < Classes; }

    // The one-hot target of a label. A label not in the order is an error
    // at compile time and an all-NaN target at run time (hanaprop::one_hot):
    // check contains() first when that can happen.
    template <class T>
    constexpr std::array<T, Classes> one_hot(const Label& label) const noexcept
    {
        return hanaprop::one_hot<T, Classes>(index_of(label));
    }
};

// The distinct labels of a data set, in ascending order, as the label
// order of a network with Classes outputs. fits() is false when the data
// has fewer labels (found < Classes) or more (found == Classes + 1, and
// first_extra is the first label that did not fit): a network with the
// wrong number of outputs, or 1-based labels read as 0-based ones, would
// otherwise train on targets with no class.
template <class Label, std::size_t Classes>
struct collected_labels {
    label_order<Label, Classes> order{};
    std::size_t found = 0;   // distinct labels, counted up to Classes + 1
    Label first_extra{};

    constexpr bool fits() const noexcept { return found == Classes; }
};

// collect_labels<Net::output_size>(rows, [](const auto& r) { return r.label; }):
// any container (with begin() and end()) of elements from which `label`
// gets a label (by default the element itself).
template <std::size_t Classes, class Range, class Projection = detail::identity_projection>
constexpr auto collect_labels(const Range& rows, Projection label = {}) noexcept
{
    using Label = std::remove_cvref_t<decltype(label(*rows.begin()))>;
    collected_labels<Label, Classes> result{};
    auto& labels = result.order.labels;
    for (const auto& element : rows) {
        const Label value = label(element);
        std::size_t at = 0;   // where value belongs among the sorted labels found
        while (at < result.found && labels[at] < value) ++at;
        if (at < result.found && labels[at] == value) continue;
        if (result.found == Classes) {   // one label too many
            result.found = Classes + 1;
            result.first_extra = value;
            return result;
        }
        for (std::size_t i = result.found; i > at; --i) labels[i] = labels[i - 1];
        labels[at] = value;
        ++result.found;
    }
    return result;
}

// A sample from raw features and a label: normalised input, one-hot target
// (a label not in the order: see label_order::one_hot).
template <class T, std::size_t N, class Label, std::size_t Classes>
constexpr sample<T, N, Classes> make_sample(const std::array<T, N>& features, const Label& label,
                                            const min_max_scaler<T, N>& scaler,
                                            const label_order<Label, Classes>& order) noexcept
{
    return {scaler(features), order.template one_hot<T>(label)};
}

} // namespace hanaprop
