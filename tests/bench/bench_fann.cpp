// FANN 2.2 (Debian's libfann-dev, float build) on the benchmark workloads:
// sigmoid layers (FANN_SIGMOID, steepness 0.5 = the logistic function),
// linear error function (the quadratic cost), learning momentum 0, the
// same initial weights as hanaprop. W1 is fann_train (incremental); W2
// uses FANN's own batch functions on batches of 10 (FANN's public API
// only has whole-epoch batches): fann_compute_MSE, fann_backpropagate_MSE
// and fann_update_slopes_batch per sample, fann_update_weights_batch per
// batch, which is W += eta / m * sum of slopes, exactly the mini-batch step.
#include <floatfann.h>
#include <fann_internal.h>   // the batch helpers fann_train_epoch_batch is made of

#include <memory>
#include <vector>

#include <boost/hana/for_each.hpp>

#include "bench_common.hpp"

namespace {

template <class T>
void clobber(T& value)
{
    asm volatile("" : : "g"(&value) : "memory");
}

// A FANN network with hanaprop's layer sizes and parameters. FANN numbers
// the neurons layer by layer, each layer followed by its bias neuron; its
// connection array lists, for every neuron, the weights from each neuron
// of the layer below and then from the bias.
template <class Net>
struct fann_net {
    fann* ann;
    explicit fann_net(const Net& net)
    {
        if constexpr (Net::depth == 2)
            ann = fann_create_standard(3, unsigned(Net::input_size), unsigned(Net::template size<1>),
                                       unsigned(Net::output_size));
        fann_set_activation_function_hidden(ann, FANN_SIGMOID);
        fann_set_activation_function_output(ann, FANN_SIGMOID);
        fann_set_activation_steepness_hidden(ann, 0.5f);
        fann_set_activation_steepness_output(ann, 0.5f);
        fann_set_train_error_function(ann, FANN_ERRORFUNC_LINEAR);
        fann_set_learning_momentum(ann, 0.0f);
        assign(net);
    }
    fann_net(const fann_net&) = delete;
    ~fann_net() { fann_destroy(ann); }

    void assign(const Net& net)
    {
        std::vector<fann_type> w(fann_get_total_connections(ann));
        std::size_t c = 0;
        boost::hana::for_each(Net::layer_indices, [&](auto l) {
            const auto& layer = net.template layer<decltype(l)::value>();
            using L = std::remove_cvref_t<decltype(layer)>;
            for (std::size_t j = 0; j < L::outputs; ++j) {
                for (std::size_t i = 0; i < L::inputs; ++i) w[c++] = layer.weights[j][i];
                w[c++] = layer.biases[j];
            }
        });
        if (c != w.size()) throw std::runtime_error("FANN's connection count differs from the network's");
        // fann_set_weight_array takes (from, to, weight) triples; FANN's own
        // weight array is in the order built above.
        std::copy(w.begin(), w.end(), ann->weights);
    }
};

int w1(const bench::options& o)
{
    auto data = bench::seeds_data();
    fann_net<bench::seeds_net> net{bench::w1_initial()};
    fann_set_training_algorithm(net.ann, FANN_TRAIN_INCREMENTAL);
    fann_set_learning_rate(net.ann, bench::w1_rate);
    const auto epoch = [&] {
        for (auto& s : data) fann_train(net.ann, s.input.data(), s.target.data());
    };
    if (o.iterations > 0) {
        for (long e = 0; e < o.iterations; ++e) epoch();
        std::printf("checksum %.6f\n", double(net.ann->weights[0]));
        return 0;
    }
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { net.assign(bench::w1_initial()); },
        [&] {
            for (int e = 0; e < bench::w1_epochs; ++e) epoch();
            return double(bench::w1_epochs) * double(data.size());
        },
        samples);
    std::size_t correct = 0;
    for (auto& s : data) correct += bench::argmax<3>(fann_run(net.ann, s.input.data())) == hanaprop::argmax(s.target);
    bench::result("fann", "W1", t, samples, double(correct) / double(data.size()));
    return 0;
}

template <class Net>
int w2(const bench::options& o)
{
    auto train = bench::fashion(true);
    auto test = bench::fashion(false);
    fann_net<Net> net{bench::w2_initial<Net>()};
    fann_set_learning_rate(net.ann, bench::w2_rate);
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { net.assign(bench::w2_initial<Net>()); },
        [&] {
            fann* ann = net.ann;
            for (std::size_t first = 0; first < train.size(); first += bench::w2_batch) {
                fann_reset_MSE(ann);
                for (std::size_t k = 0; k < bench::w2_batch; ++k) {
                    auto& s = train[first + k];
                    fann_run(ann, s.input.data());
                    fann_compute_MSE(ann, s.target.data());
                    fann_backpropagate_MSE(ann);
                    fann_update_slopes_batch(ann, ann->first_layer + 1, ann->last_layer - 1);
                }
                fann_update_weights_batch(ann, unsigned(bench::w2_batch), 0, ann->total_connections);
            }
            return double(train.size());
        },
        samples);
    std::size_t correct = 0;
    for (auto& s : test) correct += bench::argmax<10>(fann_run(net.ann, s.input.data())) == hanaprop::argmax(s.target);
    bench::result("fann", o.workload, t, samples, double(correct) / double(test.size()));
    return 0;
}

template <class Net, class Sample>
int w3(const bench::options& o, std::vector<Sample> data, long reps)
{
    fann_net<Net> net{bench::w2_initial<Net>()};
    std::size_t sum = 0;
    const auto run = [&](long n) {
        for (long r = 0; r < n; ++r) {
            clobber(net);
            for (auto& s : data) sum += bench::argmax<Net::output_size>(fann_run(net.ann, s.input.data()));
        }
        return double(n) * double(data.size());
    };
    return bench::time_inference(o, "fann", reps, run, sum);
}

} // namespace

int main(int argc, char** argv)
{
    return bench::main_for(argc, argv, "W1|W2-30|W2-100|W3-753|W3-784100", [](const bench::options& o) {
        if (o.workload == "W1") return w1(o);
        if (o.workload == "W2-30") return w2<bench::nielsen_net>(o);
        if (o.workload == "W2-100") return w2<bench::wide_net>(o);
        if (o.workload == "W3-753") return w3<bench::seeds_net>(o, bench::seeds_data(), 5000);
        if (o.workload == "W3-784100") return w3<bench::wide_net>(o, bench::fashion(false, 1000), 3);
        return -1;
    });
}
