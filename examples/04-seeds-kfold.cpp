// 04-seeds-kfold.cpp - the classic "backpropagation from scratch" demo: a
// 7-5-3 sigmoid network learns to tell three varieties of wheat apart from
// seven measurements of a kernel, scored by 5-fold cross-validation.
//
//   04-seeds-kfold [CSV]   (default: examples/data/wheat-seeds.csv)
//
// The settings are the tutorial's: 5 hidden neurons, learning rate 0.3,
// 500 epochs of online SGD, every weight first drawn uniform in [0, 1).
#include <cstdio>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

using net_t = hanaprop::network<7, 5, 3>;   // 7 measurements in, 3 classes out
using sample_t = hanaprop::sample_for<net_t>;

int main(int argc, char** argv)
{
    // Each row: 7 numbers, then the class label 1, 2 or 3.
    const std::string path = argc > 1 ? argv[1] : HANAPROP_SEEDS_DATA;
    std::vector<hanaprop::host::labelled_row<float, 7>> rows;
    try {
        rows = hanaprop::host::read_labelled_csv<float, 7>(path);
    } catch (const hanaprop::host::file_error& e) {   // "file:line:column: problem"
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }

    // Every column scaled to [0, 1]; label 1, 2, 3 becomes output 0, 1, 2.
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& row) -> const auto& { return row.features; });
    const hanaprop::label_order<long, 3> classes{{1, 2, 3}};
    std::vector<sample_t> data;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (!classes.contains(row.label))   // row i is line i + 1: the reader allows no header
            return std::fprintf(stderr, "%s:%zu: class label %ld is not 1, 2 or 3\n", path.c_str(), i + 1, row.label), 1;
        data.push_back(hanaprop::make_sample(row.features, row.label, scaler, classes));
    }
    // Each output needs its class in the data.
    const auto labels = hanaprop::collect_labels<3>(rows, [](const auto& row) { return row.label; });
    if (!labels.fits())
        return std::fprintf(stderr, "%s: %zu class labels, the 7-5-3 network has 3 outputs\n", path.c_str(), labels.found), 1;

    // Five folds of rows drawn at random (the tutorial's split), seed 1.
    hanaprop::pcg32 rng{1};
    std::vector<std::size_t> order(data.size());   // the split's row order
    const auto split = hanaprop::tutorial_split(std::span(order), data.size(), 5, rng);
    if (!split.valid())
        return std::fprintf(stderr, "%s: no cross-validation: %s\n", path.c_str(), hanaprop::to_string(split.error)), 1;

    // For each fold: a new network, trained on the other four folds.
    std::vector<sample_t> training(data.size());   // the rows a fold trains on
    const auto train = [&](std::span<const sample_t> rows, std::size_t /*fold*/) {
        auto net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
        hanaprop::workspace<net_t> ws;   // activations and errors of one step
        for (int epoch = 0; epoch < 500; ++epoch) hanaprop::train_online_epoch(net, ws, rows, 0.3f);
        return net;
    };
    const auto scores = hanaprop::cross_validate(std::span<const sample_t>(data), split, std::span(training), train);

    std::printf("Scores: [");
    for (std::size_t f = 0; f < scores.folds; ++f) std::printf("%s%.3f", f ? ", " : "", scores.accuracy[f]);
    std::printf("]\nMean Accuracy: %.3f%%\n", scores.mean());
}
