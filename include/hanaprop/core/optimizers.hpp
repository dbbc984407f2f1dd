// hanaprop/core/optimizers.hpp - what to do with a gradient: plain SGD,
// momentum (classical or Nesterov), Adam, each with optional L2 weight
// decay, and learning-rate schedules as callables of the epoch.
//
// An optimizer is a small value of hyper-parameters; its memory (the
// velocities, Adam's moments) is a separate `state_type<Net>`, sized at
// compile time like the network and kept beside it, so the network stays
// its parameters alone:
//
//   hanaprop::momentum<float> opt{.coefficient = 0.9f, .nesterov = true};
//   decltype(opt)::state_type<Net> state{};
//   hanaprop::train_epoch(net, ws, grads, opt, state, data, 10, 0.5f);
//
// With g the mean gradient of a batch, lambda the weight decay (on
// weights, not biases, as in Nielsen's L2 regularisation) and d = g +
// lambda w:
//   sgd:      w -= rate d
//   momentum: v = mu v + d;  w -= rate v            (classical)
//                            w -= rate (d + mu v)   (Nesterov)
//   adam:     m = b1 m + (1 - b1) d;  s = b2 s + (1 - b2) d^2;
//             w -= rate (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)
// Everything is constexpr.
#pragma once

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/backprop.hpp>
#include <hanaprop/core/divergence.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/workspace.hpp>

namespace hanaprop {

namespace detail {

// Calls fn(parameter, gradient, is_weight, state_values...) for every
// parameter of the network, with the matching entries of the gradient and
// of each state (each shaped like gradients<Net>).
template <class Net, class Fn, class... States>
constexpr void for_each_update(Net& net, const gradients<Net>& grads, Fn&& fn, States&... states) noexcept
{
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        auto& layer = net.template layer<L>();
        const auto& g = grads.template layer<L>();
        using Layer = std::remove_cvref_t<decltype(layer)>;
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            for (std::size_t i = 0; i < Layer::inputs; ++i)
                fn(layer.weights[j][i], g.weights[j][i], true, states.template layer<L>().weights[j][i]...);
            fn(layer.biases[j], g.biases[j], false, states.template layer<L>().biases[j]...);
        }
    });
}

// sqrt for Adam without libm: Newton's method from a guess with half the
// exponent (the bits of x shifted right), exact to the last bit or two.
template <std::floating_point T>
constexpr T square_root(T x) noexcept
{
    if (!(x > 0) || !is_finite(x)) return x;   // 0, negative, NaN and inf as they are
    T y;
    if constexpr (sizeof(T) == 4) y = std::bit_cast<T>(0x1fbd1df5u + (std::bit_cast<std::uint32_t>(x) >> 1));
    else y = std::bit_cast<T>(0x1ff7a3bea91d9b1bull + (std::bit_cast<std::uint64_t>(x) >> 1));
    for (int i = 0; i < 6; ++i) y = (y + x / y) / 2;
    return y;
}

// b^n for a whole n, by squaring.
template <class T>
constexpr T power(T base, std::size_t n) noexcept
{
    T result = 1;
    for (; n > 0; n >>= 1, base = base * base)
        if (n & 1u) result = result * base;
    return result;
}

} // namespace detail

// Plain gradient descent, the update train_minibatch makes, plus decay.
template <class T>
struct sgd {
    T weight_decay = 0;

    template <class Net>
    struct state_type {};

    template <class Net>
    constexpr void update(Net& net, state_type<Net>&, const gradients<Net>& grads, T scale, T rate) const noexcept
    {
        detail::for_each_update(net, grads, [&](T& w, const T& g, bool weight) {
            w -= rate * (scale * g + (weight ? weight_decay * w : T(0)));
        });
    }
};

template <class T>
struct momentum {
    T coefficient = T(0.9);
    bool nesterov = false;
    T weight_decay = 0;

    template <class Net>
    struct state_type {
        gradients<Net> velocity{};
    };

    template <class Net>
    constexpr void update(Net& net, state_type<Net>& state, const gradients<Net>& grads, T scale, T rate) const noexcept
    {
        detail::for_each_update(
            net, grads,
            [&](T& w, const T& g, bool weight, T& v) {
                const T d = scale * g + (weight ? weight_decay * w : T(0));
                v = coefficient * v + d;
                w -= rate * (nesterov ? d + coefficient * v : v);
            },
            state.velocity);
    }
};

template <class T>
struct adam {
    static_assert(std::is_floating_point_v<T>, "hanaprop::adam needs a floating-point value type: it divides by "
                                               "a square root; use sgd or momentum with fixed point");
    T beta1 = T(0.9);
    T beta2 = T(0.999);
    T epsilon = T(1e-8);
    T weight_decay = 0;

    template <class Net>
    struct state_type {
        gradients<Net> first{};    // m: the mean of the gradients
        gradients<Net> second{};   // s: the mean of their squares
        std::size_t steps = 0;     // t
    };

