// 784-1000-1000-10 floats with their workspace and gradients as locals:
// 14.4 MB on a stack of 8 MB, which crashes with SIGSEGV when it runs.
// -Wframe-larger-than=1048576 (g++ and clang) warns at the function that
// does it; with -Werror, as here, it does not compile. The twin keeps the
// same objects in hanaprop::static_storage and fills the network in place.
// first-error: frame size.*(larger than|exceeds limit).*1048576
#include <array>
#include <hanaprop/hanaprop.hpp>

using big_net = hanaprop::network<784, 1000, 1000, 10>;

int main()
{
#ifdef HANAPROP_MUST_FAIL
    big_net net = hanaprop::random_network<big_net>(1);
    hanaprop::workspace<big_net> ws;
    hanaprop::gradients<big_net> grads;
#else
    auto& [net, ws, grads] = hanaprop::static_storage<hanaprop::training_memory<big_net>>;
    hanaprop::randomize(net, 1);   // in place: net = random_network(...) would copy through the stack
#endif
    static std::array<hanaprop::sample_for<big_net>, 2> data{};
    hanaprop::train_minibatch_epoch(net, ws, grads, data, 2, 3.0f);
    return net.layer<2>().biases[3] > 0;
}
