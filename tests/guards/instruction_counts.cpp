// The workloads whose instruction counts check_instruction_counts.py
// guards, in a program of its own: a user's file, not the benchmarks',
// with training, inference of two networks and printing in one unit, so
// that what the compiler inlines here is what a user's program gets.
//
// Usage: instruction_counts W1|W3-753|W3-784100|deep-minibatch PASSES [build-flags]
// Runs PASSES passes over its data and prints a checksum, which keeps the
// work from being optimised away. `build-flags` runs the build's own code
// where the default would run a copy compiled for a wider target
// (core/code_path.hpp). Data and weights are drawn from fixed
// seeds: the same instructions run on every machine.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include <hanaprop/hanaprop.hpp>

namespace {

using small_net = hanaprop::network<7, 5, 3>;
using wide_net = hanaprop::network<784, 100, 10>;
// Two layers of one type, which the passes call out of line (core/fast/paths.hpp).
using deep_net = hanaprop::network<32, 64, 64, 64, 10>;

// Values in [0, 1) from a fixed linear congruential sequence.
struct numbers {
    std::uint64_t state;
    float next()
    {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return float(state >> 40) / float(1u << 24);
    }
};

template <class Net>
std::vector<hanaprop::sample_for<Net>> data(std::size_t count)
{
    numbers draw{42};
    std::vector<hanaprop::sample_for<Net>> samples(count);
    for (std::size_t n = 0; n < count; ++n) {
        for (auto& v : samples[n].input) v = draw.next();
        samples[n].target = hanaprop::one_hot<float, Net::output_size>(n % Net::output_size);
    }
    return samples;
}

template <class Net>
std::size_t classify(const Net& net, const std::vector<hanaprop::sample_for<Net>>& samples, long passes,
                     hanaprop::code_path path)
{
    std::size_t sum = 0;
    for (long p = 0; p < passes; ++p)
        for (const auto& s : samples) sum += hanaprop::argmax(net.predict(s.input, path));
    return sum;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3 && !(argc == 4 && !std::strcmp(argv[3], "build-flags"))) {
        std::fprintf(stderr, "usage: %s W1|W3-753|W3-784100|deep-minibatch PASSES [build-flags]\n", argv[0]);
        return 2;
    }
    const long passes = std::atol(argv[2]);
    const auto path = argc == 4 ? hanaprop::code_path::build_flags : hanaprop::code_path::automatic;
    if (!std::strcmp(argv[1], "W1")) {
        const auto samples = data<small_net>(210);
        auto net = hanaprop::random_network<small_net>(1, hanaprop::initialization::uniform_0_1);
        hanaprop::workspace<small_net> ws;
        for (long p = 0; p < passes; ++p)
            hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<small_net>>{samples}, 0.3f, path);
        std::printf("checksum %.6f\n", double(net.layer<1>().biases[0]));
    } else if (!std::strcmp(argv[1], "W3-753")) {
        const auto net = hanaprop::random_network<small_net>(1, hanaprop::initialization::uniform_0_1);
        std::printf("checksum %zu\n", classify(net, data<small_net>(210), passes, path));
    } else if (!std::strcmp(argv[1], "W3-784100")) {
        const auto net = std::make_unique<wide_net>(hanaprop::random_network<wide_net>(1));
        std::printf("checksum %zu\n", classify(*net, data<wide_net>(100), passes, path));
    } else if (!std::strcmp(argv[1], "deep-minibatch")) {
        const auto samples = data<deep_net>(100);
        auto net = hanaprop::random_network<deep_net>(1);
        hanaprop::workspace<deep_net> ws;
        hanaprop::gradients<deep_net> grads;
        for (long p = 0; p < passes; ++p)
            hanaprop::train_minibatch_epoch(net, ws, grads, std::span<const hanaprop::sample_for<deep_net>>{samples},
                                            10, 0.5f, path);
        std::printf("checksum %.6f\n", double(net.layer<3>().biases[0]));
    } else {
        std::fprintf(stderr, "unknown workload %s\n", argv[1]);
        return 2;
    }
    return 0;
}
