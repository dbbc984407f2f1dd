// hanaprop/core/compile_time_training.hpp - training at compile time with
// any number of epochs, and a one-line error when the compiler's budget is
// too small.
//
// A compiler stops one constant evaluation after a fixed budget
// (-fconstexpr-steps= for clang, -fconstexpr-ops-limit= for g++), so a
// hand-written `constexpr` training loop is bounded by it, and past it
// clang's error is a long backtrace whose first line does not say why
// (docs/compile-time.md has the figures). Here the epochs are split into
// evaluations of a few epochs each (EpochsPerEvaluation, 1 by default).
// Each evaluation initialises a template argument of its own, so each
// gets a whole budget: the number of epochs is bounded only by the time
// and memory the compiler may use.
//
// Each evaluation is tried where a failure is not an error (the template
// argument of a return type: substitution failure), so the library knows
// exactly, without any estimate, when one does not fit. It then stops with
// one error whose first line is a sentence naming the mistake:
//   one_constant_evaluation_of<1000>::epochs_of<xor_training>::runs_past_the_compilers_step_limit
// The state between evaluations travels as its bytes (std::bit_cast to an
// array of integers: clang takes no floats as template arguments).
// The evaluations are instantiated in order by one array initialiser, so
// the template depth stays the same for any number of them.
//
// Training is a class with two static constexpr functions:
//   static constexpr State start();                    // e.g. random_network<Net>(seed)
//   static constexpr void epoch(State&);               // or epoch(State&, std::size_t epoch)
// State must be trivially copyable and have no padding: a network, or a
// struct of a network and a pcg32 for shuffling, say (a state with padding
// is its own error, the_state_of<Training>::is_not_plain_bytes_...,
// found by trying the start state first). Scratch memory
// (workspace, gradients) is better local to epoch(): it is not carried.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace hanaprop {

namespace compile_time_error {

// "one constant evaluation of 1000 epochs of xor_training runs past the
// compiler's step limit".
template <std::size_t EpochsPerEvaluation>
struct one_constant_evaluation_of {
    template <class Training>
    struct epochs_of {
        // Pass fewer epochs per evaluation (the third argument of
        // trained_at_compile_time), or raise the limit: -fconstexpr-steps=N
        // (clang, 1048576 by default), -fconstexpr-ops-limit=N (g++,
        // 33554432). A Training::epoch that is not a constant expression
        // (run it once in a constexpr variable to see why) ends here too.
        struct runs_past_the_compilers_step_limit;
    };
};

// "the state of shuffled_training is not plain bytes, or start is not
// constexpr".
template <class Training>
struct the_state_of {
    // The state crosses from one evaluation to the next as its bytes, which
    // a constant expression cannot read where a class has padding: fill the
    // gap with a member of your own (a network of floats followed by a
    // pcg32, say, needs a std::uint32_t between them when its size is not a
    // multiple of 8). Or Training::start() is not a constant expression.
    struct is_not_plain_bytes_or_start_is_not_constexpr;
};

}   // namespace compile_time_error

