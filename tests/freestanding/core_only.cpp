// Instantiates every part of the core, for check_freestanding.py to compile
// with -fno-exceptions -fno-rtti and inspect: which headers it opened, and
// which symbols the object file needs from outside.
#include <hanaprop/hanaprop.hpp>

using small_net = hanaprop::network<7, 5, 3>;
using deep_net = hanaprop::basic_network<double, 40, 17, 1, 3>;
using fixed_net = hanaprop::basic_network<hanaprop::fixed<16, 11>, 7, 5, 3>;

template <class Net>
void exercise(Net& net, hanaprop::workspace<Net>& ws, hanaprop::gradients<Net>& grads,
              std::span<const hanaprop::sample_for<Net>> data, typename Net::output_type& out)
{
    net = hanaprop::random_network<Net>(1);
    hanaprop::train_online_epoch(net, ws, data, typename Net::value_type(0.3));
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 10, typename Net::value_type(3));
    out = net.predict(data[0].input);
    unsigned char model[hanaprop::model_size<Net>];
    hanaprop::save_model_bytes(net, model);
    if (!hanaprop::load_model_bytes(net, model)) out = {};
    using T = typename Net::value_type;
    if (hanaprop::train_online_epoch_checked(net, ws, data, T(0.3))) out = {};
    const hanaprop::momentum<T> opt{.coefficient = T(0.9), .nesterov = true};
    typename hanaprop::momentum<T>::template state_type<Net> state{};
    if (hanaprop::train_epoch(net, ws, grads, opt, state, data, 10, T(0.3))) out = {};
    if constexpr (std::is_floating_point_v<T>) {
        typename hanaprop::adam<T>::template state_type<Net> moments{};
        hanaprop::train_epoch(net, ws, grads, hanaprop::adam<T>{}, moments, data, 10, T(0.01));
    }
}

// extern "C" entry points keep the instantiations in the object file.
extern "C" void exercise_small(small_net& net, hanaprop::workspace<small_net>& ws,
                               hanaprop::gradients<small_net>& grads, const hanaprop::sample_for<small_net>* data,
                               std::size_t n, small_net::output_type& out)
{
    exercise(net, ws, grads, std::span{data, n}, out);
}

extern "C" void exercise_deep(deep_net& net, hanaprop::workspace<deep_net>& ws,
                              hanaprop::gradients<deep_net>& grads, const hanaprop::sample_for<deep_net>* data,
                              std::size_t n, deep_net::output_type& out)
{
    exercise(net, ws, grads, std::span{data, n}, out);
}

extern "C" void exercise_fixed(fixed_net& net, hanaprop::workspace<fixed_net>& ws,
                               hanaprop::gradients<fixed_net>& grads, const hanaprop::sample_for<fixed_net>* data,
                               std::size_t n, fixed_net::output_type& out)
{
    exercise(net, ws, grads, std::span{data, n}, out);
}
