// examples/advanced/seeds/wheat_seeds.hpp - the wheat-seeds CSV as samples,
// for the two advanced wheat-seeds examples (lock step, and the tutorial's
// exact reproduction), which read it the same way in two value types.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <hanaprop/core/cross_validation.hpp>
#include <hanaprop/core/preprocessing.hpp>
#include <hanaprop/host/csv.hpp>

namespace seeds {

// Rows of the CSV file -> samples: each column scaled to [0, 1] over the
// whole file (as the tutorial does, before the split), each label to a
// one-hot target. Returns false, with a message on stderr, on a reader
// error, a label not in `order`, or data without all three classes.
template <class T>
bool read_samples(const std::string& path, const hanaprop::label_order<long, 3>& order,
                  std::vector<hanaprop::sample<T, 7, 3>>& samples)
{
    std::vector<hanaprop::host::labelled_row<T, 7>> rows;
    try {
        rows = hanaprop::host::read_labelled_csv<T, 7>(path);
    } catch (const hanaprop::host::file_error& e) {   // "file:line:column: problem"
        std::fprintf(stderr, "%s\n", e.what());
        return false;
    }
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& row) -> const auto& { return row.features; });
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (!order.contains(row.label)) {
            // Row i is line i + 1: the reader accepts no header and no empty line.
            std::fprintf(stderr, "%s:%zu: class label %ld is not in the label order\n", path.c_str(), i + 1, row.label);
            return false;
        }
        samples.push_back(hanaprop::make_sample(row.features, row.label, scaler, order));
    }
    // Every output needs its class in the data: collect_labels counts them.
    const auto labels = hanaprop::collect_labels<3>(rows, [](const auto& row) { return row.label; });
    if (!labels.fits()) {
        std::fprintf(stderr, "%s: %zu class labels, the 7-5-3 network has 3 outputs\n", path.c_str(), labels.found);
        return false;
    }
    return true;
}

// The tutorial's report: "Scores: [..., ...]" and "Mean Accuracy: xx.xxx%".
template <std::size_t MaxFolds>
bool print_scores(const std::string& path, const hanaprop::fold_scores<MaxFolds>& scores)
{
    if (!scores.valid()) {
        std::fprintf(stderr, "%s: no cross-validation: %s\n", path.c_str(), hanaprop::to_string(scores.error));
        return false;
    }
    std::printf("Scores: [");
    for (std::size_t f = 0; f < scores.folds; ++f) std::printf("%s%.3f", f ? ", " : "", scores.accuracy[f]);
    std::printf("]\nMean Accuracy: %.3f%%\n", scores.mean());
    return true;
}

} // namespace seeds
