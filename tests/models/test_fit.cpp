// hanaprop/host/fit.hpp: seeded epochs, validation, early stopping with the
// best weights restored, the callback, checkpoints, divergence caught.
#include <cmath>
#include <filesystem>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/fit.hpp>
#include <hanaprop/host/model_file.hpp>

#include "../common/random_samples.hpp"
#include "scratch.hpp"

namespace {

using Net = hanaprop::network<7, 5, 3>;

// Three classes, each the largest of the first three inputs: learnable.
std::vector<hanaprop::sample_for<Net>> separable(std::size_t n, std::uint64_t seed)
{
    auto samples = hanaprop_tests::random_samples<Net>(n, seed);
    for (auto& s : samples) s.target = hanaprop::one_hot<float, 3>(hanaprop::argmax(std::array{s.input[0], s.input[1], s.input[2]}));
    return samples;
}

// Records a copy of the network after every epoch, from the callback.
struct recorder {
    const Net* net;
    std::vector<Net> after;   // after[e - 1]: the network after epoch e
    hanaprop::host::fit_control operator()(const hanaprop::host::epoch_report&)
    {
        after.push_back(*net);
        return hanaprop::host::fit_control::go_on;
    }
};

} // namespace

TEST_CASE("fit runs seeded epochs and reports each one", "[fit]")
{
    const auto data = separable(150, 1);
    auto net = hanaprop::random_network<Net>(2);
    auto again = net;
    hanaprop::host::fit_options options;
    options.epochs = 40;
    options.rate = 1.0;
    options.validation_fraction = 0.2;
    std::vector<std::size_t> seen;
    options.on_epoch = [&](const hanaprop::host::epoch_report& r) {
        seen.push_back(r.epoch);
        return hanaprop::host::fit_control::go_on;
    };
    const auto result = hanaprop::host::fit(net, data, options);
    REQUIRE(result.history.size() == 40);
    CHECK(seen.front() == 1);
    CHECK(seen.back() == 40);
    CHECK(result.final_epoch == 40);
    CHECK_FALSE(result.stopped_early);
    CHECK(result.history.back().training_loss < result.history.front().training_loss / 2);
    REQUIRE(result.history.back().validation_accuracy);
    CHECK(*result.history.back().validation_accuracy > 0.8);
    CHECK(*result.history.back().validation_loss > 0);
    for (std::size_t e = 1; e < 40; ++e) CHECK(result.history[e].elapsed >= result.history[e - 1].elapsed);

    // The same seed, the same network; another seed, another one.
    options.on_epoch = {};
    hanaprop::host::fit(again, data, options);
    CHECK(again == net);
    auto other = hanaprop::random_network<Net>(2);
    options.seed = 2;
    hanaprop::host::fit(other, data, options);
    CHECK_FALSE(other == net);

    // The training loss is the mean quadratic cost of the 120 training samples.
    CHECK(result.history.back().training_loss < 0.2);
}

TEST_CASE("fit with mini-batches and an optimizer", "[fit]")
{
    const auto data = separable(150, 3);
    auto net = hanaprop::random_network<Net>(4);
    hanaprop::host::fit_options options;
    options.epochs = 30;
    options.batch_size = 10;
    options.schedule = hanaprop::cosine_decay<double>{0.05, 0.005, 30};
    options.validation_fraction = 0.2;
    const auto result = hanaprop::host::fit(net, data, options, hanaprop::adam<float>{});
    CHECK(*result.history.back().validation_accuracy > 0.8);
    CHECK(result.history.back().training_loss < result.history.front().training_loss);
}

TEST_CASE("early stopping restores the weights of the best validation epoch", "[fit]")
{
    // Random labels: nothing to learn, so the validation loss soon rises.
    const auto data = hanaprop_tests::random_samples<Net>(60, 5);
    auto net = hanaprop::random_network<Net>(6);
    recorder record{&net, {}};
    hanaprop::host::fit_options options;
    options.epochs = 500;
    options.rate = 3.0;
    options.validation_fraction = 0.3;
    options.patience = 4;
    options.on_epoch = std::ref(record);
    const auto result = hanaprop::host::fit(net, data, options);
    REQUIRE(result.stopped_early);
    std::size_t best = 0;
    for (std::size_t e = 0; e < result.history.size(); ++e)
        if (*result.history[e].validation_loss < *result.history[best].validation_loss) best = e;
    CHECK(result.history.size() == best + 1 + 4);
    CHECK(result.final_epoch == best + 1);
    CHECK(net == record.after[best]);
    CHECK_FALSE(net == record.after.back());

    CHECK_THROWS_WITH(hanaprop::host::fit(net, data, hanaprop::host::fit_options{.patience = 3}),
                      "hanaprop::host::fit: early stopping (patience > 0) needs a validation split");
    CHECK_THROWS_WITH(hanaprop::host::fit(net, data, hanaprop::host::fit_options{.validation_fraction = 1.0}),
                      "hanaprop::host::fit: validation_fraction must be in [0, 1)");
}

