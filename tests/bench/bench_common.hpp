// What every benchmark program of tests/bench shares: the data of the
// workloads, the initial weights (drawn by hanaprop, copied into each
// peer), CPU-time measurement and the RESULT line.
//
// Workloads (docs/performance.md):
//   W1        7-5-3 online SGD on the 210 wheat-seeds rows (min-max scaled),
//             rate 0.3, 500 epochs, weights uniform in [0, 1) (the tutorial)
//   W2-30     784-30-10 mini-batch SGD, batch 10, eta 3.0, one epoch of the
//             60,000 Fashion-MNIST training images, in file order
//   W2-100    the same with 784-100-10
//   W3-753    single-sample inference of 7-5-3 over the seeds rows
//   W3-784100 single-sample inference of 784-100-10 over test images
//
// Every program takes: <workload> [--repeat N] [--iterations N]. With
// --iterations it runs the workload's inner loop N times without timing
// and prints nothing but a checksum: run_bench.py runs that under
// callgrind for the instruction counts.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/idx.hpp>

namespace bench {

using seeds_net = hanaprop::network<7, 5, 3>;
using nielsen_net = hanaprop::network<784, 30, 10>;
using wide_net = hanaprop::network<784, 100, 10>;
using seeds_sample = hanaprop::sample_for<seeds_net>;
using image_sample = hanaprop::sample<float, 784, 10>;

inline constexpr float w1_rate = 0.3f;
inline constexpr int w1_epochs = 500;
inline constexpr float w2_rate = 3.0f;
inline constexpr std::size_t w2_batch = 10;
inline constexpr std::uint64_t seed = 1;

// Process CPU time: on a machine shared with other jobs, wall-clock time
// measures the neighbours too. (The process, not the thread: tiny-dnn
// runs parts of its work on threads of its own, even when told to use 1.)
inline double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// The wheat-seeds rows, each column scaled to [0, 1] by its min and max,
// the class (1..3) one-hot.
inline std::vector<seeds_sample> seeds_data()
{
    std::ifstream in(HANAPROP_SEEDS_CSV);
    if (!in) throw std::runtime_error(std::string("cannot open ") + HANAPROP_SEEDS_CSV);
    std::vector<std::array<double, 8>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::array<double, 8> r{};
        std::stringstream fields(line);
        std::string field;
        for (auto& v : r) {
            std::getline(fields, field, ',');
            v = std::strtod(field.c_str(), nullptr);
        }
        rows.push_back(r);
    }
    std::vector<seeds_sample> samples(rows.size());
    for (std::size_t c = 0; c < 7; ++c) {
        double lo = rows[0][c], hi = rows[0][c];
        for (const auto& r : rows) lo = r[c] < lo ? r[c] : lo, hi = r[c] > hi ? r[c] : hi;
        for (std::size_t n = 0; n < rows.size(); ++n) samples[n].input[c] = float((rows[n][c] - lo) / (hi - lo));
    }
    for (std::size_t n = 0; n < rows.size(); ++n)
        samples[n].target = hanaprop::one_hot<float, 3>(std::size_t(rows[n][7]) - 1);
    return samples;
}

inline std::vector<image_sample> fashion(bool train, std::size_t limit = static_cast<std::size_t>(-1))
{
    const std::string dir = HANAPROP_FASHION_DIR;
    const std::string prefix = train ? "/train" : "/t10k";
    return hanaprop::host::read_idx_samples<float, 784, 10>(dir + prefix + "-images-idx3-ubyte.gz",
                                                             dir + prefix + "-labels-idx1-ubyte.gz", limit);
}

// The initial networks every implementation starts from.
inline seeds_net w1_initial() { return hanaprop::random_network<seeds_net>(seed, hanaprop::initialization::uniform_0_1); }
template <class Net>
Net w2_initial()
{
    return hanaprop::random_network<Net>(seed, hanaprop::initialization::scaled);
}

struct options {
    std::string workload;
    int repeat = 3;
    long iterations = 0;   // > 0: callgrind mode
};

inline options parse(int argc, char** argv)
{
    options o;
    for (int a = 1; a < argc; ++a) {
        if (!std::strcmp(argv[a], "--repeat") && a + 1 < argc) o.repeat = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--iterations") && a + 1 < argc) o.iterations = std::atol(argv[++a]);
        else o.workload = argv[a];
    }
    return o;
}

// One machine-readable line per measurement (parsed by run_bench.py).
inline void result(const char* impl, const std::string& workload, double seconds, double samples, double accuracy)
{
    char acc[32] = "-";
    if (accuracy >= 0) std::snprintf(acc, sizeof acc, "%.4f", accuracy);
    std::printf("RESULT impl=%s workload=%s samples_per_s=%.0f ns_per_sample=%.2f instructions=- accuracy=%s\n", impl,
                workload.c_str(), samples / seconds, 1e9 * seconds / samples, acc);
    std::fflush(stdout);
}

// The end of every single-sample inference benchmark (W3): `run(n)` makes
// n passes over the data and returns the samples it classified. With
// --iterations (under callgrind) it runs that many passes and prints the
// checksum of the classes; else it prints the RESULT line of the fastest of
// o.repeat timings of `reps` passes. The checksum is printed in both cases
// only so that the compiler cannot drop the work.
template <class Run>
int time_inference(const options& o, const char* impl, long reps, Run&& run, const std::size_t& checksum);

// main() of every peer's benchmark: parses the options, runs the workload
// (`by_workload(o)` returns -1 for one it does not know, which prints the
// usage) and turns an exception into an error message and exit status 1.
template <class ByWorkload>
int main_for(int argc, char** argv, const char* workloads, ByWorkload&& by_workload)
{
    const auto o = parse(argc, argv);
    try {
        const int status = by_workload(o);
        if (status >= 0) return status;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: %s %s [--repeat N] [--iterations N]\n", argv[0], workloads);
    return 2;
}

// Times `run` (which returns the number of samples it processed) `repeat`
// times, each after `reset`, and keeps the fastest.
template <class Reset, class Run>
double best_of(int repeat, Reset&& reset, Run&& run, double& samples)
{
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        reset();
        const double start = cpu_seconds();
        samples = run();
        const double t = cpu_seconds() - start;
        best = t < best ? t : best;
    }
    return best;
}

template <class Run>
int time_inference(const options& o, const char* impl, long reps, Run&& run, const std::size_t& checksum)
{
    if (o.iterations > 0) {
        run(o.iterations);
        std::printf("checksum %zu\n", checksum);
        return 0;
    }
    double samples = 0;
    const double t = best_of(o.repeat, [] {}, [&] { return run(reps); }, samples);
    result(impl, o.workload, t, samples, -1);
    if (checksum == 1) std::printf("(checksum %zu)\n", checksum);
    return 0;
}

template <std::size_t N>
std::size_t argmax(const float* v)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < N; ++i)
        if (v[best] < v[i]) best = i;
    return best;
}

} // namespace bench
