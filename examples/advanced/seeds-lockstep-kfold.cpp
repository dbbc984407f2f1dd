// seeds-lockstep-kfold.cpp - ADVANCED: examples/04-seeds-kfold.cpp with its
// five folds trained at once, fold f in lane f of one
// lockstep_network<network<7, 5, 3>, 8>. Every lane computes exactly what
// its fold computes alone, so the scores are 04's, to the last digit; one
// vector instruction does a step of all five folds, which is what makes
// this the fast way to cross-validate a small network.
//
//   seeds-lockstep-kfold [--seed N] [CSV]   PCG32 with seed N (default 1)
//   seeds-lockstep-kfold --sweep N [CSV]    seeds 1..N: each mean, then their spread
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>

#include "seeds/wheat_seeds.hpp"

namespace {

constexpr std::size_t folds = 5;
constexpr int epochs = 500;

// 04's run, in lock step: the same split, the same initial weights drawn
// fold after fold, the same online SGD.
hanaprop::fold_scores<16> run_lockstep(std::span<const hanaprop::sample<float, 7, 3>> data, std::uint64_t seed)
{
    using net_t = hanaprop::network<7, 5, 3>;
    constexpr std::size_t lanes = 8;   // a multiple of the vector width: 4 (SSE) or 8 (AVX) floats
    using pack_t = hanaprop::lockstep_network<net_t, lanes>;
    using pack_sample = hanaprop::sample_for<pack_t>;
    hanaprop::pcg32 rng{seed};
    std::vector<std::size_t> order(data.size());   // the split's row order: any number of rows fits
    const auto split = hanaprop::tutorial_split(std::span<std::size_t>(order), data.size(), folds, rng);
    if (!split.valid()) return {.folds = 0, .error = split.error};
    std::vector<pack_sample> training(data.size());   // storage for every fold's training rows

    const auto train = [&](std::span<const pack_sample> rows, std::size_t /*folds*/) {
        std::array<net_t, folds> initial;
        for (auto& net : initial) net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
        auto nets = hanaprop::pack_networks<lanes>(initial);   // network f in lane f
        hanaprop::workspace<pack_t> ws;
        for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online_epoch(nets, ws, rows, 0.3f);
        return nets;
    };
    return hanaprop::cross_validate_lockstep<lanes>(data, split, std::span<pack_sample>(training), train);
}

} // namespace

int main(int argc, char** argv)
{
    std::string path = HANAPROP_SEEDS_DATA;   // examples/data/wheat-seeds.csv of the source tree
    std::uint64_t seed = 1;
    int sweep = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--sweep" && i + 1 < argc) sweep = std::atoi(argv[++i]);
        else if (arg.rfind("--", 0) != 0) path = arg;
        else return std::fprintf(stderr, "usage: seeds-lockstep-kfold [--seed N | --sweep N] [CSV]\n"), 2;
    }
    std::vector<hanaprop::sample<float, 7, 3>> data;
    if (!seeds::read_samples(path, {{1, 2, 3}}, data)) return 1;

    if (sweep <= 0) {
        return seeds::print_scores(path, run_lockstep(data, seed)) ? 0 : 1;
    }
    // The spread over seeds 1..N: no seed is picked for luck.
    double sum = 0, sum_squares = 0, low = 100, high = 0;
    for (int s = 1; s <= sweep; ++s) {
        const double mean = run_lockstep(data, static_cast<std::uint64_t>(s)).mean();
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
