// The strongest peer: a hand-written MLP on Eigen 3.4 fixed-size matrices
// (Debian's libeigen3-dev), written as an Eigen user who knows the library
// writes it: default (column-major) storage, every product assigned with
// noalias() into a fixed-size matrix (no heap temporaries), the sigmoid as
// Eigen's vectorised logistic(), the scratch matrices kept between calls.
// The same algorithm, data, initial weights and sample order as hanaprop,
// built with the same flags.
#define EIGEN_STACK_ALLOCATION_LIMIT 0   // the 784 x 100 weights are members of a heap object
#include <Eigen/Dense>

#include <memory>

#include "bench_common.hpp"

namespace {

template <class T>
void clobber(T& value)
{
    asm volatile("" : : "g"(&value) : "memory");
}

template <int Rows, int Cols>
using matrix = Eigen::Matrix<float, Rows, Cols>;

// A two-layer network, In -> H -> Out, built from hanaprop's parameters.
// B is the largest mini-batch it trains on (1 for online SGD).
template <int In, int H, int Out, int B = 1>
struct mlp {
    matrix<H, In> w1;
    matrix<H, 1> b1;
    matrix<Out, H> w2;
    matrix<Out, 1> b2;
    // Activations and errors of one sample or one batch.
    matrix<H, B> a1, d1;
    matrix<Out, B> a2, d2;

    template <class Net>
    void assign(const Net& net)
    {
        for (int j = 0; j < H; ++j) {
            for (int i = 0; i < In; ++i) w1(j, i) = net.template layer<0>().weights[j][i];
            b1(j) = net.template layer<0>().biases[j];
        }
        for (int j = 0; j < Out; ++j) {
            for (int i = 0; i < H; ++i) w2(j, i) = net.template layer<1>().weights[j][i];
            b2(j) = net.template layer<1>().biases[j];
        }
    }

    // h = sigma(W1 x + b1), o = sigma(W2 h + b2) for the columns of x.
    template <class X, class Hidden, class Output>
    void forward(const X& x, Hidden& h, Output& o) const
    {
        h.noalias() = w1 * x;
        h = (h.colwise() + b1).array().logistic().matrix();
        o.noalias() = w2 * h;
        o = (o.colwise() + b2).array().logistic().matrix();
    }

    matrix<Out, 1> predict(const Eigen::Ref<const matrix<In, 1>>& x) const
    {
        matrix<H, 1> h;
        matrix<Out, 1> o;
        forward(x, h, o);
        return o;
    }

    // One SGD step on the columns of x and y, quadratic cost: the
    // gradient summed over the columns, times `step`.
    template <class X, class Y>
    void train(const X& x, const Y& y, float step)
    {
        forward(x, a1, a2);
        d2 = ((a2 - y).array() * a2.array() * (1.0f - a2.array())).matrix();
        d1.noalias() = w2.transpose() * d2;
        d1 = (d1.array() * a1.array() * (1.0f - a1.array())).matrix();
        w2.noalias() -= (step * d2) * a1.transpose();
        b2.noalias() -= step * d2.rowwise().sum();
        w1.noalias() -= (step * d1) * x.transpose();
        b1.noalias() -= step * d1.rowwise().sum();
    }
};

template <int In, int Out, class Sample>
void columns(const std::vector<Sample>& data, Eigen::Matrix<float, In, Eigen::Dynamic>& x,
             Eigen::Matrix<float, Out, Eigen::Dynamic>& y)
{
    x.resize(In, Eigen::Index(data.size()));
    y.resize(Out, Eigen::Index(data.size()));
    for (std::size_t n = 0; n < data.size(); ++n) {
        for (int i = 0; i < In; ++i) x(i, Eigen::Index(n)) = data[n].input[std::size_t(i)];
        for (int j = 0; j < Out; ++j) y(j, Eigen::Index(n)) = data[n].target[std::size_t(j)];
    }
}

template <class Net, int In, int Out, class M>
double accuracy(const M& net, const Eigen::Matrix<float, In, Eigen::Dynamic>& x,
                const Eigen::Matrix<float, Out, Eigen::Dynamic>& y)
{
    std::size_t correct = 0;
    for (Eigen::Index n = 0; n < x.cols(); ++n) {
        Eigen::Index out = 0, target = 0;
        net.predict(x.col(n)).maxCoeff(&out);
        y.col(n).maxCoeff(&target);
        correct += out == target;
    }
    return double(correct) / double(x.cols());
}

int w1(const bench::options& o)
{
    Eigen::Matrix<float, 7, Eigen::Dynamic> x;
    Eigen::Matrix<float, 3, Eigen::Dynamic> y;
    columns<7, 3>(bench::seeds_data(), x, y);
    mlp<7, 5, 3> net;
    const auto epoch = [&] {
        for (Eigen::Index n = 0; n < x.cols(); ++n) net.train(x.col(n), y.col(n), bench::w1_rate);
    };
    if (o.iterations > 0) {
        net.assign(bench::w1_initial());
        for (long e = 0; e < o.iterations; ++e) epoch();
        std::printf("checksum %.6f\n", double(net.b2(0)));
        return 0;
    }
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { net.assign(bench::w1_initial()); },
        [&] {
            for (int e = 0; e < bench::w1_epochs; ++e) epoch();
            return double(bench::w1_epochs) * double(x.cols());
        },
        samples);
    bench::result("eigen", "W1", t, samples, accuracy<bench::seeds_net, 7, 3>(net, x, y));
    return 0;
}