TEST_CASE("the callback can stop training, and checkpoints hold the epoch they were taken at", "[fit]")
{
    hanaprop_tests::scratch_dir dir("fit_checkpoint");
    const auto data = separable(50, 7);
    auto net = hanaprop::random_network<Net>(8);
    recorder record{&net, {}};
    hanaprop::host::fit_options options;
    options.epochs = 20;
    options.checkpoint = dir / "net.hnp";
    options.checkpoint_every = 2;
    options.on_epoch = [&](const hanaprop::host::epoch_report& r) {
        record(r);
        return r.epoch == 5 ? hanaprop::host::fit_control::stop : hanaprop::host::fit_control::go_on;
    };
    const auto result = hanaprop::host::fit(net, data, options);
    CHECK(result.stopped_by_callback);
    CHECK(result.history.size() == 5);
    CHECK(net == record.after[4]);
    Net saved{};
    hanaprop::host::load_model(saved, dir / "net.hnp");
    CHECK(saved == record.after[3]);   // epoch 4: the last multiple of 2
}

TEST_CASE("a NaN in the data stops fit at its sample, with the network as before the epoch", "[fit][divergence]")
{
    auto data = separable(60, 9);
    data[17].input[4] = std::numeric_limits<float>::quiet_NaN();
    const auto start = hanaprop::random_network<Net>(10);
    for (std::size_t batch : {1, 8}) {
        auto net = start;
        hanaprop::host::fit_options options;
        options.batch_size = batch;
        try {
            hanaprop::host::fit(net, data, options);
            FAIL("fit trained on a NaN");
        } catch (const hanaprop::host::training_diverged& e) {
            CHECK(e.epoch() == 1);
            CHECK(e.sample() == 17);
            CHECK_THAT(e.what(), Catch::Matches("hanaprop::host::fit: training diverged in epoch 1, at sample 17 of the "
                                                "data( \\(batch [0-9]+ of the epoch\\))?: its input or target is "
                                                "NaN or infinite; the network is as it was before training"));
            CHECK((std::string(e.what()).find("(batch ") != std::string::npos) == (batch > 1));
        }
        CHECK(net == start);
    }
}

TEST_CASE("a rate that blows up stops fit, with the network of the last good epoch", "[fit][divergence]")
{
    const auto data = separable(60, 11);
    const auto start = hanaprop::random_network<Net>(12);
    // Three epochs at 0.5, then 1e6: with L2 decay every step multiplies
    // the weights by about 1 - 1e6 * 0.01.
    hanaprop::host::fit_options options;
    options.epochs = 10;
    options.batch_size = 4;
    options.schedule = [](std::size_t epoch) { return epoch < 3 ? 0.5 : 1e6; };
    const hanaprop::momentum<float> optimizer{.coefficient = 0.5f, .weight_decay = 0.01f};

    auto good = start;
    auto three = options;
    three.epochs = 3;
    hanaprop::host::fit(good, data, three, optimizer);

    auto net = start;
    try {
        hanaprop::host::fit(net, data, options, optimizer);
        FAIL("fit did not notice the divergence");
    } catch (const hanaprop::host::training_diverged& e) {
        CHECK(e.epoch() == 4);
        REQUIRE(e.sample());
        CHECK(*e.sample() < 60);
        CHECK_THAT(e.what(), Catch::Matches("hanaprop::host::fit: training diverged in epoch 4, at sample [0-9]+ of the "
                                            "data \\(batch [0-9]+ of the epoch\\): a weight or bias became NaN or "
                                            "infinite; the network is as it was after epoch 3"));
    }
    CHECK(net == good);

    // Plain SGD at a rate of 1e6: the sigmoids saturate, the gradients
    // vanish, and every parameter stays finite; nothing to report.
    auto saturated = start;
    hanaprop::host::fit(saturated, data, hanaprop::host::fit_options{.epochs = 3, .rate = 1e6});
    CHECK(hanaprop::is_finite(saturated));
}
