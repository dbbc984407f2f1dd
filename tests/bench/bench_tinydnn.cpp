// tiny-dnn 1.0.0a3 (Debian's tiny-dnn, header-only, its default config:
// no SSE/AVX kernels, no threads) on the training workloads: fully
// connected layers with sigmoid activation, mse loss, plain gradient
// descent, the same initial weights as hanaprop, one thread.
// tiny-dnn's mse is (1/n) sum (y - t)^2, whose gradient is 2/n = 0.2
// (n = 10 outputs; 2/3 for W1) times the quadratic cost's, and it averages
// the gradient over the batch as Nielsen does: alpha = eta * n / 2 gives
// the same step.
// tinydnn_include/tiny_dnn/config.h shadows Debian's to drop gemmlowp
// (not packaged, needed only by the quantized layers).
#include <tiny_dnn/tiny_dnn.h>

#include <boost/hana/for_each.hpp>

#include "bench_common.hpp"

namespace {

template <class Net>
void assign(tiny_dnn::network<tiny_dnn::sequential>& nn, const Net& net)
{
    // Layer L of both; a tiny-dnn weight W[c * out + i] connects input c
    // to output i.
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        const auto& layer = net.template layer<L>();
        using Layer = std::remove_cvref_t<decltype(layer)>;
        auto weights = nn[L]->weights();
        tiny_dnn::vec_t& w = *weights[0];
        tiny_dnn::vec_t& b = *weights[1];
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            for (std::size_t i = 0; i < Layer::inputs; ++i) w[i * Layer::outputs + j] = layer.weights[j][i];
            b[j] = layer.biases[j];
        }
    });
}

template <class Net, class Sample>
int train(const bench::options& o, const std::vector<Sample>& data, const std::vector<Sample>& test, const Net& initial,
          float eta, std::size_t batch, int epochs)
{
    using namespace tiny_dnn;
    using fc = fully_connected_layer<activation::sigmoid>;
    network<sequential> nn;
    nn << fc(Net::input_size, Net::template size<1>) << fc(Net::template size<1>, Net::output_size);
    std::vector<vec_t> x, y;
    for (const auto& s : data) {
        x.emplace_back(s.input.begin(), s.input.end());
        y.emplace_back(s.target.begin(), s.target.end());
    }
    gradient_descent opt;
    opt.alpha = eta * float(Net::output_size) / 2;
    double samples = 0;
    const double t = bench::best_of(
        o.repeat,
        [&] {
            nn.init_weight();
            assign(nn, initial);
        },
        [&] {
            nn.fit<mse>(opt, x, y, batch, epochs, [] {}, [] {}, false, 1);
            return double(epochs) * double(data.size());
        },
        samples);
    std::size_t correct = 0;
    for (const auto& s : test) {
        const vec_t out = nn.predict(vec_t(s.input.begin(), s.input.end()));
        correct += bench::argmax<Net::output_size>(out.data()) == hanaprop::argmax(s.target);
    }
    bench::result("tiny-dnn", o.workload, t, samples, double(correct) / double(test.size()));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    return bench::main_for(argc, argv, "W1|W2-30|W2-100", [](const bench::options& o) {
        if (o.workload == "W1") {
            const auto data = bench::seeds_data();
            return train(o, data, data, bench::w1_initial(), bench::w1_rate, 1, bench::w1_epochs);
        }
        if (o.workload == "W2-30")
            return train(o, bench::fashion(true), bench::fashion(false), bench::w2_initial<bench::nielsen_net>(),
                         bench::w2_rate, bench::w2_batch, 1);
        if (o.workload == "W2-100")
            return train(o, bench::fashion(true), bench::fashion(false), bench::w2_initial<bench::wide_net>(),
                         bench::w2_rate, bench::w2_batch, 1);
        return -1;
    });
}
