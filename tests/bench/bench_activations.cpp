// The price of an activation: 784-100-10 with sigmoids and the quadratic
// cost (W2-100, W3-784100) against the same network with a ReLU hidden
// layer, a softmax output and cross-entropy, in the same process, the two
// alternating round by round on the same data. Prints the CPU it ran on,
// a RESULT line for each, and the ReLU network's time over the sigmoid
// network's (below 1: ReLU is faster).
#include <fstream>
#include <memory>
#include <span>
#include <string>

#include "bench_common.hpp"

namespace {

using sigmoid_net = bench::wide_net;
using relu_net = hanaprop::layered_network<float, hanaprop::input<784>, hanaprop::dense<100, hanaprop::activation::relu>,
                                           hanaprop::dense<10, hanaprop::activation::softmax>>;

void print_cpu()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line, model = "unknown CPU", vector_flags;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0 && model == "unknown CPU") model = line.substr(line.find(':') + 2);
        if (line.rfind("flags", 0) == 0 && vector_flags.empty())
            for (const char* flag : {"sse4_2", "avx", "avx2", "fma", "avx512f"})
                if (line.find(std::string(" ") + flag + " ") != std::string::npos) vector_flags += std::string(" ") + flag;
    }
    std::printf("CPU: %s; vector flags:%s\n", model.c_str(), vector_flags.c_str());
}

template <class Net>
struct trainer {
    std::unique_ptr<Net> net = std::make_unique<Net>();
    std::unique_ptr<hanaprop::workspace<Net>> ws = std::make_unique<hanaprop::workspace<Net>>();
    std::unique_ptr<hanaprop::gradients<Net>> grads = std::make_unique<hanaprop::gradients<Net>>();

    double epoch(std::span<const bench::image_sample> train, float rate)
    {
        *net = hanaprop::random_network<Net>(bench::seed);
        const double start = bench::cpu_seconds();
        hanaprop::train_minibatch_epoch(*net, *ws, *grads, train, bench::w2_batch, rate);
        return bench::cpu_seconds() - start;
    }
    double inference(std::span<const bench::image_sample> test, std::size_t& sum) const
    {
        const double start = bench::cpu_seconds();
        for (int pass = 0; pass < 10; ++pass)
            for (const auto& s : test) {
                asm volatile("" : : "g"(net.get()) : "memory");
                sum += hanaprop::argmax(net->predict(s.input));
            }
        return bench::cpu_seconds() - start;
    }
};

} // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    print_cpu();
    const auto train = bench::fashion(true, 20000);
    const auto test = bench::fashion(false, 2000);
    trainer<sigmoid_net> sigmoid;
    trainer<relu_net> relu;
    double best[4] = {1e300, 1e300, 1e300, 1e300};
    std::size_t sum = 0;
    for (int r = 0; r < rounds; ++r) {
        best[0] = std::min(best[0], sigmoid.epoch(train, bench::w2_rate));
        best[1] = std::min(best[1], relu.epoch(train, 0.05f));
        best[2] = std::min(best[2], sigmoid.inference(test, sum));
        best[3] = std::min(best[3], relu.inference(test, sum));
    }
    const double trained = double(train.size()), inferred = 10.0 * double(test.size());
    bench::result("hanaprop-sigmoid", "W2-100", best[0], trained, -1);
    bench::result("hanaprop-relu-softmax", "W2-100", best[1], trained, -1);
    bench::result("hanaprop-sigmoid", "W3-784100", best[2], inferred, -1);
    bench::result("hanaprop-relu-softmax", "W3-784100", best[3], inferred, -1);
    std::printf("relu-softmax / sigmoid time: training %.3f, inference %.3f (checksum %zu)\n", best[1] / best[0],
                best[3] / best[2], sum);
    return 0;
}
