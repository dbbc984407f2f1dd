// Backpropagation's gradient against the five-point central difference
//   (8 (C(p+h) - C(p-h)) - (C(p+2h) - C(p-2h))) / 12h
// of a cost, for every weight and bias of a network: the check the
// gradient tests share.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <boost/hana/for_each.hpp>

#include <hanaprop/hanaprop.hpp>

namespace hanaprop_tests {

// The worst relative error |bp - fd| / max(|bp|, |fd|, 1e-8) over every
// parameter of `net`, whose backpropagated gradient is `grads`;
// cost_of(probe) is the cost of a copy of the network whose parameters
// are moved one at a time. Gradients below 1e-8 are compared absolutely
// (both sides are then rounding noise). `checked` counts the parameters.
template <class Net, class Cost>
double worst_gradient_error(const Net& net, const hanaprop::gradients<Net>& grads, double h, Cost&& cost_of,
                            std::size_t& checked)
{
    double worst = 0;
    checked = 0;
    Net probe = net;
    auto compare = [&](double backprop, double& parameter) {
        const double saved = parameter;
        auto cost_at = [&](double value) {
            parameter = value;
            return cost_of(probe);
        };
        const double near = cost_at(saved + h) - cost_at(saved - h);
        const double far = cost_at(saved + 2 * h) - cost_at(saved - 2 * h);
        parameter = saved;
        const double numeric = (8 * near - far) / (12 * h);
        const double scale = std::max({std::abs(backprop), std::abs(numeric), 1e-8});
        worst = std::max(worst, std::abs(backprop - numeric) / scale);
        ++checked;
    };
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        auto& layer = probe.template layer<L>();
        const auto& grad = grads.template layer<L>();
        for (std::size_t j = 0; j < layer.outputs; ++j) {
            for (std::size_t i = 0; i < layer.inputs; ++i) compare(grad.weights[j][i], layer.weights[j][i]);
            compare(grad.biases[j], layer.biases[j]);
        }
    });
    return worst;
}

} // namespace hanaprop_tests
