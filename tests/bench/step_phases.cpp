// Where the time of a mini-batch step goes: one epoch of Fashion-MNIST
// (batches of 10, eta 3.0) with each phase of the step timed, for
// 784-30-10 and 784-100-10; and what the read-ahead (fast::read_ahead)
// saves, measured in this process, epochs with and without it alternating.
//
// The step below is train_minibatch's for a network of two weight layers
// and a batch that is one block, written out with a clock between its
// phases. It checks itself: after each timed epoch the network must equal,
// bit for bit, the one train_minibatch_epoch trains from the same start.
//
// Prints, per workload, one line per configuration:
//   PHASES workload=W2-30 read_ahead=yes ns_per_sample=... copy=... forward0=...
// (each phase in ns per sample: its share of the clock's ticks times the
// epoch's CPU time per sample, best epoch of the rounds), and
//   READ_AHEAD workload=W2-30 with=... without=... ratio=...
// (CPU ns per sample, best epoch of each, and the median of the rounds'
// ratios with / without).
#include <algorithm>
#include <chrono>
#include <memory>
#include <span>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace k = hanaprop::fast;
using clock_type = std::chrono::steady_clock;
constexpr std::size_t K = hanaprop::detail::minibatch_block;
constexpr const char* phase_names[] = {"copy", "forward0", "forward1", "output_delta", "backward_delta", "gradient0",
                                       "gradient1"};
constexpr std::size_t phase_count = std::size(phase_names);

template <class Net>
struct timed_step {
    using T = float;
    std::array<double, phase_count> ticks{};

    void operator()(Net& net, hanaprop::gradients<Net>& grads, std::span<const bench::image_sample> batch,
                    std::span<const bench::image_sample* const> next, bool read_ahead)
    {
        static_assert(Net::depth == 2);
        const T step = T(3.0) / static_cast<T>(batch.size());
        hanaprop::detail::batch_workspace<Net, K> block{};
        alignas(64) std::array<typename Net::input_type, K> inputs0;
        const std::size_t count = batch.size();
        std::array<clock_type::time_point, phase_count + 1> t{};
        t[0] = clock_type::now();
        for (std::size_t s = 0; s < count; ++s) inputs0[s] = batch[s].input;
        std::array<const std::array<T, Net::template size<0>>*, K> in0{};
        std::array<const std::array<T, Net::template size<1>>*, K> in1{};
        for (std::size_t s = 0; s < count; ++s) {
            in0[s] = &inputs0[s];
            in1[s] = &block.template output<0>()[s];
        }
        k::read_ahead<K> ahead{};
        if (read_ahead) {
            ahead.bytes = sizeof(bench::image_sample);
            for (std::size_t s = 0; s < next.size() && ahead.count < K; ++s) ahead.blocks[ahead.count++] = next[s];
        }
        t[1] = clock_type::now();
        k::forward_batch(net.template layer<0>(), in0, block.template output<0>(), count, k::build_tiles{}, ahead);
        t[2] = clock_type::now();
        k::forward_batch(net.template layer<1>(), in1, block.template output<1>(), count);
        t[3] = clock_type::now();
        for (std::size_t s = 0; s < count; ++s) {
            const auto& out = block.template output<1>()[s];
            for (std::size_t j = 0; j < Net::output_size; ++j)
                block.template delta<1>()[s][j] =
                    (out[j] - batch[s].target[j]) * hanaprop::sigmoid_derivative_from_output(out[j]);
        }
        t[4] = clock_type::now();
        for (std::size_t s = 0; s < count; ++s)
            k::backward_delta(net.template layer<1>(), block.template delta<1>()[s], block.template output<0>()[s],
                              block.template delta<0>()[s]);
        t[5] = clock_type::now();
        k::gradient_batch(net.template layer<0>(), grads.template layer<0>(), block.template delta<0>(), in0, count,
                          true, true, step);
        t[6] = clock_type::now();
        k::gradient_batch(net.template layer<1>(), grads.template layer<1>(), block.template delta<1>(), in1, count,
                          true, true, step);
        t[7] = clock_type::now();
        for (std::size_t p = 0; p < phase_count; ++p) ticks[p] += std::chrono::duration<double>(t[p + 1] - t[p]).count();
    }
};

template <class Net>
int phases(const char* workload, int rounds)
{
    const auto train = bench::fashion(true);
    const std::span<const bench::image_sample> all{train};
    auto net = std::make_unique<Net>();
    auto grads = std::make_unique<hanaprop::gradients<Net>>();

    // What the step must reproduce.
    auto expected = std::make_unique<Net>(bench::w2_initial<Net>());
    auto ws = std::make_unique<hanaprop::workspace<Net>>();
    hanaprop::train_minibatch_epoch(*expected, *ws, *grads, all, K, 3.0f);

    struct config_result {
        std::vector<double> seconds;
        double best = 1e300;
        std::array<double, phase_count> best_ticks{};
    };
    std::array<config_result, 2> results;   // [0]: without read-ahead, [1]: with
    for (int round = 0; round < rounds; ++round) {
        for (int with = 0; with < 2; ++with) {
            *net = bench::w2_initial<Net>();
            timed_step<Net> step;
            std::array<const bench::image_sample*, K> next{};
            const double start = bench::cpu_seconds();
            for (std::size_t first = 0; first + K <= all.size(); first += K) {
                std::size_t ahead = 0;
                for (std::size_t s = first + K; s < all.size() && ahead < K; ++s) next[ahead++] = &all[s];
                step(*net, *grads, all.subspan(first, K), std::span{next.data(), ahead}, with == 1);
            }
            const double seconds = bench::cpu_seconds() - start;
            if (!(*net == *expected)) {
                std::fprintf(stderr, "error: the timed step's network differs from train_minibatch_epoch's\n");
                return 1;
            }
            auto& r = results[with];
            r.seconds.push_back(seconds);
            if (seconds < r.best) {
                r.best = seconds;
                r.best_ticks = step.ticks;
            }
        }
    }
    const double n = double(all.size());
    for (int with = 0; with < 2; ++with) {
        const auto& r = results[with];
        double total = 0;
        for (double t : r.best_ticks) total += t;
        std::printf("PHASES workload=%s read_ahead=%s ns_per_sample=%.1f", workload, with ? "yes" : "no",
                    1e9 * r.best / n);
        for (std::size_t p = 0; p < phase_count; ++p)
            std::printf(" %s=%.1f", phase_names[p], 1e9 * r.best / n * r.best_ticks[p] / total);
        std::printf("\n");
    }
    std::vector<double> ratios;
    for (int round = 0; round < rounds; ++round) ratios.push_back(results[1].seconds[round] / results[0].seconds[round]);
    std::sort(ratios.begin(), ratios.end());
    std::printf("READ_AHEAD workload=%s with=%.1f without=%.1f ratio=%.3f\n", workload, 1e9 * results[1].best / n,
                1e9 * results[0].best / n, ratios[ratios.size() / 2]);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    try {
        if (phases<bench::nielsen_net>("W2-30", rounds) != 0) return 1;
        return phases<bench::wide_net>("W2-100", rounds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
