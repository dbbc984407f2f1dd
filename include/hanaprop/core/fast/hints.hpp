// hanaprop/core/fast/hints.hpp - what the tuned loops tell each compiler:
// which loops to unroll or vectorise, which functions and lambdas to
// inline, per compiler and per kind of build. Attributes and pragmas
// only: the same loops compute the same sums without them, only slower
// (or larger, in a build for size).
#pragma once

// A build for size (-Os, -Oz) on a target without vector registers
// (Cortex-M), as firmware is, keeps the plain loops: the padded lanes,
// unrolled copies and the small-network column epoch would cost flash for
// no gain. Where vector registers exist, -Os runs the same code paths as
// -O2: there the plain loops meant one scalar exp per neuron, several
// times slower than one vector exp, which is a cliff, not a trade.
#if defined(__OPTIMIZE_SIZE__) && !defined(__SSE2__) && !defined(__ARM_NEON)
#define HANAPROP_PLAIN_LOOPS_FOR_SIZE 1
#endif

// Small layers (7-5-3): loops of fewer than 16 iterations are unrolled
// completely, so that g++ -O2 neither pays loop overhead per multiply-add
// nor leaves the sigmoids of a layer as one scalar exp per iteration (once
// unrolled, the SLP vectoriser packs them). Wider loops stay loops, and
// so do these where the build keeps plain loops.
#if defined(HANAPROP_PLAIN_LOOPS_FOR_SIZE)
#define HANAPROP_UNROLL_SMALL
#else
#define HANAPROP_UNROLL_SMALL _Pragma("GCC unroll 16")
#endif

// For short functions that a caller's loop gains from having inline (their
// constants hoisted, their results in registers), when g++'s inliner does
// not always see it: whether g++ inlined predict of a 7-5-3 network
// into a loop depended on what else the file instantiated, and the loop
// was slower without it. Not where a build for size keeps plain loops.
#if defined(HANAPROP_PLAIN_LOOPS_FOR_SIZE)
#define HANAPROP_INLINE_UNLESS_SIZE
#else
#define HANAPROP_INLINE_UNLESS_SIZE [[gnu::always_inline]]
#endif

// The two compilers keep a tile's accumulators in vector registers for
// different loop nests (checked in the assembly of g++ and clang):
// * g++ -O2 wants the loops over rows and samples outside the loop over
//   the partial sums, and unrolled (loop pragmas are allowed in constexpr
//   functions, unlike '#pragma omp simd' in clang);
// * clang wants the loop over the partial sums outside: it vectorises
//   that loop with the whole tile as its body; in the other order it unrolls
//   everything and leaves the accumulators in memory.
// Both orders compute every sum in the same order: same results.
#if defined(__GNUC__) && !defined(__clang__)
#define HANAPROP_UNROLL_FOR_GCC _Pragma("GCC unroll 16")
#else
#define HANAPROP_UNROLL_FOR_GCC
#endif
// g++ at -O2 on x86-64 schedules instructions only after register
// allocation, and then folds each input load of a forward tile into both
// FMAs that use it, so the tile waits on the load ports rather than on
// its FMAs. With its scheduler also run before allocation, and aware of
// register pressure, it loads each input once, into one of the registers
// left free (the same FMAs, so the same bits). For dot_tile only: the
// gradient tile compiled so is slower, and the column epoch
// (small_online_epoch) gains nothing. Not for clang, whose tiles have
// other limits (tile_step).
#if defined(__GNUC__) && !defined(__clang__)
#define HANAPROP_SCHEDULE_FOR_GCC , gnu::optimize("schedule-insns", "sched-pressure")
#else
#define HANAPROP_SCHEDULE_FOR_GCC
#endif
// The loops over a register tile's rows and samples, unrolled in every
// build (also -Os: tiles exist only in wide layers, never in firmware's
// small ones), so that each accumulator is a register of its own.
#define HANAPROP_UNROLL_TILE _Pragma("GCC unroll 16")
// clang vectorises the 8-iteration loop over a tile's partial sums only
// when told to (a loop hint like `GCC unroll`, allowed in constexpr): its cost
// model weighs one vector iteration against run-time overlap checks of the
// accumulators and the inputs. See tile_step for the checks.
#if defined(__clang__)
#define HANAPROP_VECTORIZE_FOR_CLANG _Pragma("clang loop vectorize(enable)")
#else
#define HANAPROP_VECTORIZE_FOR_CLANG
#endif

// [[gnu::always_inline]] for a lambda, written after its parameter list
// (a bracketed attribute there appertains to the lambda's type, and both
// compilers ignore it): for the loop bodies that must be inlined wherever
// their function is, as in the run-time copies (core/code_path.hpp).
#if defined(__GNUC__)
#define HANAPROP_INLINE_LAMBDA __attribute__((always_inline))
#else
#define HANAPROP_INLINE_LAMBDA
#endif

namespace hanaprop::fast {

// The choices above as constants, for `if constexpr`.
#if defined(HANAPROP_PLAIN_LOOPS_FOR_SIZE)
inline constexpr bool plain_loops_for_size = true;
#else
inline constexpr bool plain_loops_for_size = false;
#endif

#if defined(__GNUC__) && !defined(__clang__)
inline constexpr bool gcc_loop_order = true;
#else
inline constexpr bool gcc_loop_order = false;
#endif

} // namespace hanaprop::fast
