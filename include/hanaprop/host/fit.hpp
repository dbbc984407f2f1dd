// hanaprop/host/fit.hpp - a training loop a host program can leave running:
// epochs over a seeded shuffle, an optional validation split, early
// stopping that restores the best weights, a per-epoch callback that can
// stop training, periodic checkpoints, and divergence caught.
//
//   hanaprop::host::fit_options options;
//   options.epochs = 100;
//   options.validation_fraction = 0.2;
//   options.patience = 10;
//   const auto result = hanaprop::host::fit(net, samples, options);
//
// Host only (std::function, std::vector, exceptions, files); each epoch is
// the core's train_online_epoch or train_minibatch_epoch (plain SGD without
// decay) or train_epoch with an optimizer (core/optimizers.hpp).
//
// Divergence: when a parameter or the training loss becomes NaN or
// infinite (a NaN in the data, a rate that blows up), fit throws
// training_diverged naming the epoch and the sample (and batch) where it
// appeared, and leaves the network as it was at the end of the last good
// epoch (the initial network if it was the first).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <hanaprop/core/divergence.hpp>
#include <hanaprop/core/metrics.hpp>
#include <hanaprop/core/optimizers.hpp>
#include <hanaprop/core/random.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/sgd.hpp>
#include <hanaprop/core/workspace.hpp>
#include <hanaprop/host/model_file.hpp>

