// The register-blocked mini-batch path (core/fast/batch_kernels.hpp) against
// the textbook per-sample path: feedforward, backpropagate and
// accumulate_gradient for each sample, then subtract_scaled. Both form
// every sum in the same order, so the parameters must agree bit for bit
// (this test is built with -ffp-contract=off, so that no compiler fuses
// a multiply and an add in one path and not in the other).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <memory>

#include <cstdint>
#include <span>
#include <vector>

#include <boost/hana/for_each.hpp>

#include <hanaprop/hanaprop.hpp>

#include "../common/automatic_code_path.hpp"
#include "../common/random_samples.hpp"

namespace {

using hanaprop_tests::random_samples;

// The per-sample reference, written with the core's textbook functions.
template <class Net>
constexpr void reference_step(Net& net, hanaprop::workspace<Net>& ws, hanaprop::gradients<Net>& grads,
                              std::span<const hanaprop::sample_for<Net>> batch, float rate)
{
    grads = hanaprop::gradients<Net>{};
    for (const auto& s : batch) {
        hanaprop::feedforward(net, ws, s.input);
        hanaprop::backpropagate(net, ws, s.target);
        hanaprop::accumulate_gradient(ws, grads);
    }
    const float step = rate / static_cast<float>(batch.size());
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        hanaprop::fast::subtract_scaled(net.template layer<L>(), grads.template layer<L>(), step);
    });
}

template <class Net, class Tiles = hanaprop::fast::build_tiles>
void check_against_reference(std::size_t batch_size, std::size_t samples, float rate = 3.0f)
{
    static_assert(hanaprop::detail::uses_batch_kernels<Net>);
    const auto data = random_samples<Net>(samples, 7);
    auto fast = std::make_unique<Net>(hanaprop::random_network<Net>(3));
    auto slow = std::make_unique<Net>(*fast);
    auto ws_fast = std::make_unique<hanaprop::workspace<Net>>();
    auto ws_slow = std::make_unique<hanaprop::workspace<Net>>();
    auto g_fast = std::make_unique<hanaprop::gradients<Net>>();
    auto g_slow = std::make_unique<hanaprop::gradients<Net>>();
    const std::span<const hanaprop::sample_for<Net>> all{data};
    for (std::size_t first = 0; first < all.size(); first += batch_size) {
        const auto batch = all.subspan(first, std::min(batch_size, all.size() - first));
        // Every other batch names the samples that come next, two more
        // than a block holds where there are enough: a hint for the cache,
        // which must not change a bit.
        std::vector<const hanaprop::sample_for<Net>*> next;
        if (first / batch_size % 2 == 1)
            for (std::size_t s = first + batch.size(); s < all.size() && next.size() < batch_size + 2; ++s)
                next.push_back(&all[s]);
        hanaprop::train_minibatch(*fast, *ws_fast, *g_fast, batch, rate, Tiles{},
                                  std::span<const hanaprop::sample_for<Net>* const>{next});
        reference_step(*slow, *ws_slow, *g_slow, batch, rate);
    }
    CHECK(*fast == *slow);
    CHECK(hanaprop::is_finite(*fast));   // the rate suits the network: nothing diverged
    // The workspace holds the last sample, as after the per-sample path.
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        CHECK(ws_fast->template activation<L + 1>() == ws_slow->template activation<L + 1>());
        CHECK(ws_fast->template delta<L>() == ws_slow->template delta<L>());
    });
    // A batch larger than one block sums its gradient in `grads`.
    const std::size_t last = samples % batch_size ? samples % batch_size : batch_size;
    if (last > hanaprop::detail::minibatch_block) {
        CHECK(g_fast->template layer<0>().weights == g_slow->template layer<0>().weights);
        CHECK(g_fast->template layer<0>().biases == g_slow->template layer<0>().biases);
    }
    // Training did change the network (the comparison is not vacuous).
    CHECK_FALSE(*fast == hanaprop::random_network<Net>(3));
}

} // namespace

TEST_CASE("mini-batch kernels equal the per-sample path: Nielsen's 784-30-10")
{
    check_against_reference<hanaprop::network<784, 30, 10>>(10, 50);
}

TEST_CASE("mini-batch kernels equal the per-sample path: odd sizes and tails")
{
    // 37 inputs (two 16-lane blocks and a tail of 5), 7 and 3 neurons (odd
    // tiles), 3 layers; batches of 1, 3 (odd sample tail), 10 (one
    // block), 13 and 25 (several blocks), and a last batch cut short.
    using net = hanaprop::network<37, 7, 5, 3>;
    for (std::size_t batch : {1, 3, 10, 13, 25}) {
        INFO("batch " << batch);
        check_against_reference<net>(batch, 61);
    }
}

TEST_CASE("mini-batch kernels equal the per-sample path: 784-100-10")
{
    check_against_reference<hanaprop::network<784, 100, 10>>(10, 20);
}

TEST_CASE("mini-batch kernels equal the per-sample path for every activation and loss")
{
    using namespace hanaprop;
    namespace act = hanaprop::activation;
    check_against_reference<layered_network<float, input<784>, dense<100, act::relu>, dense<10, act::softmax>>>(10, 20);
    check_against_reference<layered_network<float, input<784>, dense<30, act::tanh>, dense<10>, loss::cross_entropy>>(
        10, 20);
    for (std::size_t batch : {3, 10, 13}) {
        INFO("batch " << batch);
        check_against_reference<layered_network<float, input<37>, dense<7, act::leaky_relu>, dense<5, act::tanh>,
                                                dense<3, act::identity>>>(batch, 61, 0.05f);   // 3.0 diverges
        check_against_reference<layered_network<float, input<37>, dense<7, act::relu>, dense<5, act::relu>,
                                                dense<3, act::softmax>>, fast::avx2_flatten_tiles>(batch, 61);
    }
}

