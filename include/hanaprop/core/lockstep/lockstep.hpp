// hanaprop/core/lockstep/lockstep.hpp - several networks of one shape trained as
// one: basic_network<lanes<T, N>, Sizes...> holds N networks, network k in
// lane k of every weight, bias and activation (core/lockstep/lanes.hpp).
//
//   set_lane(pack, k, net), get_lane(pack, k)   one network in, one out;
//   pack_networks<N>(nets)                      up to N networks in;
//   cross_validate_lockstep<N>(data, split, scratch, train)
//                                               k-fold cross-validation
//                                               with fold f in lane f.
//
// Online SGD on one small network is a chain of dependent operations (for
// 7-5-3: two layers of sums, two rounds of sigmoids, the deltas, the
// update, and only then the next sample), so the core waits on latency
// most of the time. N independent networks fill that time: one vector
// instruction does the same step for each of them. Every lane computes
// exactly what its network computes alone, bit for bit (tests/seeds/
// test_lockstep.cpp), so k folds trained in lock step score exactly as k
// folds trained one after the other.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/cross_validation.hpp>
#include <hanaprop/core/lockstep/lanes.hpp>
#include <hanaprop/core/metrics.hpp>
#include <hanaprop/core/network.hpp>
#include <hanaprop/core/sample.hpp>

namespace hanaprop {

namespace detail {
template <class Net, std::size_t N>
struct lockstep_of;
template <class Net, std::size_t N>
    requires is_network_v<Net>
struct lockstep_of<Net, N> {
    using type = typename Net::template rebind<lanes<typename Net::value_type, N>>;
};
} // namespace detail

// N networks of type Net as one: lockstep_network<network<7, 5, 3>, 8>.
template <class Net, std::size_t N>
using lockstep_network = typename detail::lockstep_of<Net, N>::type;

// Network `net` into lane k of `pack`. A lane k >= N does not exist:
// nothing is written.
template <class Pack, class Net>
    requires(is_network_v<Net> &&
             std::is_same_v<Pack, typename Net::template rebind<typename Pack::value_type>> &&
             std::is_same_v<typename Pack::value_type,
                            lanes<typename Net::value_type, Pack::value_type::size>>)
constexpr void set_lane(Pack& pack, std::size_t k, const Net& net) noexcept
{
    constexpr std::size_t N = Pack::value_type::size;
    if (k >= N) return;
    boost::hana::for_each(net.layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        auto& to = pack.template layer<L>();
        const auto& from = net.template layer<L>();
        for (std::size_t j = 0; j < from.weights.size(); ++j) {
            for (std::size_t i = 0; i < from.weights[j].size(); ++i) to.weights[j][i][k] = from.weights[j][i];
            to.biases[j][k] = from.biases[j];
        }
    });
}

// Lane k of `pack` as a network of its own; for a lane k >= N, which does
// not exist, a network of zeros.
template <class Pack>
    requires(is_network_v<Pack> && requires { Pack::value_type::size; })
constexpr auto get_lane(const Pack& pack, std::size_t k) noexcept
{
    using Lanes = typename Pack::value_type;
    typename Pack::template rebind<typename Lanes::value_type> net{};
    if (k >= Lanes::size) return net;
    boost::hana::for_each(net.layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        const auto& from = pack.template layer<L>();
        auto& to = net.template layer<L>();
        for (std::size_t j = 0; j < to.weights.size(); ++j) {
            for (std::size_t i = 0; i < to.weights[j].size(); ++i) to.weights[j][i] = from.weights[j][i][k];
            to.biases[j] = from.biases[j][k];
        }
    });
    return net;
}

namespace shape_error {
// "a pack of 4 lanes cannot hold 5 networks" (see core/shape_checks.hpp
// for why a sentence-named incomplete type rather than a static_assert).
template <std::size_t Lanes>
struct a_pack_of {
    template <std::size_t Given>
    struct lanes_cannot_hold {
        struct networks;   // pack_networks<N>(nets) takes 1 to N networks: more lanes, or fewer networks
    };
};
} // namespace shape_error

