// lanes<T, N> and networks trained in lock step (hanaprop/core/lockstep/lanes.hpp,
// hanaprop/core/lockstep/lockstep.hpp): every lane must compute what its network
// computes alone, bit for bit. Built with -ffp-contract=off (meson.build):
// a compiler may fuse a*b + c in one loop and not in the other.
#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>

namespace {

using net_t = hanaprop::network<7, 5, 3>;
using sample_t = hanaprop::sample_for<net_t>;
// One pack type for every test: each instantiation of a training loop
// costs seconds of compile time.
using pack_t = hanaprop::lockstep_network<net_t, 8>;
using pack_sample = hanaprop::sample_for<pack_t>;

std::vector<sample_t> seeds_samples()
{
    const auto rows = hanaprop::host::read_labelled_csv<float, 7>(HANAPROP_SEEDS_DATA);
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; });
    const hanaprop::label_order<long, 3> order{{1, 2, 3}};
    std::vector<sample_t> data;
    for (const auto& row : rows) data.push_back(hanaprop::make_sample(row.features, row.label, scaler, order));
    return data;
}

} // namespace

TEST_CASE("lanes: every operation is the scalar one, lane by lane", "[lockstep]")
{
    using L = hanaprop::lanes<float, 8>;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const L a{}, b(2.5f);
    L x, y;
    const std::array<float, 8> xs{-100.f, -87.5f, -1.25f, -0.f, 0.3f, 10.f, 88.5f, nan};
    const std::array<float, 8> ys{3.f, -0.5f, 7.f, 1e-3f, -2.f, 0.25f, 1e30f, 1.f};
    for (std::size_t k = 0; k < 8; ++k) {
        x[k] = xs[k];
        y[k] = ys[k];
    }
    const auto bits = [](float v) { return std::bit_cast<std::uint32_t>(v); };
    const L sum = x + y, difference = x - y, product = x * y, quotient = x / y, negated = -x;
    const L e = hanaprop::exp(x), s = hanaprop::sigmoid(x);
    L accumulated = x;
    accumulated += y;
    accumulated *= y;
    accumulated -= x;
    accumulated /= y;
    for (std::size_t k = 0; k < 8; ++k) {
        INFO("lane " << k << ", x = " << xs[k]);
        CHECK(a[k] == 0.f);
        CHECK(b[k] == 2.5f);
        CHECK(bits(sum[k]) == bits(xs[k] + ys[k]));
        CHECK(bits(difference[k]) == bits(xs[k] - ys[k]));
        CHECK(bits(product[k]) == bits(xs[k] * ys[k]));
        CHECK(bits(quotient[k]) == bits(xs[k] / ys[k]));
        CHECK(bits(negated[k]) == bits(-xs[k]));
        CHECK(bits(e[k]) == bits(hanaprop::exp(xs[k])));
        CHECK(bits(s[k]) == bits(hanaprop::sigmoid(xs[k])));
        CHECK(bits(accumulated[k]) == bits((((xs[k] + ys[k]) * ys[k]) - xs[k]) / ys[k]));
    }
    // And in constant expressions.
    STATIC_REQUIRE(L(2.f) * L(3.f) - L(1.f) == L(5.f));
    STATIC_REQUIRE(hanaprop::sigmoid(L(0.f)) == L(0.5f));
}

