// bench_seeds.cpp - the speed of the whole wheat-seeds demo: 5-fold
// cross-validation x 500 epochs of online SGD on 168 rows = 420,000 sample
// updates (plus 210 predictions), timed in thread CPU time, best of many
// runs, for:
//   hanaprop     float network<7, 5, 3>, PCG32, the five folds in lock step
//                (lanes<float, 8>): examples/advanced/seeds-lockstep-kfold.cpp;
//   sequential   the same folds trained one after the other, as the scalar
//                network<7, 5, 3> (same scores, bit for bit): examples/04-seeds-kfold.cpp;
//   eigen        the same algorithm hand-written on Eigen's fixed-size
//                matrices (float, Eigen's vectorised exp), same split;
//   tutorial     the bit-exact double port of the tutorial (seeds-tutorial-reproduction);
//   step only    hanaprop::train_sample alone, 420,000 times, no CV around it.
// Prints one line per case and the scores, so that bench_seeds.py can check
// that every case computed what the example computes.
#include <time.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#include <Eigen/Dense>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

#include "../../examples/advanced/seeds/tutorial_run.hpp"

namespace {

constexpr std::size_t folds = 5;
constexpr int epochs = 500;
constexpr double updates = 5.0 * 500 * 168;   // 420,000

double thread_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// The best of `runs` timings of f(), in seconds; f's last result in `out`.
template <class F, class R>
double best_of(int runs, F f, R& out)
{
    double best = 1e30;
    for (int r = 0; r < runs; ++r) {
        const double start = thread_seconds();
        out = f();
        const double elapsed = thread_seconds() - start;
        best = elapsed < best ? elapsed : best;
    }
    return best;
}

template <class T>
std::vector<hanaprop::sample<T, 7, 3>> load(const hanaprop::label_order<long, 3>& order)
{
    std::vector<hanaprop::host::labelled_row<T, 7>> rows;
    try {
        rows = hanaprop::host::read_labelled_csv<T, 7>(HANAPROP_SEEDS_DATA);
    } catch (const hanaprop::host::file_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        std::exit(1);
    }
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; });
    std::vector<hanaprop::sample<T, 7, 3>> data;
    for (const auto& row : rows) data.push_back(hanaprop::make_sample(row.features, row.label, scaler, order));
    return data;
}

using net_t = hanaprop::network<7, 5, 3>;
using sample_t = hanaprop::sample_for<net_t>;

// Exactly the default run of examples/advanced/seeds-lockstep-kfold.cpp.
hanaprop::fold_scores<16> run_hanaprop(std::span<const sample_t> data, std::uint64_t seed)
{
    constexpr std::size_t lanes = 8;
    using pack_t = hanaprop::lockstep_network<net_t, lanes>;
    using pack_sample = hanaprop::sample_for<pack_t>;
    hanaprop::pcg32 rng{seed};
    const auto split = hanaprop::tutorial_split<4096>(data.size(), folds, rng);
    std::vector<pack_sample> training(data.size());
    return hanaprop::cross_validate_lockstep<lanes>(
        data, split, std::span<pack_sample>(training), [&](std::span<const pack_sample> rows, std::size_t) {
            std::array<net_t, folds> initial;
            for (auto& net : initial) net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
            auto nets = hanaprop::pack_networks<lanes>(initial);
            hanaprop::workspace<pack_t> ws;
            for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online_epoch(nets, ws, rows, 0.3f);
            return nets;
        });
}

// The same, one fold after the other on the scalar network (what
// examples/04-seeds-kfold.cpp runs).
hanaprop::fold_scores<16> run_sequential(std::span<const sample_t> data, std::uint64_t seed)
{
    hanaprop::pcg32 rng{seed};
    const auto split = hanaprop::tutorial_split<4096>(data.size(), folds, rng);
    std::vector<sample_t> training(data.size());
    return hanaprop::cross_validate(data, split, std::span<sample_t>(training),
                                    [&](std::span<const sample_t> rows, std::size_t) {
                                        auto net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
                                        hanaprop::workspace<net_t> ws;
                                        for (int epoch = 0; epoch < epochs; ++epoch) hanaprop::train_online_epoch(net, ws, rows, 0.3f);
                                        return net;
                                    });
}

// What a user would write by hand with Eigen: a 7-5-3 MLP on fixed-size
// matrices, online SGD on the quadratic cost, sigmoid via Eigen's exp.
struct eigen_mlp {
    Eigen::Matrix<float, 5, 7> w1;
    Eigen::Matrix<float, 5, 1> b1;
    Eigen::Matrix<float, 3, 5> w2;
    Eigen::Matrix<float, 3, 1> b2;

    template <int N>
    static Eigen::Matrix<float, N, 1> sigmoid(const Eigen::Matrix<float, N, 1>& z)
    {
        return (1.0f + (-z.array()).exp()).inverse().matrix();
    }