TEST_CASE("every tiling gives the same bits: SSE's and AVX's tile sizes, tiles inlined")
{
    // What train_minibatch does with tiles other than the build's: the
    // AVX sizes (what examples/advanced/fashion-mnist-avx-dispatch.cpp's AVX2 copy uses), the SSE
    // sizes, and out-of-line tiles at AVX sizes. Only the blocking
    // changes, never a sum.
    using hanaprop::fast::batch_tiles;
    using odd = hanaprop::network<37, 7, 5, 3>;
    for (std::size_t batch : {3, 10, 13}) {
        INFO("batch " << batch);
        check_against_reference<odd, hanaprop::fast::avx2_flatten_tiles>(batch, 61);
        check_against_reference<odd, batch_tiles<4, true>>(batch, 61);
        check_against_reference<odd, batch_tiles<8, true>>(batch, 61);
    }
    check_against_reference<hanaprop::network<784, 30, 10>, hanaprop::fast::avx2_flatten_tiles>(10, 30);
    check_against_reference<hanaprop::network<784, 30, 10>, batch_tiles<4, false>>(10, 30);
}

TEST_CASE("small networks keep the per-sample path")
{
    STATIC_REQUIRE_FALSE(hanaprop::detail::uses_batch_kernels<hanaprop::network<7, 5, 3>>);
    STATIC_REQUIRE(hanaprop::detail::uses_batch_kernels<hanaprop::network<16, 2, 2>>);
}

// The blocked path runs in constant expressions too, with the same result.
namespace {
using tiny = hanaprop::network<17, 3, 2>;
constexpr bool blocked_equals_reference_at_compile_time()
{
    std::array<hanaprop::sample_for<tiny>, 4> data{};
    hanaprop::pcg32 g{5};
    for (auto& s : data) {
        for (auto& x : s.input) x = hanaprop::uniform01<float>(g);
        s.target = hanaprop::one_hot<float, 2>(g.below(2));
    }
    tiny fast = hanaprop::random_network<tiny>(9);
    tiny slow = fast;
    hanaprop::workspace<tiny> ws{};
    hanaprop::gradients<tiny> grads{};
    const std::span<const hanaprop::sample_for<tiny>> all{data};
    // With a read-ahead hint, which constant evaluation skips.
    const std::array<const hanaprop::sample_for<tiny>*, 2> next{&data[0], &data[1]};
    hanaprop::train_minibatch(fast, ws, grads, all, 3.0f, hanaprop::fast::build_tiles{},
                              std::span<const hanaprop::sample_for<tiny>* const>{next});
    reference_step(slow, ws, grads, all, 3.0f);
    return fast == slow && !(fast == hanaprop::random_network<tiny>(9));
}
} // namespace

TEST_CASE("the mini-batch kernels are constexpr")
{
    STATIC_REQUIRE(blocked_equals_reference_at_compile_time());
}

// The copies for wider targets (core/code_path.hpp) run the same
// algorithm; they may contract multiplies and adds into FMAs where the
// build's code cannot, so they agree to rounding, not to the bit.
TEST_CASE("every compiled copy of the mini-batch epoch trains as the build's code does")
{
    using namespace hanaprop;
    using Net = network<784, 30, 10>;
    std::vector<sample_for<Net>> data(30);
    pcg32 g{11};
    for (auto& s : data) {
        for (auto& x : s.input) x = uniform01<float>(g);
        s.target = one_hot<float, 10>(g.below(10));
    }
    const auto start = std::make_unique<Net>(random_network<Net>(4));
    auto ws = std::make_unique<workspace<Net>>();
    auto grads = std::make_unique<gradients<Net>>();
    const auto train = [&](code_path path) {
        auto net = std::make_unique<Net>(*start);
        train_minibatch_epoch(*net, *ws, *grads, std::span<const sample_for<Net>>{data}, 10, 3.0f, path);
        return net;
    };
    const auto build = train(code_path::build_flags);
    CHECK_FALSE(*build == *start);
    for (const code_path path : {code_path::avx2_fma, code_path::avx512}) {
        INFO(name_of(path) << (runs_on(path) ? " runs here" : " does not run here: the build's code runs"));
        const auto copy = train(path);
        float largest = 0;
        boost::hana::for_each(Net::layer_indices, [&](auto l) {
            constexpr std::size_t L = decltype(l)::value;
            const auto& a = copy->template layer<L>();
            const auto& b = build->template layer<L>();
            for (std::size_t i = 0; i < a.weights.size(); ++i)
                for (std::size_t j = 0; j < a.weights[i].size(); ++j)
                    largest = std::max(largest, std::abs(a.weights[i][j] - b.weights[i][j]));
            for (std::size_t i = 0; i < a.biases.size(); ++i)
                largest = std::max(largest, std::abs(a.biases[i] - b.biases[i]));
        });
        CHECK(largest < 1e-4f);
        if (!runs_on(path)) CHECK(*copy == *build);
    }
    // The default is the widest copy this CPU runs, and it is that copy's
    // result bit for bit.
    INFO("automatic runs " << name_of(resolve(code_path::automatic)));
    CHECK(*train(code_path::automatic) == *train(resolve(code_path::automatic)));
    hanaprop_tests::check_automatic_picks_widest_copy();
}