// nets[0 .. M) in lanes 0 .. M; the spare lanes M .. N hold copies of
// nets[0], so that they compute finite numbers at the speed of a real
// network (zeros would drift into subnormal numbers, which are slow).
template <std::size_t N, class Net, std::size_t M>
constexpr lockstep_network<Net, N> pack_networks(const std::array<Net, M>& nets) noexcept
{
    lockstep_network<Net, N> pack{};
    if constexpr (M < 1 || M > N) {
        (void)typename shape_error::a_pack_of<N>::template lanes_cannot_hold<M>::networks{};
    } else {
        for (std::size_t k = 0; k < N; ++k) set_lane(pack, k, nets[k < M ? k : 0]);
    }
    return pack;
}

// Sample `s` into lane k of `pack` (nothing is written for a k >= N).
template <class T, std::size_t N, std::size_t In, std::size_t Out>
constexpr void set_lane(sample<lanes<T, N>, In, Out>& pack, std::size_t k, const sample<T, In, Out>& s) noexcept
{
    if (k >= N) return;
    for (std::size_t i = 0; i < In; ++i) pack.input[i][k] = s.input[i];
    for (std::size_t j = 0; j < Out; ++j) pack.target[j][k] = s.target[j];
}

// k-fold cross-validation with the k folds trained at once, fold f in lane
// f of one network of lanes<T, N> (k <= N). For every fold it computes
// what cross_validate computes, bit for bit:
//   1. scratch[r], lane f = the r-th training row of fold f, in the order
//      cross_validate gives them (the other folds, fold by fold, each in
//      split order); spare lanes repeat lane 0's rows;
//   2. pack = train(std::span<const sample<lanes<T, N>, In, Out>>(rows), k),
//      a basic_network<lanes<T, N>, ...> whose lane f is fold f's model:
//      train fills each lane f < k with the network fold f would start
//      from (pack_networks) and trains the pack on the rows;
//   3. fold f is scored with get_lane(pack, f), like cross_validate.
// Lock step needs training sets of one size, so folds of one size: the
// tutorial's split always, a stratified split when k divides n. Folds of
// different sizes, more folds than lanes, an invalid split or too small a
// scratch (fewer than split.used() - the size of a fold) give no folds
// (folds == 0), as cross_validate does for the last two.
template <std::size_t N, class T, std::size_t In, std::size_t Out, std::size_t Capacity, std::size_t MaxFolds,
          class Train>
constexpr fold_scores<MaxFolds> cross_validate_lockstep(std::span<const sample<T, In, Out>> data,
                                                        const kfold_split<Capacity, MaxFolds>& split,
                                                        std::span<sample<lanes<T, N>, In, Out>> scratch,
                                                        Train&& train)
    noexcept(std::is_nothrow_invocable_v<Train&, std::span<const sample<lanes<T, N>, In, Out>>, std::size_t>)
{
    using packed_sample = sample<lanes<T, N>, In, Out>;
    fold_scores<MaxFolds> scores{};
    if (!split.valid() || split.folds > N || split.rows > data.size()) return scores;
    const std::size_t fold_size = split.fold(0).size();
    for (std::size_t f = 1; f < split.folds; ++f)
        if (split.fold(f).size() != fold_size) return scores;
    const std::size_t rows = split.used() - fold_size;   // the training rows of each fold
    if (scratch.size() < rows) return scores;

    for (std::size_t lane = 0; lane < N; ++lane) {
        const std::size_t f = lane < split.folds ? lane : 0;
        std::size_t count = 0;
        for (std::size_t other = 0; other < split.folds; ++other)
            if (other != f)
                for (const std::size_t row : split.fold(other)) set_lane(scratch[count++], lane, data[row]);
    }
    const auto pack = train(std::span<const packed_sample>(scratch.data(), rows), split.folds);

    scores.folds = split.folds;
    for (std::size_t f = 0; f < split.folds; ++f) {
        const auto model = get_lane(pack, f);
        std::size_t correct = 0;
        for (const std::size_t row : split.fold(f))
            correct += argmax(model.predict(data[row].input)) == argmax(data[row].target);
        scores.accuracy[f] =
            fold_size == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(fold_size) * 100.0;
    }
    return scores;
}

} // namespace hanaprop
