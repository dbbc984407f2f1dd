// Every tuned path computes what core/textbook.hpp's plain loops compute,
// on random networks of the shapes each path serves: the small online
// column epoch (7-5-3), the register-tiled and blocked kernels (784-30-10,
// 3-17-9-4), the out-of-line kernels of repeated layers (32-32-32-32),
// other activations and softmax with cross-entropy, double, each compiled
// copy of the mini-batch code this CPU runs, and one lane of a lock-step
// network.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

#include <boost/hana/for_each.hpp>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/automatic_code_path.hpp"
#include "../common/random_samples.hpp"

namespace {

namespace hana = boost::hana;

// The tuned paths add the terms of a sum in another order (partial sums
// in vector lanes, blocks of rows) and may fuse a multiply and an add
// into one rounding, so they match the textbook to a few roundings, not
// bit for bit: float's 1e-5 and double's 1e-12 leave room for sums of
// hundreds of terms and are far below what a wrong term would change.
template <class T>
constexpr double tolerance = std::is_same_v<T, float> ? 1e-5 : 1e-12;

// The largest |fast - reference| over a block of values, relative to the
// largest magnitude in the block (a single tiny value carries the rounding
// of the large ones it was computed from); infinity for a NaN.
template <class T>
double relative_error(std::span<const T> fast, std::span<const T> reference)
{
    double scale = 0, worst = 0;
    for (std::size_t i = 0; i < fast.size(); ++i)
        scale = std::max({scale, std::abs(double(fast[i])), std::abs(double(reference[i]))});
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const double d = std::abs(double(fast[i]) - double(reference[i]));
        if (std::isnan(d)) return std::numeric_limits<double>::infinity();
        worst = std::max(worst, scale == 0 ? 0 : d / scale);
    }
    return worst;
}

template <class T, std::size_t N>
std::span<const T> values(const std::array<T, N>& a)
{
    return {a.data(), N};
}

// A weight matrix is one block: its rows lie one after the other.
template <class T, std::size_t In, std::size_t Out>
std::span<const T> values(const std::array<std::array<T, In>, Out>& w)
{
    static_assert(sizeof(w) == sizeof(T) * In * Out);
    return {w[0].data(), In * Out};
}

template <class A>
void check_close(const A& fast, const A& reference, const char* what, std::size_t layer)
{
    using T = std::remove_cvref_t<decltype(values(fast)[0])>;
    const double error = relative_error<T>(values(fast), values(reference));
    INFO(what << " of layer " << layer << ": relative error " << error);
    CHECK(error <= tolerance<T>);
}

// Parameters and gradients are both a weight matrix and a bias vector per layer.
template <class Net, class Layers>
void check_same_layers(const Layers& fast, const Layers& reference, const char* weights, const char* biases)
{
    hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        check_close(fast.template layer<L>().weights, reference.template layer<L>().weights, weights, L);
        check_close(fast.template layer<L>().biases, reference.template layer<L>().biases, biases, L);
    });
}

template <class Net>
void check_same_parameters(const Net& fast, const Net& reference)
{
    check_same_layers<Net>(fast, reference, "weights", "biases");
}

template <class Net>
void check_same_gradients(const hanaprop::gradients<Net>& fast, const hanaprop::gradients<Net>& reference)
{
    check_same_layers<Net>(fast, reference, "dC/dW", "dC/db");
}

template <class Net>
void check_same_activations(const hanaprop::workspace<Net>& fast, const hanaprop::workspace<Net>& reference)
{
    hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        check_close(fast.template activation<L + 1>(), reference.template activation<L + 1>(), "activations", L);
    });
}

template <class Net>
void check_same_deltas(const hanaprop::workspace<Net>& fast, const hanaprop::workspace<Net>& reference)
{
    hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        check_close(fast.template delta<L>(), reference.template delta<L>(), "deltas", L);
    });
}

template <class Net>
void check_same_workspace(const hanaprop::workspace<Net>& fast, const hanaprop::workspace<Net>& reference)
{
    check_close(fast.template activation<0>(), reference.template activation<0>(), "input", 0);
    check_same_activations(fast, reference);
    check_same_deltas(fast, reference);
}