namespace detail::compile_time {

template <class Training>
using state_t = decltype(Training::start());

// A State as a template argument: its bytes, in words when it can.
template <class State>
struct state_bytes {
    using word = std::conditional_t<sizeof(State) % 4 == 0, std::uint32_t, unsigned char>;
    std::array<word, sizeof(State) / sizeof(word)> words;
};

template <auto Bytes>
struct fitted {
    static constexpr auto bytes = Bytes;
};
struct did_not_fit {};

// Whether Training::start() is a constant whose bytes can be read (no
// padding): tried first, so that such a state is not reported as a budget
// run out.
template <class Training>
auto try_start(int) -> std::bool_constant<(void(std::bit_cast<state_bytes<state_t<Training>>>(Training::start())), true)>;
template <class Training>
auto try_start(long) -> std::false_type;
template <class Training>
inline constexpr bool start_is_plain_bytes = decltype(try_start<Training>(0))::value;

template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
struct evaluation;

// Evaluation K: epochs [K * Per, min((K + 1) * Per, Epochs)) from the state
// evaluation K - 1 left.
template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
constexpr state_bytes<state_t<Training>> run_epochs()
{
    using State = state_t<Training>;
    State state = [] {
        if constexpr (K == 0)
            return Training::start();
        else
            return std::bit_cast<State>(evaluation<Training, Epochs, Per, K - 1>::type::bytes);
    }();
    constexpr std::size_t first = K * Per;
    constexpr std::size_t last = Epochs - first < Per ? Epochs : first + Per;
    for (std::size_t e = first; e < last; ++e) {
        if constexpr (requires { Training::epoch(state, e); })
            Training::epoch(state, e);
        else
            Training::epoch(state);
    }
    return std::bit_cast<state_bytes<State>>(state);
}

// fitted<bytes> if the evaluation is a constant expression, else did_not_fit.
template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
auto attempt(int) -> fitted<run_epochs<Training, Epochs, Per, K>()>;
template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
auto attempt(long) -> did_not_fit;

template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
struct evaluation {
    using type = decltype(attempt<Training, Epochs, Per, K>(0));
};
// After one that did not fit, the rest are not tried (each would spend a budget).
template <class Training, std::size_t Epochs, std::size_t Per, std::size_t K>
    requires(K > 0 && std::is_same_v<typename evaluation<Training, Epochs, Per, K - 1>::type, did_not_fit>)
struct evaluation<Training, Epochs, Per, K> {
    using type = did_not_fit;
};

template <class Training, std::size_t Epochs, std::size_t Per, std::size_t... K>
constexpr state_t<Training> train(std::index_sequence<K...>)
{
    using State = state_t<Training>;
    // In order, by an initialiser (a fold expression over more than 256
    // would hit clang's nesting limit): each one finds the one before
    // already done, so the instantiation depth does not grow with K.
    [[maybe_unused]] constexpr bool in_order[] = {
        std::is_same_v<typename evaluation<Training, Epochs, Per, K>::type, did_not_fit>...};
    using last = typename evaluation<Training, Epochs, Per, sizeof...(K) - 1>::type;
    if constexpr (std::is_same_v<last, did_not_fit>) {
        // Named only in decltype: the error is in the name, and this
        // function stays a constant expression, so no second error follows
        // from it (the result is the start state).
        using error [[maybe_unused]] = decltype(typename compile_time_error::one_constant_evaluation_of<
                                                Per>::template epochs_of<Training>::runs_past_the_compilers_step_limit{});
        return Training::start();
    } else {
        return std::bit_cast<State>(last::bytes);
    }
}

}   // namespace detail::compile_time

// The state Training::start() returns, after Epochs calls of
// Training::epoch, computed by the compiler in evaluations of at most
// EpochsPerEvaluation epochs each. The same bits as one constexpr loop.
template <class Training, std::size_t Epochs, std::size_t EpochsPerEvaluation = 1>
    requires(EpochsPerEvaluation > 0)
inline constexpr detail::compile_time::state_t<Training> trained_at_compile_time = [] {
    using State = detail::compile_time::state_t<Training>;
    static_assert(std::is_trivially_copyable_v<State>,
                  "trained_at_compile_time: Training::start() must return a trivially copyable state");
    if constexpr (Epochs == 0) {
        return Training::start();
    } else if constexpr (!detail::compile_time::start_is_plain_bytes<Training>) {
        using error [[maybe_unused]] = decltype(typename compile_time_error::the_state_of<
                                                Training>::is_not_plain_bytes_or_start_is_not_constexpr{});
        if constexpr (std::is_default_constructible_v<State>)
            return State{};
        else
            return Training::start();
    } else {
        return detail::compile_time::train<Training, Epochs, EpochsPerEvaluation>(
            std::make_index_sequence<(Epochs - 1) / EpochsPerEvaluation + 1>{});
    }
}();

}   // namespace hanaprop