    // The same initial weights as hanaprop's random_network (same draws, same order).
    explicit eigen_mlp(const net_t& from)
    {
        for (int j = 0; j < 5; ++j) {
            for (int i = 0; i < 7; ++i) w1(j, i) = from.layer<0>().weights[j][i];
            b1(j) = from.layer<0>().biases[j];
        }
        for (int k = 0; k < 3; ++k) {
            for (int j = 0; j < 5; ++j) w2(k, j) = from.layer<1>().weights[k][j];
            b2(k) = from.layer<1>().biases[k];
        }
    }

    void train(const Eigen::Matrix<float, 7, 1>& x, const Eigen::Matrix<float, 3, 1>& y, float rate)
    {
        const Eigen::Matrix<float, 5, 1> h = sigmoid<5>(w1 * x + b1);
        const Eigen::Matrix<float, 3, 1> o = sigmoid<3>(w2 * h + b2);
        const Eigen::Matrix<float, 3, 1> d2 = ((o - y).array() * o.array() * (1.0f - o.array())).matrix();
        const Eigen::Matrix<float, 5, 1> d1 = ((w2.transpose() * d2).array() * h.array() * (1.0f - h.array())).matrix();
        w2.noalias() -= rate * d2 * h.transpose();
        b2 -= rate * d2;
        w1.noalias() -= rate * d1 * x.transpose();
        b1 -= rate * d1;
    }

    std::array<float, 3> predict(const std::array<float, 7>& input) const
    {
        const Eigen::Map<const Eigen::Matrix<float, 7, 1>> x(input.data());
        const Eigen::Matrix<float, 3, 1> o = sigmoid<3>(w2 * sigmoid<5>(w1 * x + b1) + b2);
        return {o(0), o(1), o(2)};
    }
};

hanaprop::fold_scores<16> run_eigen(std::span<const sample_t> data, std::uint64_t seed)
{
    hanaprop::pcg32 rng{seed};
    const auto split = hanaprop::tutorial_split<4096>(data.size(), folds, rng);
    std::vector<sample_t> training(data.size());
    return hanaprop::cross_validate(data, split, std::span<sample_t>(training),
                                    [&](std::span<const sample_t> rows, std::size_t) {
                                        eigen_mlp net(hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1));
                                        for (int epoch = 0; epoch < epochs; ++epoch)
                                            for (const auto& s : rows)
                                                net.train(Eigen::Map<const Eigen::Matrix<float, 7, 1>>(s.input.data()),
                                                          Eigen::Map<const Eigen::Matrix<float, 3, 1>>(s.target.data()), 0.3f);
                                        return net;
                                    });
}

void report(const char* name, double seconds, const hanaprop::fold_scores<16>& scores)
{
    std::printf("%-9s %8.3f ms %7.1f ns/update %6.2f M updates/s  Scores: [", name, seconds * 1e3,
                seconds * 1e9 / updates, updates / seconds / 1e6);
    for (std::size_t f = 0; f < scores.folds; ++f) std::printf("%s%.3f", f ? ", " : "", scores.accuracy[f]);
    std::printf("] Mean: %.3f%%\n", scores.mean());
}

} // namespace

// bench_seeds [RUNS [CASE...]]: CASE is hanaprop, sequential, eigen,
// tutorial or step (default: all five); RUNS 0 only loads the data (the baseline of an
// instruction count under callgrind).
int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 20;
    const auto wanted = [&](const char* name) {
        if (argc <= 2) return runs > 0;
        for (int i = 2; i < argc; ++i)
            if (std::strcmp(argv[i], name) == 0) return runs > 0;
        return false;
    };
    const auto data = load<float>({{1, 2, 3}});
    const auto data_double = load<double>({{2, 1, 3}});
    hanaprop::fold_scores<16> scores;

    if (wanted("hanaprop")) report("hanaprop", best_of(runs, [&] { return run_hanaprop(data, 1); }, scores), scores);
    if (wanted("sequential"))
        report("sequential", best_of(runs, [&] { return run_sequential(data, 1); }, scores), scores);
    if (wanted("eigen")) report("eigen", best_of(runs, [&] { return run_eigen(data, 1); }, scores), scores);
    if (wanted("tutorial"))
        report("tutorial", best_of(std::max(1, runs / 4), [&] { return seeds::run_tutorial(data_double, folds, epochs); }, scores), scores);
    if (wanted("step")) {
        // The online step alone: 2500 passes over the first 168 rows.
        net_t net{};
        std::size_t unused = 0;
        const double step = best_of(runs, [&] {
            net = hanaprop::random_network<net_t>(1, hanaprop::initialization::uniform_0_1);
            hanaprop::workspace<net_t> ws;
            for (int pass = 0; pass < 2500; ++pass)
                hanaprop::train_online_epoch(net, ws, std::span<const sample_t>(data).first(168), 0.3f);
            return std::size_t{0};
        }, unused);
        std::printf("step      %8.3f ms %7.1f ns/update (train_sample alone, checksum %.6f)\n", step * 1e3,
                    step * 1e9 / updates, double(net.layer<1>().biases[0]));
    }
    return 0;
}