TEST_CASE("networks trained in lock step: each lane as if trained alone", "[lockstep]")
{
    const auto data = seeds_samples();
    // Three networks, three different sample streams, eight lanes: lanes
    // 3 to 7 are spares and repeat lane 0.
    std::array<net_t, 3> alone{};
    for (std::size_t k = 0; k < 3; ++k)
        alone[k] = hanaprop::random_network<net_t>(k + 7, hanaprop::initialization::uniform_0_1);
    auto pack = hanaprop::pack_networks<8>(alone);
    for (std::size_t k = 0; k < 8; ++k) CHECK(hanaprop::get_lane(pack, k) == alone[k < 3 ? k : 0]);
    // There is no lane 8: nothing is written, and reading it gives zeros.
    const auto before = pack;
    hanaprop::set_lane(pack, 8, alone[1]);
    CHECK(pack == before);
    CHECK(hanaprop::get_lane(pack, 8) == net_t{});
    pack_sample packed_sample{};
    hanaprop::set_lane(packed_sample, 8, data[0]);
    CHECK(packed_sample == pack_sample{});

    constexpr std::size_t rows = 60;
    const auto row_of = [](std::size_t lane, std::size_t r) { return (r * (lane + 1) + 50 * lane) % 210; };
    std::vector<pack_sample> packed(rows);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t lane = 0; lane < 8; ++lane) hanaprop::set_lane(packed[r], lane, data[row_of(lane < 3 ? lane : 0, r)]);

    hanaprop::workspace<pack_t> pack_ws;
    for (int epoch = 0; epoch < 40; ++epoch) hanaprop::train_online_epoch(pack, pack_ws, std::span(std::as_const(packed)), 0.3f);

    for (std::size_t k = 0; k < 3; ++k) {
        INFO("network " << k);
        hanaprop::workspace<net_t> ws;
        std::vector<sample_t> own(rows);
        for (std::size_t r = 0; r < rows; ++r) own[r] = data[row_of(k, r)];
        for (int epoch = 0; epoch < 40; ++epoch) hanaprop::train_online_epoch(alone[k], ws, std::span(std::as_const(own)), 0.3f);
        CHECK(hanaprop::get_lane(pack, k) == alone[k]);
        CHECK(alone[k] != hanaprop::random_network<net_t>(k + 7, hanaprop::initialization::uniform_0_1));   // it did train
    }
    for (std::size_t k = 3; k < 8; ++k) CHECK(hanaprop::get_lane(pack, k) == alone[0]);
}

TEST_CASE("cross_validate_lockstep scores every fold as cross_validate does", "[lockstep][cross_validation]")
{
    const auto data = seeds_samples();
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        // One fold after another (the classic way).
        std::vector<net_t> one_by_one;
        hanaprop::pcg32 rng{seed};
        const auto split = hanaprop::tutorial_split<256>(data.size(), 5, rng);
        std::vector<sample_t> training(data.size());
        const auto sequential = hanaprop::cross_validate(
            std::span(std::as_const(data)), split, std::span(training), [&](std::span<const sample_t> rows, std::size_t) {
                auto net = hanaprop::random_network<net_t>(rng(), hanaprop::initialization::uniform_0_1);
                hanaprop::workspace<net_t> ws;
                for (int epoch = 0; epoch < 30; ++epoch) hanaprop::train_online_epoch(net, ws, rows, 0.3f);
                one_by_one.push_back(net);
                return net;
            });

        // All five folds at once, in the lanes of one network of lanes<float, 8>.
        hanaprop::pcg32 rng2{seed};
        const auto split2 = hanaprop::tutorial_split<256>(data.size(), 5, rng2);
        std::vector<pack_sample> scratch(data.size());
        std::vector<net_t> in_lanes;
        const auto together = hanaprop::cross_validate_lockstep<8>(
            std::span(std::as_const(data)), split2, std::span(scratch),
            [&](std::span<const pack_sample> rows, std::size_t folds) {
                CHECK(folds == 5);
                CHECK(rows.size() == 168);
                std::array<net_t, 5> initial;
                for (auto& net : initial) net = hanaprop::random_network<net_t>(rng2(), hanaprop::initialization::uniform_0_1);
                auto pack = hanaprop::pack_networks<8>(initial);
                hanaprop::workspace<pack_t> ws;
                for (int epoch = 0; epoch < 30; ++epoch) hanaprop::train_online_epoch(pack, ws, rows, 0.3f);
                for (std::size_t f = 0; f < 5; ++f) in_lanes.push_back(hanaprop::get_lane(pack, f));
                return pack;
            });
        REQUIRE(together.folds == 5);
        REQUIRE(in_lanes.size() == 5);
        for (std::size_t f = 0; f < 5; ++f) {
            INFO("fold " << f);
            CHECK(in_lanes[f] == one_by_one[f]);
            CHECK(together.accuracy[f] == sequential.accuracy[f]);
        }
        CHECK(together.mean() > 80.0);   // 30 epochs learn the seeds well
    }
}

