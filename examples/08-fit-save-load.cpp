// 08-fit-save-load.cpp - the 7-5-3 wheat-seeds network trained with hanaprop::host::fit,
// saved to a model file and loaded back: the host training loop and the
// model file in one short program.
//
//   08-fit-save-load [wheat-seeds.csv] [directory for the model file]
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/csv.hpp>
#include <hanaprop/host/fit.hpp>
#include <hanaprop/host/model_file.hpp>

#ifndef HANAPROP_SEEDS_DATA
#define HANAPROP_SEEDS_DATA "examples/data/wheat-seeds.csv"
#endif

using net_t = hanaprop::network<7, 5, 3>;

// Every bad file, the CSV file or the model file, ends up in main's one catch.
static int run(const std::string& csv, const std::filesystem::path& dir)
{
    // 210 rows of 7 measurements and a class (1, 2 or 3), min-max normalised.
    const auto rows = hanaprop::host::read_labelled_csv<float, 7>(csv);
    const auto scaler = hanaprop::fit_min_max(rows, [](const auto& r) -> const auto& { return r.features; });
    const hanaprop::label_order<long, 3> classes{{1, 2, 3}};
    std::vector<hanaprop::sample_for<net_t>> samples;
    for (const auto& row : rows) samples.push_back(hanaprop::make_sample(row.features, row.label, scaler, classes));

    // Online SGD at rate 0.3; a fifth of the rows held out; stop when the
    // validation loss has not improved for 25 epochs, with the best weights.
    auto net = hanaprop::random_network<net_t>(1);
    hanaprop::host::fit_options options;
    options.epochs = 1000;
    options.rate = 0.3;
    options.validation_fraction = 0.2;
    options.patience = 25;
    options.on_epoch = [](const hanaprop::host::epoch_report& r) {
        if (r.epoch % 50 == 0)
            std::printf("epoch %4zu: training loss %.4f, validation loss %.4f, accuracy %.1f%%\n", r.epoch,
                        r.training_loss, *r.validation_loss, 100 * *r.validation_accuracy);
        return hanaprop::host::fit_control::go_on;
    };
    const auto result = hanaprop::host::fit(net, samples, options);
    const auto& best = result.history[result.final_epoch - 1];
    std::printf("kept epoch %zu of %zu: validation accuracy %.1f%%\n", result.final_epoch, result.history.size(),
                100 * *best.validation_accuracy);

    // The model file round trip: the loaded network is the trained one, bit for bit.
    const auto model = dir / "seeds.hnp";
    hanaprop::host::save_model(net, model);
    net_t loaded{};
    hanaprop::host::load_model(loaded, model);
    std::filesystem::remove(model);

    const double accuracy = double(hanaprop::count_correct(loaded, std::span{samples})) / double(samples.size());
    std::printf("loaded model: %s, %.1f%% of all rows right\n", loaded == net ? "identical" : "DIFFERENT",
                100 * accuracy);
    // The test of this example asserts exit status 0.
    return loaded == net && *best.validation_accuracy >= 0.85 && accuracy >= 0.9 ? 0 : 1;
}

int main(int argc, char** argv)
{
    const std::string csv = argc > 1 ? argv[1] : HANAPROP_SEEDS_DATA;
    const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    try {
        return run(csv, dir);
    } catch (const hanaprop::host::file_error& e) {   // a csv_error or a model_file_error
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
