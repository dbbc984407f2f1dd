// hanaprop/core/divergence.hpp - training that notices when it blows up:
// a NaN or infinite loss or parameter stops the epoch at the sample (or
// batch) where it appeared, and the caller learns which one from the
// return value. No exceptions: the core reports, the caller decides.
//
//   auto d = hanaprop::train_online_epoch_checked(net, ws, data, rate);
//   if (d) { /* d.step is the first bad sample; restore a saved copy */ }
//
// With divergence_check::off the checks are not compiled at all: the call
// is train_online_epoch's loop and the result is always "no divergence".
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/backprop.hpp>
#include <hanaprop/core/finite.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/sgd.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop {

enum class divergence_check : bool { off = false, on = true };

// What diverged, if anything. `step` counts from 0 within the call: a
// sample for online training, a batch for mini-batch training; `sample`
// is the sample's index (for a batch: the bad input's, or the batch's
// first sample).
struct divergence {
    enum class cause : std::uint8_t {
        none,
        input,       // the sample's input or target holds a NaN or infinity; not trained on
        loss,        // the sample's (or batch's) loss is NaN or infinite
        parameter,   // the step left a NaN or infinite weight or bias
    };
    cause what = cause::none;
    std::size_t step = 0;
    std::size_t sample = 0;

    constexpr explicit operator bool() const noexcept { return what != cause::none; }
    friend constexpr bool operator==(const divergence&, const divergence&) = default;
};

namespace detail {

// Every input and target value of the sample is finite.
template <class Sample>
constexpr bool sample_finite(const Sample& s) noexcept
{
    bool finite = true;
    for (const auto x : s.input) finite &= is_finite(x);
    for (const auto y : s.target) finite &= is_finite(y);
    return finite;
}

} // namespace detail

// One epoch of online SGD as train_sample one sample at a time, checked
// around each: the sample's input and target before its step (a bad one
// is not trained on), then its loss (from the step's forward pass) and
// every parameter. Stops at the first sample that diverges; after a loss
// or parameter report the network holds that sample's update (restore a
// copy to go back).
template <divergence_check Check = divergence_check::on, class Net>
constexpr divergence train_online_epoch_checked(Net& net, workspace<Net>& ws, std::span<const sample_for<Net>> samples,
                                          typename Net::value_type rate) noexcept
{
    if constexpr (Check == divergence_check::off) {
        train_online_epoch(net, ws, samples, rate);
    } else {
        for (std::size_t s = 0; s < samples.size(); ++s) {
            if (!detail::sample_finite(samples[s])) return {divergence::cause::input, s, s};
            train_sample(net, ws, samples[s].input, samples[s].target, rate);
            if (!is_finite(quadratic_cost(ws, samples[s].target))) return {divergence::cause::loss, s, s};
            if (!is_finite(net)) return {divergence::cause::parameter, s, s};
        }
    }
    return {};
}

// The workspace of another network (core/shape_checks.hpp, check_scratch).
template <divergence_check Check = divergence_check::on, class Net, class W, class... Rest>
    requires(!detail::scratch_fits<Net, W>)
constexpr divergence train_online_epoch_checked(Net&, const workspace<W>&, const Rest&...) noexcept
{
    detail::check_scratch<Net, W>();
    return {};
}

} // namespace hanaprop
