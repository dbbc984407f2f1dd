// 05-minibatch-fashion-mnist.cpp - mini-batch SGD on a real data set:
// Nielsen's 784-30-10 sigmoid network (network.py) on Fashion-MNIST, 28x28
// pictures of ten kinds of clothing, with batches of 10 and eta = 3.0.
//
//   05-minibatch-fashion-mnist [--epochs N] [--train N] [--data DIR]
//                              [--curve FILE.csv] [--expect PERCENT]
//
// --train N keeps the first N training images; --curve writes one line
// "epoch,accuracy" per epoch, the whole file written atomically before
// the first epoch and again after each one (a killed run leaves the
// epochs it finished, never half a line); a curve that cannot be written
// is an error naming the file (status 1), found before any training;
// --expect makes the program fail (status 1) if the final test
// accuracy is below PERCENT, which is how its test runs it. The data is
// Debian's dataset-fashion-mnist package. The progress goes to stderr: on
// a terminal one redrawn line (epoch, bar, running training loss, last
// test accuracy, time left), otherwise one line per epoch.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/atomic_file.hpp>   // writes the curve whole or not at all
#include <hanaprop/host/idx.hpp>        // reads the IDX files (gzip through zlib)
#include <hanaprop/host/progress.hpp>   // epoch, loss, accuracy, time left on stderr

using net_t = hanaprop::network<784, 30, 10>;
using sample_t = hanaprop::sample_for<net_t>;

// 784-30-10 is 95 KB of weights, and the gradients as much again; a
// 784-1000-1000-10 network would be 7 MB, more than a thread's stack.
// Static storage has no such limit (and the core never allocates).
static net_t net;
static hanaprop::workspace<net_t> ws;       // activations and errors of one sample
static hanaprop::gradients<net_t> grads;    // the gradient summed over a batch

int main(int argc, char** argv)
{
    int epochs = 10;
    std::size_t train_limit = static_cast<std::size_t>(-1);
    std::string data = "/usr/share/datasets/fashion-mnist", curve_path;
    double expect = -1;
    for (int a = 1; a < argc; a += 2) {
        const bool has_value = a + 1 < argc;
        if (has_value && !std::strcmp(argv[a], "--epochs")) epochs = std::atoi(argv[a + 1]);
        else if (has_value && !std::strcmp(argv[a], "--train")) train_limit = std::strtoul(argv[a + 1], nullptr, 10);
        else if (has_value && !std::strcmp(argv[a], "--data")) data = argv[a + 1];
        else if (has_value && !std::strcmp(argv[a], "--curve")) curve_path = argv[a + 1];
        else if (has_value && !std::strcmp(argv[a], "--expect")) expect = std::atof(argv[a + 1]);
        else return std::fprintf(stderr, "usage: %s [--epochs N] [--train N] [--data DIR] [--curve FILE.csv] "
                                         "[--expect PERCENT]\n", argv[0]), 2;
    }

    // The curve is kept in memory and written whole, by a temporary file and
    // a rename: first its header, so that a path that cannot be written is
    // reported at once, then after every epoch.
    std::string curve = "epoch,accuracy\n";
    const auto write_curve = [&] {
        if (curve_path.empty()) return true;
        try {
            hanaprop::host::write_file_atomically(curve_path, curve, "--curve: ");
            return true;
        } catch (const hanaprop::host::file_write_error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return false;
        }
    };
    if (!write_curve()) return 1;

    // Pixels scaled to [0, 1], labels 0..9 made one-hot targets. A bad file
    // is an idx_error naming the file and the byte offset.
    std::vector<sample_t> train, test;
    try {
        train = hanaprop::host::read_idx<net_t>(data + "/train-images-idx3-ubyte.gz",
                                                data + "/train-labels-idx1-ubyte.gz", train_limit);
        test = hanaprop::host::read_idx<net_t>(data + "/t10k-images-idx3-ubyte.gz", data + "/t10k-labels-idx1-ubyte.gz");
    } catch (const hanaprop::host::idx_error& e) {
        return std::fprintf(stderr, "%s\n", e.what()), 1;
    }
    std::printf("784-30-10, batches of 10, eta 3.0: %zu training and %zu test images\n", train.size(), test.size());

    net = hanaprop::random_network<net_t>(1);   // weights uniform in +-1/sqrt(fan_in)
    hanaprop::pcg32 rng{1};
    double accuracy = 0;
    // On a terminal, a line redrawn on stderr; in a log, one line per epoch
    // there, so that stdout holds the results alone.
    hanaprop::host::training_progress progress{static_cast<std::size_t>(epochs > 0 ? epochs : 0)};
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        // A new random order every epoch, then batches of 10 in that order:
        // each batch moves the weights by -eta/10 times its summed gradient.
        hanaprop::shuffle(std::span<sample_t>(train), rng);
        const std::span<const sample_t> all(train);
        // The running training loss: the quadratic cost of every tenth
        // sample of a chunk, just after the chunk is trained (every sample
        // would cost a forward pass each, a large part of an epoch).
        double loss_sum = 0;
        std::size_t loss_count = 0;
        for (std::size_t first = 0; first < all.size(); first += 1000) {
            const auto chunk = all.subspan(first, std::min<std::size_t>(1000, all.size() - first));
            hanaprop::train_minibatch_epoch(net, ws, grads, chunk, 10, 3.0f);
            for (std::size_t k = 0; k < chunk.size(); k += 10, ++loss_count) {
                hanaprop::feedforward(net, ws, chunk[k].input);
                loss_sum += hanaprop::cost(ws, chunk[k].target);
            }
            progress.update(first + chunk.size(), all.size(), loss_sum / double(loss_count));
        }
        const std::size_t correct = hanaprop::count_correct(net, std::span<const sample_t>(test));
        accuracy = 100.0 * double(correct) / double(test.size());
        progress.end_epoch(loss_count ? loss_sum / double(loss_count) : -1, accuracy);
        std::printf("epoch %2d: %zu / %zu test images right (%.2f%%)\n", epoch, correct, test.size(), accuracy);
        char line[32];
        std::snprintf(line, sizeof line, "%d,%.2f\n", epoch, accuracy);
        curve += line;
        if (!write_curve()) return 1;
    }
    if (expect >= 0 && accuracy < expect)
        return std::printf("FAIL: test accuracy %.2f%% is below the expected %.2f%%\n", accuracy, expect), 1;
    return 0;
}
