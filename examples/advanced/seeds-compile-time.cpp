// seeds-compile-time.cpp - ADVANCED: a 7-5-3 network trained on the 210
// wheat kernels of examples/data/wheat-seeds.csv by the compiler
// (06-compile-time-training.cpp at the scale of a real data set).
//
// The build turns the CSV into a constexpr array (seeds_data.hpp, made by
// examples/tools/csv_to_constexpr.py); then normalisation, shuffling and
// online SGD all run while this file compiles, through the ordinary
// hanaprop API, and a static_assert checks the training accuracy. It is the
// largest training that fits the compilers' budgets comfortably: see
// docs/compile-time.md for the time, memory and limits it needs.
#include <array>
#include <cstddef>
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

#include "seeds_data.hpp"   // wheat_seeds: 210 rows of 7 features and a class 1..3

using net_t = hanaprop::network<7, 5, 3>;
using sample_t = hanaprop::sample_for<net_t>;

#ifndef SEEDS_EPOCHS
#define SEEDS_EPOCHS 5
#endif
constexpr int epochs = SEEDS_EPOCHS;
constexpr std::size_t rows = wheat_seeds.size();

// The 7 features of a row (its 8th value is the class label).
constexpr std::array<float, 7> features_of(const std::array<float, 8>& row)
{
    std::array<float, 7> features{};
    for (std::size_t i = 0; i < 7; ++i) features[i] = row[i];
    return features;
}

// Each feature scaled to [0, 1] by its minimum and maximum over the data,
// and the class label (1, 2 or 3) made a one-hot target: the library's
// preprocessing, run by the compiler.
constexpr std::array<sample_t, rows> make_samples()
{
    const auto scaler = hanaprop::fit_min_max(wheat_seeds, features_of);
    const hanaprop::label_order<float, 3> classes{{1, 2, 3}};
    std::array<sample_t, rows> samples{};
    for (std::size_t r = 0; r < rows; ++r)
        samples[r] = hanaprop::make_sample(features_of(wheat_seeds[r]), wheat_seeds[r][7], scaler, classes);
    return samples;
}

constexpr std::array<sample_t, rows> samples = make_samples();

// Online SGD, reshuffling the rows before every epoch.
constexpr net_t train_seeds()
{
    auto net = hanaprop::random_network<net_t>(1);
    hanaprop::workspace<net_t> ws;
    hanaprop::pcg32 generator{2};
    auto order = samples;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        hanaprop::shuffle(std::span<sample_t>(order), generator);
        hanaprop::train_online_epoch(net, ws, std::span<const sample_t>(order), 1.0f);
    }
    return net;
}

#ifndef SEEDS_AT_RUN_TIME
constexpr
#endif
net_t seeds_network = train_seeds();

#ifndef SEEDS_AT_RUN_TIME
// Checked by the compiler: at least 90% of the rows are classified right.
constexpr std::size_t correct = hanaprop::count_correct(seeds_network, std::span<const sample_t>(samples));
static_assert(correct * 10 >= rows * 9, "the compile-time network classifies fewer than 90% of the rows");
#endif

int main()
{
    const std::size_t right = hanaprop::count_correct(seeds_network, std::span<const sample_t>(samples));
    std::printf("%d epochs at compile time: %zu of %zu training rows right (%.1f%%)\n", epochs, right, rows,
                100.0 * double(right) / double(rows));
    return right * 10 >= rows * 9 ? 0 : 1;
}