template <class Net, int H>
int w2(const bench::options& o)
{
    Eigen::Matrix<float, 784, Eigen::Dynamic> x, tx;
    Eigen::Matrix<float, 10, Eigen::Dynamic> y, ty;
    columns<784, 10>(bench::fashion(true), x, y);
    columns<784, 10>(bench::fashion(false), tx, ty);
    constexpr int B = int(bench::w2_batch);
    auto net = std::make_unique<mlp<784, H, 10, B>>();
    const float step = bench::w2_rate / float(B);
    double samples = 0;
    const double t = bench::best_of(
        o.repeat, [&] { net->assign(bench::w2_initial<Net>()); },
        [&] {
            for (Eigen::Index first = 0; first + B <= x.cols(); first += B)
                net->train(x.template middleCols<B>(first), y.template middleCols<B>(first), step);
            return double(x.cols());
        },
        samples);
    bench::result("eigen", o.workload, t, samples, accuracy<Net, 784, 10>(*net, tx, ty));
    return 0;
}

template <class Net, int In, int H, int Out, class Sample>
int w3(const bench::options& o, const std::vector<Sample>& data, long reps)
{
    Eigen::Matrix<float, In, Eigen::Dynamic> x;
    Eigen::Matrix<float, Out, Eigen::Dynamic> y;
    columns<In, Out>(data, x, y);
    auto net = std::make_unique<mlp<In, H, Out>>();
    net->assign(bench::w2_initial<Net>());
    std::size_t sum = 0;
    const auto run = [&](long n) {
        for (long r = 0; r < n; ++r) {
            clobber(*net);
            for (Eigen::Index c = 0; c < x.cols(); ++c) {
                const matrix<Out, 1> out = net->predict(x.col(c));
                Eigen::Index best = 0;
                out.maxCoeff(&best);
                sum += std::size_t(best);
            }
        }
        return double(n) * double(x.cols());
    };
    return bench::time_inference(o, "eigen", reps, run, sum);
}

} // namespace

int main(int argc, char** argv)
{
    return bench::main_for(argc, argv, "W1|W2-30|W2-100|W3-753|W3-784100", [](const bench::options& o) {
        if (o.workload == "W1") return w1(o);
        if (o.workload == "W2-30") return w2<bench::nielsen_net, 30>(o);
        if (o.workload == "W2-100") return w2<bench::wide_net, 100>(o);
        if (o.workload == "W3-753") return w3<bench::seeds_net, 7, 5, 3>(o, bench::seeds_data(), 20000);
        if (o.workload == "W3-784100") return w3<bench::wide_net, 784, 100, 10>(o, bench::fashion(false, 1000), 20);
        return -1;
    });
}