// Networks, workspaces and gradients on the heap: 784-30-10's are 95 KB
// each, and a test holds several.
template <class X>
std::unique_ptr<X> make(const X& value = X{})
{
    return std::make_unique<X>(value);
}

// Inputs in [-2, 2): both signs, so that ReLU units are on and off.
template <class Net>
std::vector<hanaprop::sample_for<Net>> random_samples(std::size_t n, std::uint64_t seed)
{
    return hanaprop_tests::random_samples<Net>(n, seed, -2, 2);
}

// The compiled copies (core/code_path.hpp) this build has and this CPU
// runs (the default, `automatic`, is one of them).
std::vector<hanaprop::code_path> runnable_paths()
{
    std::vector<hanaprop::code_path> paths;
    for (const auto path : {hanaprop::code_path::build_flags, hanaprop::code_path::avx2_fma,
                            hanaprop::code_path::avx512})
        if (hanaprop::runs_on(path)) paths.push_back(path);
    return paths;
}

// feedforward, predict (on every code path), backpropagate and
// accumulate_gradient, sample by sample.
template <class Net>
void check_passes(std::uint64_t seed)
{
    using T = typename Net::value_type;
    const auto net = make(hanaprop::random_network<Net>(seed));
    const auto data = random_samples<Net>(12, seed + 100);
    auto ws = make<hanaprop::workspace<Net>>(), ws_ref = make<hanaprop::workspace<Net>>();
    auto grads = make<hanaprop::gradients<Net>>(), grads_ref = make<hanaprop::gradients<Net>>();
    for (const auto& s : data) {
        hanaprop::feedforward(*net, *ws, s.input);
        const auto& output = hanaprop::textbook::feedforward(*net, *ws_ref, s.input);
        check_same_activations(*ws, *ws_ref);
        for (const auto path : runnable_paths()) {
            INFO("predict, code path " << hanaprop::name_of(path));
            check_close(net->predict(s.input, path), output, "predict", Net::depth - 1);
        }
        hanaprop::backpropagate(*net, *ws, s.target);
        hanaprop::textbook::backpropagate(*net, *ws_ref, s.target);
        check_same_deltas(*ws, *ws_ref);
        hanaprop::accumulate_gradient(*ws, *grads);
        hanaprop::textbook::accumulate_gradient(*ws_ref, *grads_ref);
    }
    check_same_gradients(*grads, *grads_ref);
    // The sum is not empty: a pass that wrote nothing would not match.
    CHECK(grads_ref->template layer<0>().biases != std::array<T, Net::template size<1>>{});
}

// train_sample (each layer's W^T delta and update fused in one pass) and
// train_online_epoch (for small networks, the epoch on weights stored by
// columns) against textbook::train_sample, one sample after the other.
template <class Net>
void check_online(std::uint64_t seed, typename Net::value_type rate)
{
    const auto start = make(hanaprop::random_network<Net>(seed));
    const auto data = random_samples<Net>(20, seed + 200);
    auto reference = make(*start);
    auto ws_ref = make<hanaprop::workspace<Net>>();
    for (const auto& s : data) hanaprop::textbook::train_sample(*reference, *ws_ref, s.input, s.target, rate);
    REQUIRE(!(*reference == *start));
    {
        INFO("train_sample");
        auto net = make(*start);
        auto ws = make<hanaprop::workspace<Net>>();
        for (const auto& s : data) hanaprop::train_sample(*net, *ws, s.input, s.target, rate);
        check_same_parameters(*net, *reference);
        check_same_workspace(*ws, *ws_ref);
    }
    for (const auto path : runnable_paths()) {
        INFO("train_online_epoch, code path " << hanaprop::name_of(path));
        auto net = make(*start);
        auto ws = make<hanaprop::workspace<Net>>();
        hanaprop::train_online_epoch(*net, *ws, std::span<const hanaprop::sample_for<Net>>{data}, rate, path);
        check_same_parameters(*net, *reference);
        check_same_workspace(*ws, *ws_ref);
    }
}

