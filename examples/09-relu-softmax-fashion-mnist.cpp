// 09-relu-softmax-fashion-mnist.cpp - the same 784-100-10 network twice on
// Fashion-MNIST: the textbook's sigmoids with the quadratic cost, and a
// ReLU hidden layer with a softmax output and the cross-entropy loss.
// Everything else is shared: the data, the initial seed, the order of the
// samples, batches of 10. The sigmoid network keeps Nielsen's eta = 3.0;
// the ReLU network's rate falls from 0.05 to 0.0005 along half a cosine.
//
//   09-relu-softmax-fashion-mnist [--epochs N] [--train N] [--data DIR]
//                                 [--curves PREFIX] [--expect PERCENT]
//
// --curves writes PREFIX-sigmoid.csv and PREFIX-relu.csv, the test
// accuracy after every epoch ("epoch,accuracy"); --expect makes the program fail (status 1) if the ReLU network's final
// test accuracy is below PERCENT, which is how its test runs it. The
// progress goes to stderr: on a terminal one redrawn line (network, epoch,
// bar, running training loss, last test accuracy, time left), otherwise
// one line per epoch.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/atomic_file.hpp>   // writes a curve whole or not at all
#include <hanaprop/host/idx.hpp>
#include <hanaprop/host/progress.hpp>   // epoch, loss, accuracy, time left on stderr

using namespace hanaprop;

// Nielsen's network with 100 hidden neurons: sigmoids everywhere, trained
// on 1/2 sum (a - y)^2.
using sigmoid_net = network<784, 100, 10>;
// A layer list: ReLU hidden neurons, softmax outputs (probabilities that
// sum to 1); the loss after a softmax is cross-entropy, whose output error
// a - y does not vanish when a neuron saturates.
using relu_net = layered_network<float, input<784>, dense<100, activation::relu>, dense<10, activation::softmax>>;

// Both have the same 79,510 parameters; storage is static (a network this
// size and its gradients would crowd a thread's stack).
static sigmoid_net sigmoid_network;
static relu_net relu_network;
static workspace<sigmoid_net> sigmoid_ws;
static workspace<relu_net> relu_ws;
static gradients<sigmoid_net> sigmoid_grads;
static gradients<relu_net> relu_grads;

// One run: `epochs` epochs of mini-batch SGD at rate(epoch), a new
// sample order every epoch from the same seed. Returns the test accuracy
// in percent and prints it with the training time; writes the curve to
// curve_path unless it is empty. `label` names the run's progress lines.
template <class Net, class Rate>
double run(const char* name, const char* label, Net& net, workspace<Net>& ws, gradients<Net>& grads,
           std::vector<sample_for<Net>>& train, std::span<const sample_for<Net>> test, int epochs, Rate rate,
           const std::string& curve_path)
{
    std::string curve = "epoch,accuracy\n";
    randomize(net, 1);   // relu_net: He's uniform; sigmoid_net: +-1/sqrt(fan_in)
    pcg32 order{1};
    double seconds = 0, accuracy = 0;
    host::training_progress progress{static_cast<std::size_t>(epochs > 0 ? epochs : 0), label};
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        shuffle(std::span<sample_for<Net>>(train), order);
        // Chunks of 1000 samples (100 batches of 10) train exactly as the
        // whole epoch at once; between them, the progress. The running
        // training loss is the network's own loss on every tenth sample of
        // a chunk, just after the chunk is trained (every sample would cost
        // a forward pass each, a large part of an epoch); it is not counted
        // as training time.
        const std::span<const sample_for<Net>> all(train);
        double loss_sum = 0;
        std::size_t loss_count = 0;
        for (std::size_t first = 0; first < all.size(); first += 1000) {
            const auto chunk = all.subspan(first, std::min<std::size_t>(1000, all.size() - first));
            const auto start = std::chrono::steady_clock::now();
            train_minibatch_epoch(net, ws, grads, chunk, 10, rate(epoch - 1));
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            for (std::size_t k = 0; k < chunk.size(); k += 10, ++loss_count) {
                feedforward(net, ws, chunk[k].input);
                loss_sum += cost(ws, chunk[k].target);
            }
            progress.update(first + chunk.size(), all.size(), loss_sum / double(loss_count));
        }
        accuracy = 100.0 * double(count_correct(net, test)) / double(test.size());
        progress.end_epoch(loss_count ? loss_sum / double(loss_count) : -1, accuracy);
        char line[32];
        std::snprintf(line, sizeof line, "%d,%.2f\n", epoch, accuracy);
        curve += line;
        if (!curve_path.empty()) host::write_file_atomically(curve_path, curve, "--curves: ");
    }
    std::printf("%-28s %6.2f%% %8.1f s\n", name, accuracy, seconds);
    return accuracy;
}

