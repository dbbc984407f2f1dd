// hanaprop/core/batch_size.hpp - the number of samples of a mini-batch, as
// a type of its own: train_minibatch_epoch(net, ws, grads, data, 3.0f, 10),
// the learning rate and the batch size swapped, would otherwise compile
// (3.0f becomes a batch of 3, 10 a rate of 10) and train badly in silence.
#pragma once

#include <concepts>
#include <cstddef>

namespace hanaprop {

namespace usage_error {

// Read the name as a sentence: "the batch size is float: did you swap it
// with the learning rate?"
template <class Given>
struct the_batch_size_is {
    struct did_you_swap_it_with_the_learning_rate;   // train_minibatch_epoch(net, ws, grads, data, batch_size, rate)
};

// A batch of 0 samples trains nothing, and a negative size is a mistake.
// Not constexpr, so that a constant batch size below 1 is a compile error
// that names it; at run time it stops the program (the core has no
// exceptions), which is better than an epoch that silently does nothing.
inline void a_batch_size_must_be_at_least_1() noexcept
{
    __builtin_trap();
}

} // namespace usage_error

struct batch_size {
    std::size_t value;

    // Any integer of at least 1, implicitly: train_minibatch_epoch(..., 10, 3.0f).
    template <std::integral I>
    constexpr batch_size(I samples) noexcept : value(static_cast<std::size_t>(samples))
    {
        if (!(samples > I(0))) usage_error::a_batch_size_must_be_at_least_1();
    }

    // A floating-point batch size is the rate in the wrong place: one error
    // that says so, instead of a silent conversion.
    template <std::floating_point F>
    constexpr batch_size(F) noexcept : value(0)
    {
        (void)typename usage_error::the_batch_size_is<F>::did_you_swap_it_with_the_learning_rate{};
    }
};

} // namespace hanaprop