// train_minibatch on a batch of one block and of several, and
// train_minibatch_epoch with a smaller last batch, on every code path,
// against textbook::train_minibatch.
template <class Net>
void check_minibatch(std::uint64_t seed, typename Net::value_type rate)
{
    const auto start = make(hanaprop::random_network<Net>(seed));
    const auto data = random_samples<Net>(25, seed + 300);
    const std::span<const hanaprop::sample_for<Net>> samples{data};
    for (const auto path : runnable_paths()) {
        INFO("code path " << hanaprop::name_of(path));
        for (const std::size_t m : {std::size_t{10}, std::size_t{25}}) {
            INFO("train_minibatch on " << m << " samples");
            const auto batch = samples.first(m);
            auto reference = make(*start), net = make(*start);
            auto ws_ref = make<hanaprop::workspace<Net>>(), ws = make<hanaprop::workspace<Net>>();
            auto grads_ref = make<hanaprop::gradients<Net>>(), grads = make<hanaprop::gradients<Net>>();
            hanaprop::textbook::train_minibatch(*reference, *ws_ref, *grads_ref, batch, rate);
            REQUIRE(!(*reference == *start));
            hanaprop::train_minibatch(*net, *ws, *grads, batch, rate, path);
            check_same_parameters(*net, *reference);
            check_same_workspace(*ws, *ws_ref);
            // The gradient is left in grads unless one block's went from
            // the registers into the update (core/sgd.hpp).
            if (!hanaprop::detail::uses_batch_kernels<Net> || m > hanaprop::detail::minibatch_block)
                check_same_gradients(*grads, *grads_ref);
        }
        {
            INFO("train_minibatch_epoch, batches of 10, 10 and 5");
            auto reference = make(*start), net = make(*start);
            auto ws_ref = make<hanaprop::workspace<Net>>(), ws = make<hanaprop::workspace<Net>>();
            auto grads_ref = make<hanaprop::gradients<Net>>(), grads = make<hanaprop::gradients<Net>>();
            for (std::size_t first = 0; first < samples.size(); first += 10)
                hanaprop::textbook::train_minibatch(*reference, *ws_ref, *grads_ref,
                                                    samples.subspan(first, std::min<std::size_t>(10, 25 - first)),
                                                    rate);
            hanaprop::train_minibatch_epoch(*net, *ws, *grads, samples, hanaprop::batch_size{10}, rate, path);
            check_same_parameters(*net, *reference);
            check_same_workspace(*ws, *ws_ref);
        }
    }
}

// Lane k of a lock-step network trained online on lane k's samples is the
// network the textbook trains on them.
template <class Net>
void check_lockstep_lane(std::uint64_t seed, typename Net::value_type rate)
{
    using T = typename Net::value_type;
    constexpr std::size_t lanes = 4;
    using Pack = hanaprop::lockstep_network<Net, lanes>;
    using packed_sample = hanaprop::sample_for<Pack>;
    std::array<Net, lanes> start;
    std::array<std::vector<hanaprop::sample_for<Net>>, lanes> own;
    for (std::size_t k = 0; k < lanes; ++k) {
        start[k] = hanaprop::random_network<Net>(seed + k);
        own[k] = random_samples<Net>(15, seed + 400 + k);
    }
    std::vector<packed_sample> packed(15);
    for (std::size_t r = 0; r < packed.size(); ++r)
        for (std::size_t k = 0; k < lanes; ++k) hanaprop::set_lane(packed[r], k, own[k][r]);
    auto pack = make(hanaprop::pack_networks<lanes>(start));
    auto pack_ws = make<hanaprop::workspace<Pack>>();
    hanaprop::train_online_epoch(*pack, *pack_ws, std::span<const packed_sample>{packed}, typename Pack::value_type(rate));
    for (std::size_t k = 0; k < lanes; ++k) {
        INFO("lane " << k);
        Net reference = start[k];
        hanaprop::workspace<Net> ws;
        for (const auto& s : own[k]) hanaprop::textbook::train_sample(reference, ws, s.input, s.target, T(rate));
        REQUIRE(!(reference == start[k]));
        check_same_parameters(hanaprop::get_lane(*pack, k), reference);
    }
}

template <class Net>
void check_everything(typename Net::value_type rate)
{
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        check_passes<Net>(seed);
        check_online<Net>(seed, rate);
        check_minibatch<Net>(seed, rate);
    }
}

