// fashion-mnist-avx-dispatch.cpp - ADVANCED: 05-minibatch-fashion-mnist.cpp
// at full speed. Nielsen's network.py on Fashion-MNIST: a 784-30-10 (or
// 784-100-10) sigmoid network, quadratic cost, mini-batch SGD with batches
// of 10 and eta = 3.0, 30 epochs, printing the test accuracy and the time
// of every epoch. It is built as `fashion_mnist`.
//
//   fashion_mnist [--hidden 30|100] [--epochs N] [--train N] [--data DIR]
//                 [--expect ACCURACY] [--seed S] [--baseline]
//
// --train N uses only the first N training images; --expect makes the
// program fail (exit status 1) if the final test accuracy is below
// ACCURACY (in %), which is how the test suite runs it.
// Built by g++ or clang for x86-64, the core's mini-batch code exists in
// copies for the build's flags, for AVX2+FMA and for AVX-512, and the
// widest copy the CPU supports runs; --baseline forces the build's own
// code, so that it stays tested. The first line of the results names the
// copy ("code path: ...").
// The progress (epoch, bar, training loss, accuracy, time left) goes to
// stderr: redrawn on a terminal, one line per epoch otherwise.
// The data is Debian's dataset-fashion-mnist package, read by the IDX
// reader of hanaprop/host/idx.hpp (gzip files, through zlib).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/idx.hpp>
#include <hanaprop/host/progress.hpp>

