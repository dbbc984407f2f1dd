// hanaprop on the benchmark workloads (see bench_common.hpp).
#include <memory>
#include <span>

#include "bench_common.hpp"

namespace {

// Keeps the compiler from hoisting a pure computation out of a loop.
template <class T>
void clobber(T& value)
{
    asm volatile("" : : "g"(&value) : "memory");
}

int w1(const bench::options& o)
{
    const auto data = bench::seeds_data();
    const std::span<const bench::seeds_sample> rows{data};
    bench::seeds_net net{};
    hanaprop::workspace<bench::seeds_net> ws{};
    if (o.iterations > 0) {   // callgrind: o.iterations epochs
        net = bench::w1_initial();
        for (long e = 0; e < o.iterations; ++e) hanaprop::train_online_epoch(net, ws, rows, bench::w1_rate);
        std::printf("checksum %.6f\n", double(net.layer<1>().biases[0]));
        return 0;
    }
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { net = bench::w1_initial(); },
        [&] {
            for (int e = 0; e < bench::w1_epochs; ++e) hanaprop::train_online_epoch(net, ws, rows, bench::w1_rate);
            return double(bench::w1_epochs) * double(rows.size());
        },
        samples);
    bench::result("hanaprop", "W1", t, samples, double(hanaprop::count_correct(net, rows)) / double(rows.size()));
    return 0;
}

template <class Net>
int w2(const bench::options& o)
{
    const auto train = bench::fashion(true);
    const auto test = bench::fashion(false);
    auto net = std::make_unique<Net>();
    auto ws = std::make_unique<hanaprop::workspace<Net>>();
    auto grads = std::make_unique<hanaprop::gradients<Net>>();
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { *net = bench::w2_initial<Net>(); },
        [&] {
            hanaprop::train_minibatch_epoch(*net, *ws, *grads, std::span<const bench::image_sample>{train},
                                            bench::w2_batch, bench::w2_rate);
            return double(train.size());
        },
        samples);
    const double accuracy =
        double(hanaprop::count_correct(*net, std::span<const bench::image_sample>{test})) / double(test.size());
    bench::result("hanaprop", o.workload, t, samples, accuracy);
    std::printf("# hanaprop's mini-batch code path: %s\n", hanaprop::name_of(hanaprop::resolve(hanaprop::code_path::automatic)));
    return 0;
}

template <class Net, class Sample>
int w3(const bench::options& o, const std::vector<Sample>& data, long reps)
{
    const auto net = std::make_unique<Net>(bench::w2_initial<Net>());
    std::size_t sum = 0;
    const auto run = [&](long n) {
        for (long r = 0; r < n; ++r) {
            clobber(*net);
            for (const auto& s : data) sum += hanaprop::argmax(net->predict(s.input));
        }
        return double(n) * double(data.size());
    };
    return bench::time_inference(o, "hanaprop", reps, run, sum);
}

} // namespace

int main(int argc, char** argv)
{
    return bench::main_for(argc, argv, "W1|W2-30|W2-100|W3-753|W3-784100", [](const bench::options& o) {
        if (o.workload == "W1") return w1(o);
        if (o.workload == "W2-30") return w2<bench::nielsen_net>(o);
        if (o.workload == "W2-100") return w2<bench::wide_net>(o);
        if (o.workload == "W3-753") return w3<bench::seeds_net>(o, bench::seeds_data(), 20000);
        if (o.workload == "W3-784100") return w3<bench::wide_net>(o, bench::fashion(false, 1000), 20);
        return -1;
    });
}