using relu_tanh_softmax = hanaprop::layered_network<float, hanaprop::input<6>,
                                                    hanaprop::dense<20, hanaprop::activation::relu>,
                                                    hanaprop::dense<12, hanaprop::activation::tanh>,
                                                    hanaprop::dense<5, hanaprop::activation::softmax>>;
using small_mixed = hanaprop::layered_network<float, hanaprop::input<5>,
                                              hanaprop::dense<7, hanaprop::activation::leaky_relu>,
                                              hanaprop::dense<6, hanaprop::activation::tanh>,
                                              hanaprop::dense<3, hanaprop::activation::sigmoid>,
                                              hanaprop::loss::cross_entropy>;

} // namespace

TEST_CASE("textbook: 7-5-3 (the small online column epoch)", "[textbook]")
{
    using Net = hanaprop::network<7, 5, 3>;
    static_assert(hanaprop::fast::small_online_epoch_fits<Net> == !hanaprop::fast::plain_loops_for_size);
    check_everything<Net>(0.5f);
}

TEST_CASE("textbook: 3-17-9-4", "[textbook]")
{
    check_everything<hanaprop::network<3, 17, 9, 4>>(0.3f);
}

TEST_CASE("textbook: 784-30-10 (the register tiles of wide layers)", "[textbook]")
{
    using Net = hanaprop::network<784, 30, 10>;
    static_assert(hanaprop::detail::uses_batch_kernels<Net>);
    check_everything<Net>(0.1f);
}

TEST_CASE("textbook: 32-32-32-32 (the out-of-line kernels of repeated layers)", "[textbook]")
{
    using Net = hanaprop::network<32, 32, 32, 32>;
    static_assert(hanaprop::fast::shared_layer_type<Net, 0> && hanaprop::fast::shared_layer_type<Net, 2>);
    check_everything<Net>(0.3f);
}

TEST_CASE("textbook: relu then tanh then softmax with cross-entropy", "[textbook]")
{
    check_everything<relu_tanh_softmax>(0.1f);
}

TEST_CASE("textbook: leaky relu then tanh then sigmoid with cross-entropy (a small online epoch)", "[textbook]")
{
    static_assert(hanaprop::fast::small_online_epoch_fits<small_mixed> == !hanaprop::fast::plain_loops_for_size);
    check_everything<small_mixed>(0.3f);
}

TEST_CASE("textbook: double networks", "[textbook]")
{
    check_everything<hanaprop::basic_network<double, 7, 5, 3>>(0.5);
    check_everything<hanaprop::basic_network<double, 13, 24, 4>>(0.3);
}

TEST_CASE("textbook: one lane of a lock-step network", "[textbook][lockstep]")
{
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        check_lockstep_lane<hanaprop::network<7, 5, 3>>(seed, 0.5f);
        check_lockstep_lane<relu_tanh_softmax>(seed, 0.1f);
    }
}

// What `automatic` runs is the widest copy this CPU runs, bit for bit, for
// predict and the online epoch as for the mini-batch code
// (tests/mnist/minibatch.cpp), and that copy is not the build's code on a
// CPU with AVX2 and FMA when the build has copies and lacks those flags.
TEST_CASE("predict and train_online_epoch run the widest copy by default", "[textbook][code_path]")
{
    using namespace hanaprop;
    const code_path widest = resolve(code_path::automatic);
    INFO("automatic runs " << name_of(widest));
    const auto check = [&](auto start) {
        using Net = typename decltype(start)::element_type;
        const auto data = random_samples<Net>(20, 7);
        for (const auto& s : data) CHECK(start->predict(s.input) == start->predict(s.input, widest));
        const auto train = [&](code_path path) {
            auto net = make(*start);
            auto ws = make<workspace<Net>>();
            train_online_epoch(*net, *ws, std::span<const sample_for<Net>>{data}, 0.3f, path);
            return net;
        };
        CHECK(*train(code_path::automatic) == *train(widest));
    };
    check(make(random_network<network<7, 5, 3>>(5)));
    check(make(random_network<network<784, 100, 10>>(5)));
    hanaprop_tests::check_automatic_picks_widest_copy();
}