namespace {

struct options {
    std::size_t hidden = 30;
    int epochs = 30;
    std::size_t train_limit = static_cast<std::size_t>(-1);
    std::string data = "/usr/share/datasets/fashion-mnist";
    double expect = -1;   // percent; negative: no check
    std::uint64_t seed = 1;
    bool baseline = false;   // --baseline: never the AVX2+FMA copy
};

// CPU time of this process, in seconds: the figure to compare on a shared
// machine, where wall-clock time depends on the neighbours.
double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// One epoch: the batches of `order`, gathered into `batch`. `path` says
// which compiled copy of the core's mini-batch code runs (core/code_path.hpp).
template <class Net, class Sample, std::size_t B>
void train_epoch(Net& net, hanaprop::workspace<Net>& ws, hanaprop::gradients<Net>& grads,
                const std::vector<Sample>& train, std::span<const std::uint32_t> order, std::array<Sample, B>& batch,
                typename Net::value_type eta, hanaprop::code_path path, hanaprop::host::training_progress& progress)
{
    std::array<const Sample*, B> next{};
    for (std::size_t first = 0; first < order.size(); first += B) {
        const std::size_t count = std::min(B, order.size() - first);
        for (std::size_t k = 0; k < count; ++k) batch[k] = train[order[first + k]];
        // The samples of the next batch, which the step fetches into the
        // cache while it computes: they are scattered over 188 MB, and
        // gathering them would otherwise wait for the memory.
        std::size_t ahead = 0;
        for (std::size_t k = first + count; k < order.size() && ahead < B; ++k) next[ahead++] = &train[order[k]];
        hanaprop::train_minibatch(net, ws, grads, std::span<const Sample>{batch.data(), count}, eta, path,
                                  std::span<const Sample* const>{next.data(), ahead});
        if (first % 1000 == 0) progress.update(first, order.size());
    }
}

template <std::size_t Hidden>
int run(const options& opt)
{
    using net_type = hanaprop::network<784, Hidden, 10>;
    using sample_type = hanaprop::sample_for<net_type>;
    constexpr std::size_t batch_size = 10;
    constexpr float eta = 3.0f;

    const double start = cpu_seconds();
    const auto train = hanaprop::host::read_idx<net_type>(opt.data + "/train-images-idx3-ubyte.gz",
                                                          opt.data + "/train-labels-idx1-ubyte.gz", opt.train_limit);
    const auto test = hanaprop::host::read_idx<net_type>(opt.data + "/t10k-images-idx3-ubyte.gz",
                                                         opt.data + "/t10k-labels-idx1-ubyte.gz");
    std::printf("784-%zu-10, batch %zu, eta %.1f: %zu training and %zu test images (read in %.2f s)\n", Hidden,
                batch_size, double(eta), train.size(), test.size(), cpu_seconds() - start);

    // The network (318 KB for 784-100-10) and the training scratch memory
    // live on the heap here; `static net_type net;` works as well. The
    // core itself never allocates.
    auto net = std::make_unique<net_type>(hanaprop::random_network<net_type>(opt.seed));
    auto ws = std::make_unique<hanaprop::workspace<net_type>>();
    auto grads = std::make_unique<hanaprop::gradients<net_type>>();

    // Each epoch visits the training set in a new random order: the order
    // is shuffled as indices, and each batch is gathered into `batch`.
    std::vector<std::uint32_t> order(train.size());
    std::iota(order.begin(), order.end(), 0u);
    hanaprop::pcg32 rng{opt.seed};
    std::array<sample_type, batch_size> batch;

    // By default the core runs the widest compiled copy this CPU supports;
    // --baseline forces the code of the build's own flags.
    const auto path = opt.baseline ? hanaprop::code_path::build_flags : hanaprop::code_path::automatic;
    std::printf("code path: %s%s\n", hanaprop::name_of(hanaprop::resolve(path)),
                opt.baseline ? " (forced by --baseline)" : "");

    double accuracy = 0;
    double train_time = 0;
    // The progress goes to stderr: a redrawn line on a terminal, one line
    // per epoch otherwise; stdout keeps the results that scripts parse.
    hanaprop::host::training_progress progress{static_cast<std::size_t>(opt.epochs > 0 ? opt.epochs : 0)};
    for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
        const double epoch_start = cpu_seconds();
        hanaprop::shuffle(std::span{order}, rng);
        train_epoch(*net, *ws, *grads, train, std::span<const std::uint32_t>{order}, batch, eta, path, progress);
        const double seconds = cpu_seconds() - epoch_start;
        train_time += seconds;
        const std::size_t correct = hanaprop::count_correct(*net, std::span<const sample_type>{test});
        accuracy = 100.0 * double(correct) / double(test.size());
        // The training loss, on every tenth training image after the
        // epoch: outside the timed loop, whose CPU time is the benchmark.
        double loss = 0;
        std::size_t measured = 0;
        for (std::size_t k = 0; k < train.size(); k += 10, ++measured) {
            hanaprop::feedforward(*net, *ws, train[k].input);
            loss += hanaprop::cost(*ws, train[k].target);
        }
        progress.end_epoch(measured ? loss / double(measured) : -1, accuracy);
        std::printf("epoch %2d: %5zu / %zu correct (%.2f%%), %.3f s CPU\n", epoch, correct, test.size(), accuracy,
                    seconds);
        std::fflush(stdout);
    }
    std::printf("training: %.2f s CPU in all, %.3f s per epoch; final test accuracy %.2f%%\n", train_time,
                opt.epochs > 0 ? train_time / opt.epochs : 0.0, accuracy);
    if (opt.expect >= 0 && accuracy < opt.expect) {
        std::printf("FAIL: test accuracy %.2f%% is below the expected %.2f%%\n", accuracy, opt.expect);
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    options opt;
    for (int a = 1; a < argc; ++a) {
        const bool has_value = a + 1 < argc;
        if (!std::strcmp(argv[a], "--hidden") && has_value) opt.hidden = std::strtoul(argv[++a], nullptr, 10);
        else if (!std::strcmp(argv[a], "--epochs") && has_value) opt.epochs = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--train") && has_value) opt.train_limit = std::strtoul(argv[++a], nullptr, 10);
        else if (!std::strcmp(argv[a], "--data") && has_value) opt.data = argv[++a];
        else if (!std::strcmp(argv[a], "--expect") && has_value) opt.expect = std::atof(argv[++a]);
        else if (!std::strcmp(argv[a], "--seed") && has_value) opt.seed = std::strtoull(argv[++a], nullptr, 10);
        else if (!std::strcmp(argv[a], "--baseline")) opt.baseline = true;
        else {
            std::fprintf(stderr,
                         "usage: %s [--hidden 30|100] [--epochs N] [--train N] [--data DIR] [--expect ACCURACY] "
                         "[--seed S] [--baseline]\n",
                         argv[0]);
            return 2;
        }
    }
    try {
        if (opt.hidden == 30) return run<30>(opt);
        if (opt.hidden == 100) return run<100>(opt);
        std::fprintf(stderr, "--hidden must be 30 or 100\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