namespace hanaprop::host {

// What the per-epoch callback sees. Epochs count from 1.
struct epoch_report {
    std::size_t epoch = 0;
    // The mean quadratic cost of the training samples after the epoch.
    double training_loss = 0;
    // The same on the validation samples, and the fraction of them
    // classified right; empty without a validation split.
    std::optional<double> validation_loss;
    std::optional<double> validation_accuracy;
    // Since fit started.
    std::chrono::duration<double> elapsed{};
};

enum class fit_control { go_on, stop };

struct fit_options {
    std::size_t epochs = 30;
    // 1: online SGD, a step per sample; more: mini-batches of that size.
    std::size_t batch_size = 1;
    // The learning rate of every epoch, or `schedule(epoch)` (epochs from
    // 0) when one is given: step_decay, exponential_decay, cosine_decay or
    // any callable.
    double rate = 0.5;
    std::function<double(std::size_t)> schedule{};
    // The seed of the shuffles: the split, then each epoch's order.
    std::uint64_t seed = 1;
    // The share of the samples held out for validation (after a seeded
    // shuffle), in [0, 1). 0: no validation.
    double validation_fraction = 0;
    // Early stopping: stop after `patience` epochs without a lower
    // validation loss and restore the weights of the best epoch. 0: off.
    std::size_t patience = 0;
    // Called after every epoch; returning fit_control::stop ends training.
    std::function<fit_control(const epoch_report&)> on_epoch{};
    // Saved with save_model every `checkpoint_every` epochs when not empty.
    std::filesystem::path checkpoint{};
    std::size_t checkpoint_every = 1;
};

struct fit_result {
    std::vector<epoch_report> history;
    // The epoch whose weights the network holds: the last one, or the best
    // one when early stopping restored it.
    std::size_t final_epoch = 0;
    bool stopped_early = false;      // by patience
    bool stopped_by_callback = false;
};

// Training that produced a NaN or infinite parameter or loss. The network
// has been put back as it was after epoch() - 1.
class training_diverged : public std::runtime_error {
public:
    training_diverged(const std::string& message, std::size_t epoch, std::optional<std::size_t> sample)
        : std::runtime_error(message), epoch_(epoch), sample_(sample)
    {
    }
    std::size_t epoch() const noexcept { return epoch_; }
    // The index in the data given to fit, when the sample is known.
    std::optional<std::size_t> sample() const noexcept { return sample_; }

private:
    std::size_t epoch_;
    std::optional<std::size_t> sample_;
};

namespace detail {

template <class Net>
double mean_quadratic_cost(const Net& net, std::span<const sample_for<Net>> samples)
{
    if (samples.empty()) return 0;
    double sum = 0;
    for (const auto& s : samples) {
        const auto out = net.predict(s.input);
        for (std::size_t j = 0; j < Net::output_size; ++j) {
            const double e = static_cast<double>(out[j]) - static_cast<double>(s.target[j]);
            sum += e * e / 2;
        }
    }
    return sum / static_cast<double>(samples.size());
}

inline std::string divergence_text(const divergence& d, std::size_t epoch, std::size_t batch_size,
                                   std::optional<std::size_t> sample)
{
    std::string text = "hanaprop::host::fit: training diverged in epoch " + std::to_string(epoch);
    if (sample) {
        text += ", at sample " + std::to_string(*sample) + " of the data";
        if (batch_size > 1) text += " (batch " + std::to_string(d.step) + " of the epoch)";
    }
    switch (d.what) {
    case divergence::cause::input: text += ": its input or target is NaN or infinite"; break;
    case divergence::cause::loss: text += ": the loss became NaN or infinite"; break;
    case divergence::cause::parameter: text += ": a weight or bias became NaN or infinite"; break;
    case divergence::cause::none: text += ": the training loss became NaN or infinite"; break;
    }
    return text + "; the network is as it was " +
           (epoch > 1 ? "after epoch " + std::to_string(epoch - 1) : std::string("before training"));
}

} // namespace detail

// Trains `net` on `data` as `options` say, with `optimizer` (plain SGD by
// default: then each epoch is train_online_epoch or train_minibatch_epoch, the
// library's fastest paths). Returns every epoch's report. Throws
// training_diverged (see above), std::invalid_argument for options that
// cannot work (early stopping without validation, a validation split that
// leaves no training sample), and model_file_error from a checkpoint.
template <class Net, class Optimizer = sgd<typename Net::value_type>>
fit_result fit(Net& net, std::span<const sample_for<Net>> data, const fit_options& options,
               const Optimizer& optimizer = {})
{
    using T = typename Net::value_type;
    using Sample = sample_for<Net>;
    const auto start = std::chrono::steady_clock::now();
    if (!(options.validation_fraction >= 0 && options.validation_fraction < 1))
        throw std::invalid_argument("hanaprop::host::fit: validation_fraction must be in [0, 1)");
    const auto held_out = static_cast<std::size_t>(options.validation_fraction * static_cast<double>(data.size()) + 0.5);
    if (held_out >= data.size() && !data.empty())
        throw std::invalid_argument("hanaprop::host::fit: the validation split leaves no training sample");
    if (options.patience > 0 && held_out == 0)
        throw std::invalid_argument("hanaprop::host::fit: early stopping (patience > 0) needs a validation split");

    // Indices into `data`: the split first, then each epoch's order.
    pcg32 shuffler{options.seed};
    std::vector<std::size_t> order(data.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(std::span{order}, shuffler);
    std::vector<std::size_t> training_index(order.begin(), order.end() - static_cast<std::ptrdiff_t>(held_out));
    std::vector<Sample> validation;
    for (auto i = order.end() - static_cast<std::ptrdiff_t>(held_out); i != order.end(); ++i)
        validation.push_back(data[*i]);
    std::vector<Sample> training(training_index.size());

    // Large networks do not belong on the stack: the copies, the scratch
    // memory and the optimizer's state live on the heap.
    auto ws = std::make_unique<workspace<Net>>();
    auto grads = std::make_unique<gradients<Net>>();
    auto state = std::make_unique<typename Optimizer::template state_type<Net>>();
    auto last_good = std::make_unique<Net>(net);
    std::unique_ptr<Net> best;
    double best_loss = 0;
    std::size_t best_epoch = 0;

    bool plain = false;
    if constexpr (std::is_same_v<Optimizer, sgd<T>>) plain = optimizer.weight_decay == T(0);

    fit_result result;
    for (std::size_t e = 0; e < options.epochs; ++e) {
        const std::size_t epoch = e + 1;
        shuffle(std::span{training_index}, shuffler);
        for (std::size_t i = 0; i < training_index.size(); ++i) training[i] = data[training_index[i]];
        const std::span<const Sample> batch_view{training};
        const T rate = static_cast<T>(options.schedule ? options.schedule(e) : options.rate);

        divergence diverged{};
        if (plain) {
            if (options.batch_size <= 1) train_online_epoch(net, *ws, batch_view, rate);
            else train_minibatch_epoch(net, *ws, *grads, batch_view, options.batch_size, rate);
        } else {
            diverged = train_epoch(net, *ws, *grads, optimizer, *state, batch_view,
                                   options.batch_size ? options.batch_size : 1, rate);
        }
        const double training_loss = detail::mean_quadratic_cost(net, batch_view);
        if (plain && (!is_finite(net) || !is_finite(training_loss))) {
            // Find the sample: the same epoch again, checked step by step.
            auto replay = std::make_unique<Net>(*last_good);
            if (options.batch_size <= 1) {
                diverged = train_online_epoch_checked(*replay, *ws, batch_view, rate);
            } else {
                for (std::size_t first = 0, b = 0; first < batch_view.size() && !diverged; first += options.batch_size, ++b) {
                    const auto batch = batch_view.subspan(first, std::min(options.batch_size, batch_view.size() - first));
                    for (std::size_t s = 0; s < batch.size() && !diverged; ++s)
                        if (!hanaprop::detail::sample_finite(batch[s])) diverged = {divergence::cause::input, b, first + s};
                    if (diverged) break;
                    train_minibatch(*replay, *ws, *grads, batch, rate);
                    if (!is_finite(*replay)) diverged = {divergence::cause::parameter, b, first};
                }
            }
        }
        if (diverged || !is_finite(training_loss)) {
            net = *last_good;
            const std::optional<std::size_t> sample =
                diverged ? std::optional<std::size_t>(training_index[diverged.sample]) : std::nullopt;
            throw training_diverged(detail::divergence_text(diverged, epoch, options.batch_size, sample), epoch,
                                    sample);
        }
        *last_good = net;

        epoch_report report;
        report.epoch = epoch;
        report.training_loss = training_loss;
        if (!validation.empty()) {
            report.validation_loss = detail::mean_quadratic_cost(net, std::span<const Sample>{validation});
            report.validation_accuracy = static_cast<double>(count_correct(net, std::span<const Sample>{validation})) /
                                         static_cast<double>(validation.size());
        }
        report.elapsed = std::chrono::steady_clock::now() - start;
        result.history.push_back(report);
        result.final_epoch = epoch;

        if (!options.checkpoint.empty() && options.checkpoint_every > 0 && epoch % options.checkpoint_every == 0)
            save_model(net, options.checkpoint);

        if (options.patience > 0) {
            if (!best || *report.validation_loss < best_loss) {
                if (!best) best = std::make_unique<Net>(net);
                else *best = net;
                best_loss = *report.validation_loss;
                best_epoch = epoch;
            } else if (epoch - best_epoch >= options.patience) {
                result.stopped_early = true;
            }
        }
        if (options.on_epoch && options.on_epoch(report) == fit_control::stop) result.stopped_by_callback = true;
        if (result.stopped_early || result.stopped_by_callback) break;
    }
    if (best && best_epoch != result.final_epoch) {
        net = *best;
        result.final_epoch = best_epoch;
    }
    return result;
}

} // namespace hanaprop::host