    template <class Net>
    constexpr void update(Net& net, state_type<Net>& state, const gradients<Net>& grads, T scale, T rate) const noexcept
    {
        ++state.steps;
        const T first_correction = 1 - detail::power(beta1, state.steps);
        const T second_correction = 1 - detail::power(beta2, state.steps);
        detail::for_each_update(
            net, grads,
            [&](T& w, const T& g, bool weight, T& m, T& s) {
                const T d = scale * g + (weight ? weight_decay * w : T(0));
                m = beta1 * m + (1 - beta1) * d;
                s = beta2 * s + (1 - beta2) * d * d;
                w -= rate * (m / first_correction) / (detail::square_root(s / second_correction) + epsilon);
            },
            state.first, state.second);
    }
};

// Learning-rate schedules: rate(epoch), epochs counted from 0.

// initial * factor^(epoch / every): 0.5, 0.5, 0.25, 0.25, ... for {0.5, 0.5, 2}.
template <class T>
struct step_decay {
    T initial;
    T factor;
    std::size_t every = 1;
    constexpr T operator()(std::size_t epoch) const noexcept
    {
        return initial * detail::power(factor, every ? epoch / every : 0);
    }
};

// initial * factor^epoch.
template <class T>
struct exponential_decay {
    T initial;
    T factor;
    constexpr T operator()(std::size_t epoch) const noexcept { return initial * detail::power(factor, epoch); }
};

// From initial down to minimum along half a cosine over `epochs`, then minimum:
// minimum + (initial - minimum) (1 + cos(pi epoch / epochs)) / 2.
template <class T>
struct cosine_decay {
    T initial;
    T minimum;
    std::size_t epochs;
    constexpr T operator()(std::size_t epoch) const noexcept
    {
        if (epochs == 0 || epoch >= epochs) return minimum;
        // cos(pi f) = -sin(pi (f - 1/2)), |pi (f - 1/2)| <= pi/2: a Taylor
        // series to x^21, below 1e-16 there, in double whatever T.
        const double x = 3.14159265358979323846 * (static_cast<double>(epoch) / static_cast<double>(epochs) - 0.5);
        double term = x, sine = x;
        for (int k = 1; k <= 10; ++k) {
            term *= -x * x / ((2 * k) * (2 * k + 1));
            sine += term;
        }
        return minimum + (initial - minimum) * static_cast<T>((1 - sine) / 2);
    }
};

// One epoch of mini-batch training with an optimizer: for each batch of
// batch_size samples (the last one smaller), the gradient summed by
// feedforward, backpropagate and accumulate_gradient, then
// opt.update(..., 1 / m, rate). With divergence_check::on (the default) a
// batch with a NaN or infinite input or target stops the epoch before its
// update, and a batch whose loss or updated parameters are NaN or
// infinite stops it after; off compiles no check.
template <divergence_check Check = divergence_check::on, class Net, class Optimizer>
constexpr divergence train_epoch(Net& net, workspace<Net>& ws, gradients<Net>& grads, const Optimizer& opt,
                                 typename Optimizer::template state_type<Net>& state,
                                 std::span<const sample_for<Net>> samples, std::size_t batch_size,
                                 typename Net::value_type rate) noexcept
{
    using T = typename Net::value_type;
    if (batch_size == 0) return {};
    for (std::size_t first = 0, batch = 0; first < samples.size(); first += batch_size, ++batch) {
        const std::size_t count = samples.size() - first < batch_size ? samples.size() - first : batch_size;
        if constexpr (Check == divergence_check::on)
            for (std::size_t s = first; s < first + count; ++s)
                if (!detail::sample_finite(samples[s])) return {divergence::cause::input, batch, s};
        grads = gradients<Net>{};
        [[maybe_unused]] bool loss_finite = true;
        for (std::size_t s = first; s < first + count; ++s) {
            feedforward(net, ws, samples[s].input);
            if constexpr (Check == divergence_check::on)
                loss_finite &= is_finite(quadratic_cost(ws, samples[s].target));
            backpropagate(net, ws, samples[s].target);
            accumulate_gradient(ws, grads);
        }
        opt.update(net, state, grads, T(1) / static_cast<T>(count), rate);
        if constexpr (Check == divergence_check::on) {
            if (!loss_finite) return {divergence::cause::loss, batch, first};
            if (!is_finite(net)) return {divergence::cause::parameter, batch, first};
        }
    }
    return {};
}

// A workspace or gradients of another network (core/shape_checks.hpp,
// check_scratch): one error that names both networks.
template <divergence_check Check = divergence_check::on, class Net, class W, class G, class Optimizer, class... Rest>
    requires(!detail::scratch_fits<Net, W, G>)
constexpr divergence train_epoch(Net&, const workspace<W>&, const gradients<G>&, const Optimizer&,
                                 const Rest&...) noexcept
{
    detail::check_scratch<Net, W, G>();
    return {};
}

} // namespace hanaprop