int main(int argc, char** argv)
{
    int epochs = 15;
    std::size_t train_limit = static_cast<std::size_t>(-1);
    std::string data = "/usr/share/datasets/fashion-mnist", curves;
    double expect = -1;
    for (int a = 1; a + 1 < argc; a += 2) {
        if (!std::strcmp(argv[a], "--epochs")) epochs = std::atoi(argv[a + 1]);
        else if (!std::strcmp(argv[a], "--train")) train_limit = std::strtoul(argv[a + 1], nullptr, 10);
        else if (!std::strcmp(argv[a], "--data")) data = argv[a + 1];
        else if (!std::strcmp(argv[a], "--curves")) curves = argv[a + 1];
        else if (!std::strcmp(argv[a], "--expect")) expect = std::atof(argv[a + 1]);
        else return std::fprintf(stderr, "usage: %s [--epochs N] [--train N] [--data DIR] [--curves PREFIX] "
                                         "[--expect PERCENT]\n", argv[0]), 2;
    }
    if (argc % 2 == 0) return std::fprintf(stderr, "%s: %s needs a value\n", argv[0], argv[argc - 1]), 2;

    // The two networks have the same input and output sizes, so one
    // sample type serves both.
    std::vector<sample_for<relu_net>> train, test;
    try {
        train = host::read_idx<relu_net>(data + "/train-images-idx3-ubyte.gz", data + "/train-labels-idx1-ubyte.gz",
                                         train_limit);
        test = host::read_idx<relu_net>(data + "/t10k-images-idx3-ubyte.gz", data + "/t10k-labels-idx1-ubyte.gz");
    } catch (const host::idx_error& e) {
        return std::fprintf(stderr, "%s\n", e.what()), 1;
    }
    std::printf("784-100-10, batches of 10, %d epochs, %zu training and %zu test images\n", epochs, train.size(),
                test.size());
    std::printf("%-28s %7s %10s\n", "network", "test", "training");
    std::vector<sample_for<relu_net>> shuffled = train;
    double accuracy = 0;
    try {
        run("sigmoid, quadratic cost", "sigmoid", sigmoid_network, sigmoid_ws, sigmoid_grads, shuffled,
            std::span<const sample_for<relu_net>>(test), epochs, [](std::size_t) { return 3.0f; },
            curves.empty() ? curves : curves + "-sigmoid.csv");
        shuffled = train;
        accuracy = run("ReLU, softmax, cross-entropy", "relu", relu_network, relu_ws, relu_grads, shuffled,
                       std::span<const sample_for<relu_net>>(test), epochs,
                       cosine_decay<float>{0.05f, 0.0005f, static_cast<std::size_t>(epochs)},
                       curves.empty() ? curves : curves + "-relu.csv");
    } catch (const host::file_write_error& e) {
        return std::fprintf(stderr, "%s\n", e.what()), 1;
    }
    if (expect >= 0 && accuracy < expect)
        return std::printf("FAIL: test accuracy %.2f%% is below the expected %.2f%%\n", accuracy, expect), 1;
    return 0;
}
