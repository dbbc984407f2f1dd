// The tutorial's exact port (examples/advanced/seeds/) against the tutorial's own
// intermediate values (tutorial_trace.hpp): the folds, every initial and
// final weight of every fold, the sum-squared error along the way and the
// predictions, all bit for bit; then the two published score lists.
#include <catch2/catch.hpp>

#include <span>
#include <vector>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/cross_validation.hpp>
#include <hanaprop/core/preprocessing.hpp>
#include <hanaprop/host/csv.hpp>

#include "../../examples/advanced/seeds/python_random.hpp"
#include "../../examples/advanced/seeds/tutorial_network.hpp"
#include "tutorial_trace.hpp"

namespace {

// The weights in the tutorial's listing order: hidden neurons then output
// neurons, each neuron's weights then its bias.
std::vector<double> flat(const seeds::tutorial_params& net)
{
    std::vector<double> out;
    boost::hana::for_each(seeds::tutorial_params::layer_indices, [&](auto l) {
        const auto& layer = net.layer<decltype(l)::value>();
        for (std::size_t j = 0; j < layer.outputs; ++j) {
            out.insert(out.end(), layer.weights[j].begin(), layer.weights[j].end());
            out.push_back(layer.biases[j]);
        }
    });
    return out;
}

struct fold_record {
    std::vector<double> initial, final;
    std::vector<double> sse;   // epochs 0, 1, 2, 99, 499
};

// The whole tutorial run with a label order; records each fold.
hanaprop::fold_scores<16> run(const hanaprop::label_order<long, 3>& order, std::vector<fold_record>& record)
{
    const auto rows = hanaprop::host::read_labelled_csv<double, 7>(HANAPROP_SEEDS_DATA);
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; });
    std::vector<seeds::tutorial_sample> data;
    for (const auto& row : rows) data.push_back(hanaprop::make_sample(row.features, row.label, scaler, order));

    seeds::python_random random{1};
    const auto split = hanaprop::tutorial_split<210>(data.size(), 5, random);
    std::vector<seeds::tutorial_sample> scratch(data.size());
    return hanaprop::cross_validate(std::span<const seeds::tutorial_sample>(data), split,
                                    std::span<seeds::tutorial_sample>(scratch),
                                    [&](std::span<const seeds::tutorial_sample> rows, std::size_t) {
                                        fold_record r;
                                        auto net = seeds::tutorial_network::initialize(random);
                                        r.initial = flat(net.net);
                                        for (int epoch = 0; epoch < 500; ++epoch) {
                                            const double sse = net.train_epoch(rows, 0.3);
                                            if (epoch <= 2 || epoch == 99 || epoch == 499) r.sse.push_back(sse);
                                        }
                                        r.final = flat(net.net);
                                        record.push_back(r);
                                        return net;
                                    });
}

} // namespace

TEST_CASE("the tutorial's run, step by step against its trace (label order 1, 2, 3)", "[tutorial]")
{
    std::vector<fold_record> record;
    const auto scores = run({{1, 2, 3}}, record);
    REQUIRE(record.size() == 5);
    for (std::size_t f = 0; f < 5; ++f) {
        INFO("fold " << f);
        const auto& expected = trace::folds[f];
        CHECK(record[f].initial == std::vector<double>(expected.initial_weights.begin(), expected.initial_weights.end()));
        CHECK(record[f].sse == std::vector<double>(expected.sse.begin(), expected.sse.end()));
        // 500 epochs of 168 updates, and still equal to the last bit.
        CHECK(record[f].final == std::vector<double>(expected.final_weights.begin(), expected.final_weights.end()));
        CHECK(scores.accuracy[f] == expected.accuracy);
    }
    // The list the tutorial's algorithm prints with this label order.
    CHECK(scores.accuracy[0] == Approx(90.476).margin(5e-4));
    CHECK(scores.accuracy[1] == Approx(92.857).margin(5e-4));
    CHECK(scores.accuracy[2] == Approx(97.619).margin(5e-4));
    CHECK(scores.accuracy[3] == Approx(92.857).margin(5e-4));
    CHECK(scores.accuracy[4] == Approx(92.857).margin(5e-4));
    CHECK(scores.mean() == Approx(93.333).margin(5e-4));
}

TEST_CASE("the tutorial's published scores (label order 2, 1, 3)", "[tutorial]")
{
    std::vector<fold_record> record;
    const auto scores = run({{2, 1, 3}}, record);
    REQUIRE(scores.folds == 5);
    // Scores: [92.857, 92.857, 97.619, 92.857, 90.476]: 39, 39, 41, 39, 38 of 42 right.
    CHECK(scores.accuracy[0] == 39.0 / 42 * 100.0);
    CHECK(scores.accuracy[1] == 39.0 / 42 * 100.0);
    CHECK(scores.accuracy[2] == 41.0 / 42 * 100.0);
    CHECK(scores.accuracy[3] == 39.0 / 42 * 100.0);
    CHECK(scores.accuracy[4] == 38.0 / 42 * 100.0);
    CHECK(scores.mean() == Approx(93.333).margin(5e-4));
}
