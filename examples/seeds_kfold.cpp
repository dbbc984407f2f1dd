// seeds_kfold.cpp - the classic "backpropagation from scratch" demo: a
// 7-5-3 sigmoid network learns to tell three varieties of wheat apart from
// seven measurements of a kernel, scored by 5-fold cross-validation.
//
//   seeds_kfold [CSV]                 hanaprop's float network and PCG32 (seed 1)
//   seeds_kfold --seed N [CSV]        the same with another seed
//   seeds_kfold --sweep N [CSV]       seeds 1..N: each mean, then their spread
//   seeds_kfold --tutorial-rng [CSV]  the tutorial's own random stream and
//                                     arithmetic: prints its published scores
//   --label-order A,B,C               which class label is output 0, 1, 2
//                                     (default 1,2,3; 2,1,3 with --tutorial-rng)
//
// The settings are the tutorial's: 5 hidden neurons, learning rate 0.3,
// 500 epochs of online SGD, every weight first drawn uniform in [0, 1).
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

#include "seeds/tutorial_run.hpp"   // the tutorial's way, bit for bit: double precision,
                                    // Python's random.seed(1) stream, glibc's exp

namespace {

constexpr std::size_t folds = 5;
constexpr int epochs = 500;

// Rows of the CSV file -> samples: each column scaled to [0, 1] over the
// whole file (as the tutorial does, before the split), each label to a
// one-hot target. Returns false, with a message, on a label not in `order`.
template <class T>
bool to_samples(const std::string& path, const hanaprop::csv_result<T, 7>& csv,
                const hanaprop::label_order<long, 3>& order, std::vector<hanaprop::sample<T, 7, 3>>& samples)
{
    const auto scaler = hanaprop::fit_min_max(csv.rows(), [](const auto& row) -> const auto& { return row.features; });
    for (std::size_t i = 0; i < csv.rows().size(); ++i) {
        const auto& row = csv.rows()[i];
        if (!order.contains(row.label)) {
            // Row i is line i + 1: the reader accepts no header and no empty line.
            std::fprintf(stderr, "%s:%zu: class label %ld is not in the label order\n", path.c_str(), i + 1, row.label);
            return false;
        }
        samples.push_back(hanaprop::make_sample(row.features, row.label, scaler, order));
    }
    // Every output needs its class in the data: collect_labels counts them.
    const auto labels = hanaprop::collect_labels<3>(csv.rows(), [](const auto& row) { return row.label; });
    if (!labels.fits()) {
        std::fprintf(stderr, "%s: %zu class labels, the 7-5-3 network has 3 outputs\n", path.c_str(), labels.found);
        return false;
    }
    return true;
}

// hanaprop's way: float network<7, 5, 3>, PCG32 for the split and for each
// fold's initial weights, the library's online SGD. The five folds train
// at once, fold f in lane f of one network of lanes<float, 8>: each lane
// computes exactly what its fold would compute alone (same draws, same
// arithmetic, same scores), and one vector instruction does a step of
// all five (core/lockstep.hpp says why that is faster).
hanaprop::fold_scores<16> run_hanaprop(std::span<const hanaprop::sample<float, 7, 3>> data, std::uint64_t seed)
{
    using net_t = hanaprop::network<7, 5, 3>;
    constexpr std::size_t lanes = 8;   // a multiple of the vector width: 4 (SSE) or 8 (AVX) floats
    using pack_t = hanaprop::lockstep_network<net_t, lanes>;
    using pack_sample = hanaprop::sample_for<pack_t>;
    hanaprop::pcg32 rng{seed};
    // The tutorial's split: 5 folds of 42 rows drawn at random. Its row
    // order lives in a vector, so any number of rows fits.
    std::vector<std::size_t> order(data.size());
    const auto split = hanaprop::tutorial_split(std::span<std::size_t>(order), data.size(), folds, rng);
    if (!split.valid()) return {.folds = 0, .error = split.error};
    std::vector<pack_sample> training(data.size());   // storage for every fold's training rows

    const auto train = [&](std::span<const pack_sample> rows, std::size_t /*folds*/) {
        // A new network per fold, weights uniform in [0, 1) as the tutorial's,
        // drawn fold after fold.
        std::array<net_t, folds> initial;
        for (auto& net : initial) net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
        auto nets = hanaprop::pack_networks<lanes>(initial);
        hanaprop::workspace<pack_t> ws;   // activations and deltas of one step
        for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online(nets, ws, rows, 0.3f);
        return nets;
    };
    return hanaprop::cross_validate_lockstep<lanes>(data, split, std::span<pack_sample>(training), train);
}

// Prints the scores; false, with the reason, when there are none.
bool print(const std::string& path, const hanaprop::fold_scores<16>& scores)
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

// "A,B,C" -> a label order; false if it is not three integers.
bool parse_order(const char* text, hanaprop::label_order<long, 3>& order)
{
    char* end = nullptr;
    for (std::size_t c = 0; c < 3; ++c) {
        order.labels[c] = std::strtol(text, &end, 10);
        if (end == text || *end != (c < 2 ? ',' : '\0')) return false;
        text = end + 1;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::string path = HANAPROP_SEEDS_DATA;   // examples/data/wheat-seeds.csv of the source tree
    bool tutorial = false;
    std::uint64_t seed = 1;
    int sweep = 0;
    hanaprop::label_order<long, 3> order{{1, 2, 3}};
    bool order_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--tutorial-rng") tutorial = true;
        else if (arg == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--sweep" && i + 1 < argc) sweep = std::atoi(argv[++i]);
        else if (arg == "--label-order" && i + 1 < argc && parse_order(argv[++i], order)) order_given = true;
        else if (arg.rfind("--", 0) != 0) path = arg;
        else {
            std::fprintf(stderr, "usage: seeds_kfold [--tutorial-rng | --seed N | --sweep N] "
                                 "[--label-order A,B,C] [CSV]\n");
            return 2;
        }
    }

    if (tutorial) {
        // The label order behind the published scores: 2 -> 0, 1 -> 1, 3 -> 2
        // (the order the tutorial's Python set happened to list them in).
        if (!order_given) order.labels = {2, 1, 3};
        const auto csv = hanaprop::read_labelled_csv<double, 7>(path);
        if (!csv) return std::fprintf(stderr, "%s\n", csv.error().to_string().c_str()), 1;
        std::vector<seeds::tutorial_sample> data;
        if (!to_samples(path, csv, order, data)) return 1;
        return print(path, seeds::run_tutorial(data, folds, epochs)) ? 0 : 1;
    }

    const auto csv = hanaprop::read_labelled_csv<float, 7>(path);
    if (!csv) return std::fprintf(stderr, "%s\n", csv.error().to_string().c_str()), 1;
    std::vector<hanaprop::sample<float, 7, 3>> data;
    if (!to_samples(path, csv, order, data)) return 1;

    if (sweep <= 0) return print(path, run_hanaprop(data, seed)) ? 0 : 1;
    // The spread over seeds 1..N: no seed is picked for luck.
    double sum = 0, sum_squares = 0, low = 100, high = 0;
    for (int s = 1; s <= sweep; ++s) {
        const double mean = run_hanaprop(data, static_cast<std::uint64_t>(s)).mean();
        std::printf("seed %2d: Mean Accuracy: %.3f%%\n", s, mean);
        sum += mean;
        sum_squares += mean * mean;
        low = mean < low ? mean : low;
        high = mean > high ? mean : high;
    }
    const double mean = sum / sweep;
    const double deviation = sweep > 1 ? std::sqrt((sum_squares - sweep * mean * mean) / (sweep - 1)) : 0.0;
    std::printf("%d seeds: mean %.3f%%, standard deviation %.3f, min %.3f%%, max %.3f%%\n", sweep, mean, deviation,
                low, high);
    return 0;
}
