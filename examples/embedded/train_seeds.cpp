// train_seeds.cpp - the host half of the seeds firmware: trains the 7-5-3
// wheat-seeds network on the build machine and writes it, with the data,
// as C++ headers that the firmware compiles in.
//
//   train_seeds wheat-seeds.csv OUTDIR
// writes OUTDIR/seeds_net.hpp  (the trained network: hanaprop::host::export_header)
//        OUTDIR/seeds_relu_net.hpp (the same task with a ReLU hidden layer and
//                               a softmax output: a layered_network)
//        OUTDIR/seeds_data.hpp (the 210 normalised rows, their classes, and
//                               what this host predicts for each row, in float
//                               and in Q4.11 fixed point)
// The firmware classifies every row again on the Cortex-M and passes only
// if its predictions equal the host's.
#include <array>
#include <filesystem>
#include <iostream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <hanaprop/core/fixed.hpp>
#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/atomic_file.hpp>
#include <hanaprop/host/csv.hpp>
#include <hanaprop/host/export_header.hpp>

#include "seeds_fixed_training.hpp"

namespace {

using net_t = hanaprop::network<7, 5, 3>;
// Q4.11 in 16 bits, range [-16, 16): the trained weights reach about +-14,
// which Q3.12 (range [-8, 8)) would clip.
using fixed_t = hanaprop::fixed<16, 11>;
using q12 = hanaprop::fixed<16, 12>;
// The same 7-5-3 shape with the layered_network's activations: a ReLU
// hidden layer and a softmax output (so the cross-entropy loss).
using relu_net_t = hanaprop::layered_network<float, hanaprop::input<7>, hanaprop::dense<5, hanaprop::activation::relu>,
                                             hanaprop::dense<3, hanaprop::activation::softmax>>;
// Its fixed-point format: Q5.10, range [-32, 32). A ReLU's output is not
// bounded by 1 as a sigmoid's is, and the output layer's sums reach past
// 16: in Q4.11 they saturate and the network classifies 150/210 rows
// right; in Q5.10 (and Q6.9, Q7.8, Q15.16) it matches float.
using relu_fixed_t = hanaprop::fixed<16, 10>;

struct row {
    std::array<float, 7> features;
    int label;   // 0, 1, 2 for the file's classes 1, 2, 3
};

// The project's CSV reader (hanaprop/host/csv.hpp): 7 features and the
// class 1..3 a line; any problem throws a csv_error that main prints,
// "file:line:column: problem".
std::vector<row> read_seeds(const std::string& path)
{
    std::vector<row> rows;
    std::size_t line = 0;
    for (const auto& r : hanaprop::host::read_labelled_csv<float, 7>(path)) {
        ++line;
        if (r.label < 1 || r.label > 3)
            throw std::runtime_error(path + ":" + std::to_string(line) + ": the class must be 1, 2 or 3");
        rows.push_back({r.features, static_cast<int>(r.label) - 1});
    }
    return rows;
}

// Min-max normalisation of every column to [0, 1], over the whole file, as
// the tutorial does (hanaprop/core/preprocessing.hpp).
void normalise(std::vector<row>& rows)
{
    const auto scale = hanaprop::fit_min_max(rows, [](const row& r) -> const auto& { return r.features; });
    for (auto& r : rows) r.features = scale(r.features);
}

template <class T, std::size_t N>
std::string float_list(const std::array<T, N>& values)
{
    std::string text;
    for (std::size_t i = 0; i < N; ++i) text += (i ? ", " : "") + hanaprop::host::detail::hex_float_literal(values[i]);
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: train_seeds wheat-seeds.csv OUTDIR\n";
        return 2;
    }
    try {
        auto rows = read_seeds(argv[1]);
        if (rows.size() != 210) throw std::runtime_error(std::string(argv[1]) + ": expected 210 rows");
        normalise(rows);

        std::vector<hanaprop::sample_for<net_t>> samples;
        for (const auto& r : rows) samples.push_back({r.features, hanaprop::one_hot<float, 3>(std::size_t(r.label))});

        // The tutorial's settings: online SGD, rate 0.3, 500 epochs; the
        // samples are shuffled before every epoch (PCG32, fixed seed).
        auto net = hanaprop::random_network<net_t>(1);
        hanaprop::workspace<net_t> ws;
        hanaprop::pcg32 generator{2};
        for (int epoch = 0; epoch < 500; ++epoch) {
            hanaprop::shuffle(std::span(samples), generator);
            hanaprop::train_online_epoch(net, ws, std::span<const hanaprop::sample_for<net_t>>(samples), 0.3f);
        }

        // The ReLU-softmax network: the same samples, initial seed, shuffling
        // and epochs, at rate 0.1 (203/210 rows right on this host).
        constexpr float relu_rate = 0.1f;
        auto relu_net = hanaprop::random_network<relu_net_t>(1);
        {
            std::vector<hanaprop::sample_for<relu_net_t>> relu_samples;
            for (const auto& r : rows)
                relu_samples.push_back({r.features, hanaprop::one_hot<float, 3>(std::size_t(r.label))});
            hanaprop::workspace<relu_net_t> relu_ws;
            hanaprop::pcg32 relu_generator{2};
            for (int epoch = 0; epoch < 500; ++epoch) {
                hanaprop::shuffle(std::span(relu_samples), relu_generator);
                hanaprop::train_online_epoch(relu_net, relu_ws,
                                       std::span<const hanaprop::sample_for<relu_net_t>>(relu_samples), relu_rate);
            }
        }
        const auto relu_fixed_net = hanaprop::network_cast<relu_fixed_t>(relu_net);

        const auto fixed_net = hanaprop::network_cast<fixed_t>(net);
        const auto q12_net = hanaprop::network_cast<q12>(net);   // for comparison only
        std::string predicted, fixed_predicted, labels, inputs, relu_predicted, relu_fixed_predicted;
        int correct = 0, fixed_correct = 0, q12_correct = 0, relu_correct = 0, relu_fixed_correct = 0;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const auto p = hanaprop::argmax(net.predict(rows[k].features));
            const auto q = hanaprop::argmax(fixed_net.predict(hanaprop::array_cast<fixed_t>(rows[k].features)));
            correct += int(p) == rows[k].label;
            fixed_correct += int(q) == rows[k].label;
            q12_correct += int(hanaprop::argmax(q12_net.predict(hanaprop::array_cast<q12>(rows[k].features)))) ==
                           rows[k].label;
            const auto rp = hanaprop::argmax(relu_net.predict(rows[k].features));
            const auto rq = hanaprop::argmax(relu_fixed_net.predict(hanaprop::array_cast<relu_fixed_t>(rows[k].features)));
            relu_correct += int(rp) == rows[k].label;
            relu_fixed_correct += int(rq) == rows[k].label;
            const char* sep = k ? ", " : "";
            predicted += sep + std::to_string(p);
            relu_predicted += sep + std::to_string(rp);
            relu_fixed_predicted += sep + std::to_string(rq);
            fixed_predicted += sep + std::to_string(q);
            labels += sep + std::to_string(rows[k].label);
            inputs += "    {{" + float_list(rows[k].features) + "}},\n";
        }
        // The probe row of the minimal firmware: the one the network is least
        // sure about (smallest largest output), so that its outputs are not
        // all saturated at 0 or 1 and a wrong inference cannot pass.
        std::size_t probe = 0;
        float least = 2;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const auto y = net.predict(rows[k].features);
            const float top = y[hanaprop::argmax(y)];
            if (top < least) {
                least = top;
                probe = k;
            }
        }
        std::size_t relu_probe = 0;
        least = 2;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const auto y = relu_net.predict(rows[k].features);
            const float top = y[hanaprop::argmax(y)];
            if (top < least) {
                least = top;
                relu_probe = k;
            }
        }
        const auto relu_y0 = relu_net.predict(rows[relu_probe].features);
        const auto relu_q0 = relu_fixed_net.predict(hanaprop::array_cast<relu_fixed_t>(rows[relu_probe].features));
        const auto y0 = net.predict(rows[probe].features);
        const auto q0 = fixed_net.predict(hanaprop::array_cast<fixed_t>(rows[probe].features));

        // What the firmware fw_train_seeds_fixed must reproduce on the target.
        std::vector<seeds_fixed::sample_t> fixed_samples;
        for (const auto& r : rows)
            fixed_samples.push_back({hanaprop::array_cast<seeds_fixed::value_t>(r.features),
                                     hanaprop::array_cast<seeds_fixed::value_t>(
                                         hanaprop::one_hot<float, 3>(std::size_t(r.label)))});
        if (fixed_samples.size() != 210) throw std::runtime_error("expected 210 rows");
        std::array<std::uint8_t, 210> order{};
        const auto fixed_trained =
            seeds_fixed::train(std::span<const seeds_fixed::sample_t, 210>(fixed_samples.data(), 210), std::span(order));
        const auto fixed_train_correct = hanaprop::count_correct(
            fixed_trained, std::span<const seeds_fixed::sample_t>(fixed_samples.data(), fixed_samples.size()));

        const std::filesystem::path dir = argv[2];
        hanaprop::host::export_header(dir / "seeds_net.hpp", net, "seeds_net");
        hanaprop::host::export_header(dir / "seeds_relu_net.hpp", relu_net, "seeds_relu_net");

        std::ostringstream data;
        data << "// seeds_data.hpp - generated by train_seeds.cpp: the 210 rows of\n"
             << "// wheat-seeds.csv, min-max normalised, and the host's results on them.\n"
             << "#pragma once\n\n#include <array>\n#include <cstdint>\n\n"
             << "inline constexpr std::size_t seeds_rows = " << rows.size() << ";\n"
             << "inline constexpr std::array<std::array<float, 7>, seeds_rows> seeds_inputs{{\n" << inputs << "}};\n"
             << "// The true class of each row (0, 1, 2 for Kama, Rosa, Canadian).\n"
             << "inline constexpr std::array<std::uint8_t, seeds_rows> seeds_labels{{" << labels << "}};\n"
             << "// The class the host's float network predicts for each row, and how many are right.\n"
             << "inline constexpr std::array<std::uint8_t, seeds_rows> seeds_host_predictions{{" << predicted << "}};\n"
             << "inline constexpr int seeds_host_correct = " << correct << ";\n"
             << "// The same with the network converted to Q4.11 (hanaprop::fixed<16, 11>).\n"
             << "inline constexpr std::array<std::uint8_t, seeds_rows> seeds_host_fixed_predictions{{" << fixed_predicted
             << "}};\n"
             << "inline constexpr int seeds_host_fixed_correct = " << fixed_correct << ";\n"
             << "// The probe row (the one the network is least sure about) and the host's\n"
             << "// outputs for it (float, and Q4.11 raw values: 2048 = 1.0).\n"
             << "inline constexpr std::size_t seeds_probe_index = " << probe << ";\n"
             << "inline constexpr std::array<float, 7> seeds_probe{" << float_list(rows[probe].features) << "};\n"
             << "inline constexpr std::array<float, 3> seeds_probe_outputs{" << float_list(y0) << "};\n"
             << "inline constexpr std::array<std::int16_t, 3> seeds_probe_fixed_outputs{" << q0[0].raw << ", "
             << q0[1].raw << ", " << q0[2].raw << "};\n"
             << "// Training in Q4.11 (seeds_fixed_training.hpp): rows right after training, and\n"
             << "// a checksum of the trained parameters.\n"
             << "inline constexpr int seeds_host_fixed_train_correct = " << fixed_train_correct << ";\n"
             << "inline constexpr std::uint32_t seeds_host_fixed_train_checksum = "
             << seeds_fixed::checksum(fixed_trained) << "u;\n"
             << "// The ReLU-softmax network (seeds_relu_net.hpp): the host's predicted classes\n"
             << "// in float and in Q5.10, how many are right, its probe row and outputs\n"
             << "// (Q5.10 raw values: 1024 = 1.0).\n"
             << "inline constexpr std::array<std::uint8_t, seeds_rows> seeds_relu_host_predictions{{" << relu_predicted
             << "}};\n"
             << "inline constexpr int seeds_relu_host_correct = " << relu_correct << ";\n"
             << "inline constexpr std::array<std::uint8_t, seeds_rows> seeds_relu_host_fixed_predictions{{"
             << relu_fixed_predicted << "}};\n"
             << "inline constexpr int seeds_relu_host_fixed_correct = " << relu_fixed_correct << ";\n"
             << "inline constexpr std::size_t seeds_relu_probe_index = " << relu_probe << ";\n"
             << "inline constexpr std::array<float, 7> seeds_relu_probe{" << float_list(rows[relu_probe].features)
             << "};\n"
             << "inline constexpr std::array<float, 3> seeds_relu_probe_outputs{" << float_list(relu_y0) << "};\n"
             << "inline constexpr std::array<std::int16_t, 3> seeds_relu_probe_fixed_outputs{" << relu_q0[0].raw
             << ", " << relu_q0[1].raw << ", " << relu_q0[2].raw << "};\n";
        hanaprop::host::write_file_atomically(dir / "seeds_data.hpp", data.view());

        // A network that did not learn is no firmware test: the tutorial's
        // network scores 93% in cross-validation, above 95% on its training set.
        if (correct * 100 < 90 * static_cast<int>(rows.size()))
            throw std::runtime_error("the trained network classifies only " + std::to_string(correct) +
                                     " of the rows right (below 90%)");
        if (relu_correct * 100 < 90 * static_cast<int>(rows.size()))
            throw std::runtime_error("the trained ReLU-softmax network classifies only " +
                                     std::to_string(relu_correct) + " of the rows right (below 90%)");

        std::cout << "trained 7-5-3 on " << rows.size() << " rows: float " << correct << "/210 right, Q4.11 "
                  << fixed_correct << "/210, Q3.12 " << q12_correct << "/210; trained in Q4.11 ("
                  << seeds_fixed::epochs << " epochs): " << fixed_train_correct << "/210; ReLU-softmax 7-5-3: float "
                  << relu_correct << "/210, Q5.10 " << relu_fixed_correct << "/210\n";
    } catch (const std::exception& e) {
        std::cerr << "train_seeds: " << e.what() << '\n';
        return 1;
    }
}