TEST_CASE("cross_validate_lockstep refuses what lock step cannot do", "[lockstep][cross_validation]")
{
    const auto data = seeds_samples();
    std::vector<pack_sample> scratch(data.size());
    int trained = 0;
    const auto train = [&](std::span<const pack_sample>, std::size_t) {
        ++trained;
        return pack_t{};
    };
    const auto lockstep = [&](const auto& split, std::size_t scratch_rows) {
        return hanaprop::cross_validate_lockstep<8>(std::span(std::as_const(data)), split,
                                                    std::span(scratch).first(scratch_rows), train);
    };
    hanaprop::pcg32 g{1};
    // More folds than lanes: 9 folds of 23 rows.
    CHECK(lockstep(hanaprop::tutorial_split<256>(210, 9, g), 210).folds == 0);
    // Folds of different sizes: 210 rows in 4 stratified folds (53, 53, 52, 52).
    std::vector<std::size_t> classes;
    for (const auto& s : data) classes.push_back(hanaprop::argmax(s.target));
    const auto uneven = hanaprop::stratified_split<256>(std::span(std::as_const(classes)), 4, g);
    REQUIRE(uneven.valid());
    CHECK(lockstep(uneven, 210).folds == 0);
    // Too small a scratch: 3 folds of 70 need 140 training rows.
    const auto even = hanaprop::stratified_split<256>(std::span(std::as_const(classes)), 3, g);
    REQUIRE(even.valid());
    CHECK(lockstep(even, 139).folds == 0);
    CHECK(trained == 0);
    // With room for them, the same folds train (once, all three together).
    CHECK(lockstep(even, 140).folds == 3);
    CHECK(trained == 1);
    // 8 folds, as many as lanes, do too.
    CHECK(lockstep(hanaprop::tutorial_split<256>(210, 8, g), 210).folds == 8);
    CHECK(trained == 2);
    // noexcept exactly when the training function is.
    const auto quiet = [](std::span<const pack_sample>, std::size_t) noexcept { return pack_t{}; };
    STATIC_REQUIRE(noexcept(hanaprop::cross_validate_lockstep<8>(std::span(std::as_const(data)), even,
                                                                 std::span(scratch), quiet)));
    STATIC_REQUIRE_FALSE(noexcept(hanaprop::cross_validate_lockstep<8>(std::span(std::as_const(data)), even,
                                                                       std::span(scratch), train)));
}

TEST_CASE("lock step holds for every activation and loss: each lane as if trained alone", "[lockstep]")
{
    namespace act = hanaprop::activation;
    using hanaprop::dense;
    using layered = hanaprop::layered_network<float, hanaprop::input<7>, dense<6, act::tanh>, dense<5, act::relu>,
                                              dense<4, act::leaky_relu>, dense<3, act::softmax>>;
    using lane_sample = hanaprop::sample_for<layered>;
    std::array<layered, 4> alone{};
    std::array<std::vector<lane_sample>, 4> own;
    for (std::size_t k = 0; k < 4; ++k) {
        alone[k] = hanaprop::random_network<layered>(k + 1);
        hanaprop::pcg32 g{k + 11};
        own[k].resize(40);
        for (auto& s : own[k]) {
            for (auto& v : s.input) v = 2 * hanaprop::uniform01<float>(g) - 1;
            s.target = hanaprop::one_hot<float, 3>(g.below(3));
        }
    }
    auto pack = hanaprop::pack_networks<4>(alone);
    using packed_t = decltype(pack);
    std::vector<hanaprop::sample_for<packed_t>> packed(40);
    for (std::size_t r = 0; r < 40; ++r)
        for (std::size_t k = 0; k < 4; ++k) hanaprop::set_lane(packed[r], k, own[k][r]);

    hanaprop::workspace<packed_t> pack_ws;
    for (int epoch = 0; epoch < 10; ++epoch) hanaprop::train_online_epoch(pack, pack_ws, std::span(std::as_const(packed)), 0.1f);
    for (std::size_t k = 0; k < 4; ++k) {
        INFO("network " << k);
        hanaprop::workspace<layered> ws;
        const layered initial = alone[k];
        for (int epoch = 0; epoch < 10; ++epoch) hanaprop::train_online_epoch(alone[k], ws, std::span(std::as_const(own[k])), 0.1f);
        CHECK(hanaprop::get_lane(pack, k) == alone[k]);
        CHECK(alone[k] != initial);   // it did train
        CHECK(hanaprop::is_finite(alone[k]));
    }
}
