// hanaprop/core/code_path.hpp - which compiled copy of inference and
// training runs: the one for the build's flags, or a copy for AVX2 + FMA
// or AVX-512 chosen on the CPU the program runs on.
//
// A default build targets plain x86-64 (SSE2) so that its binary runs on
// every x86-64 CPU, and then leaves the wide registers of most CPUs unused.
// Where the compiler can build a second copy of a function for a wider
// target (g++ and clang on x86: `target` and `flatten` attributes) and ask
// the CPU what it has (`__builtin_cpu_supports`, which also checks that the
// OS saves the wide registers), predict, train_online_epoch and the
// mini-batch training functions pick the widest copy the CPU runs.
// Elsewhere (Arm, constant evaluation) nothing of this is compiled and the
// build's flags decide.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <hanaprop/core/fast/batch_kernels.hpp>

// HANAPROP_RUNTIME_DISPATCH: 1 where the copies are built; define it as 0
// to build only the code for the build's flags. A copy is fast only once
// everything in it is inlined: a function left out of line is compiled for
// the build's target. g++'s `flatten` inlines every level of calls below
// it, but stops at its inlining limits in large functions, and clang's
// inlines one level only; so every function a copy runs is also marked
// always_inline (tests/guards/check_copy_targets.py checks them). No
// copies in a build without optimisation: it would inline too little of
// them, and a call from a copy to the build's code passes wide vectors in
// a different way.
#if !defined(HANAPROP_RUNTIME_DISPATCH)
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__AVX512F__) && \
    defined(__OPTIMIZE__)
#define HANAPROP_RUNTIME_DISPATCH 1
#else
#define HANAPROP_RUNTIME_DISPATCH 0
#endif
#endif

// The targets of the copies, for the `target` attributes of the functions
// that run them and of their out-of-line kernels (fast/paths.hpp).
#define HANAPROP_AVX2_TARGET "avx2,fma"
#define HANAPROP_AVX512_TARGET "avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"

namespace hanaprop {

// The last argument of predict, train_online_epoch, train_minibatch and
// train_minibatch_epoch:
// `automatic` (the default) takes the widest copy this CPU runs; another
// value forces that copy, and falls back to the build's when this CPU or
// this build lacks it (runs_on tells).
enum class code_path : unsigned char { automatic, build_flags, avx2_fma, avx512 };

constexpr const char* name_of(code_path path) noexcept
{
    switch (path) {
    case code_path::automatic: return "automatic";
    case code_path::build_flags: return "build flags";
    case code_path::avx2_fma: return "avx2+fma";
    case code_path::avx512: return "avx-512";
    }
    return "?";
}

namespace detail {
// Whether this build has the copy for AVX2 + FMA: not where its own code
// has them already (-march=x86-64-v3, say), since it would be the build's
// code behind a call; it is not compiled there either.
#if HANAPROP_RUNTIME_DISPATCH && !(defined(__AVX2__) && defined(__FMA__))
inline constexpr bool builds_avx2_copy = true;
#else
inline constexpr bool builds_avx2_copy = false;
#endif
} // namespace detail

// Whether `path` exists in this build and runs on this CPU.
inline bool runs_on(code_path path) noexcept
{
    switch (path) {
    case code_path::automatic:
    case code_path::build_flags: return true;
#if HANAPROP_RUNTIME_DISPATCH
    case code_path::avx2_fma:
        return detail::builds_avx2_copy && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case code_path::avx512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    case code_path::avx2_fma:
    case code_path::avx512: return false;
#endif
    }
    return false;
}

namespace detail {

#if HANAPROP_RUNTIME_DISPATCH
// The widest copy this CPU runs, asked once and kept: predict of a small
// network takes a few nanoseconds, and six CPU checks per call would be a
// real share of it. Kept in a variable that starts as `automatic` (not
// asked yet), so that no static initialiser runs in every program that
// includes this, and read and written atomically (g++'s builtins:
// <atomic> would bring <string> into the core); threads that ask at the
// same time all find the same answer.
inline std::underlying_type_t<code_path> widest_copy_found = 0;   // automatic

inline code_path widest_copy() noexcept
{
    auto found = static_cast<code_path>(__atomic_load_n(&widest_copy_found, __ATOMIC_RELAXED));
    if (found == code_path::automatic) [[unlikely]] {
        __builtin_cpu_init();   // for a static initialiser that runs before the C library's
        found = runs_on(code_path::avx512)     ? code_path::avx512
                : runs_on(code_path::avx2_fma) ? code_path::avx2_fma
                                               : code_path::build_flags;
        __atomic_store_n(&widest_copy_found, static_cast<std::underlying_type_t<code_path>>(found), __ATOMIC_RELAXED);
    }
    return found;
}
#endif

} // namespace detail

// The copy that `path` resolves to here: for `automatic`, the widest
// one this CPU runs.
inline code_path resolve(code_path path) noexcept
{
    if (path == code_path::automatic) {
#if HANAPROP_RUNTIME_DISPATCH
        return detail::widest_copy();
#else
        return code_path::build_flags;
#endif
    }
    return runs_on(path) ? path : code_path::build_flags;
}

namespace detail {

#if HANAPROP_RUNTIME_DISPATCH
// A run-time copy, named by its vector width: the functions compiled for
// its target. `run(train)` compiles train(tiles) again for that target:
// everything it calls is inlined into it (`flatten`, and the forced
// inlining above), so the core's loops are compiled afresh inside. The
// tiles are named because __AVX__ is not defined in there, and are inlined
// ones because `flatten` stops at a call that must stay out of line.
// `call_out_of_line` is fast/paths.hpp's out-of-line kernel for layers of
// a shared type, for this copy: a call from the copy to the build's would
// run SSE2 code with the copy's tiles. A macro writes both widths, since
// `target` takes a string literal.
template <std::size_t VectorBytes>
struct compiled_copy;

#define HANAPROP_COMPILED_COPY(BYTES, TARGET)                                                   \
    template <>                                                                                 \
    struct compiled_copy<BYTES> {                                                               \
        using tiles = fast::batch_tiles<BYTES / sizeof(float), false, true>;                    \
                                                                                                \
        template <class Train>                                                                  \
        [[gnu::target(TARGET), gnu::flatten]] static auto run(Train& train)                     \
        {                                                                                       \
            return train(tiles{});                                                              \
        }                                                                                       \
                                                                                                \
        template <class Kernel, class... Args>                                                  \
        [[gnu::noinline, gnu::target(TARGET), gnu::flatten]] static void call_out_of_line(      \
            Kernel kernel, Args&&... args) noexcept                                             \
        {                                                                                       \
            kernel(std::forward<Args>(args)...);                                                \
        }                                                                                       \
    };
HANAPROP_COMPILED_COPY(32, HANAPROP_AVX2_TARGET)
HANAPROP_COMPILED_COPY(64, HANAPROP_AVX512_TARGET)
#undef HANAPROP_COMPILED_COPY
#endif

// Runs train(tiles) on the copy `resolved` names (a value of resolve(),
// which a caller that runs many steps asks once); false (and nothing
// run) for the build's own copy, which the caller runs inline, and for
// networks of values other than float, which have no copies.
// tiles::vector_bytes is the copy's vector width.
template <class Net, class Train>
bool run_on_wider_copy([[maybe_unused]] code_path resolved, [[maybe_unused]] Train& train)
{
#if HANAPROP_RUNTIME_DISPATCH
    if constexpr (std::is_same_v<typename Net::value_type, float>) {
        switch (resolved) {
        case code_path::avx512: compiled_copy<64>::run(train); return true;
        case code_path::avx2_fma:
            if constexpr (builds_avx2_copy) {
                compiled_copy<32>::run(train);
                return true;
            }
            break;
        default: break;
        }
    }
#endif
    return false;
}

// Whether this build has a copy of Net's predict and small-network online
// epoch. They have one, for AVX2 + FMA: their vectors are 4 or 8 floats
// wide, so AVX-512 adds nothing to them. A constant, for the callers'
// `if constexpr`, so that the copy is not compiled where it is not used.
template <class Net>
inline constexpr bool has_avx2_copy = builds_avx2_copy && std::is_same_v<typename Net::value_type, float>;

// Whether that copy runs for `path` (`avx512` runs it too).
inline bool takes_avx2_copy(code_path path) noexcept
{
    const code_path copy = resolve(path);
    return copy == code_path::avx2_fma || copy == code_path::avx512;
}

#if HANAPROP_RUNTIME_DISPATCH
// run(tiles) compiled for AVX2 + FMA, as compiled_copy<32>::run, for a
// `run` that only reads memory and returns its result (predict). `pure`
// says so to the caller's compiler: otherwise the call, in the caller's
// loop, might write anything, and the build's own code on the other branch
// would load every weight again in each iteration instead of keeping them
// in registers.
template <class Run>
[[gnu::target(HANAPROP_AVX2_TARGET), gnu::flatten, gnu::pure]] auto compute_on_avx2_fma(const Run& run)
{
    return compiled_copy<32>::run(run);
}
#endif

} // namespace detail
} // namespace hanaprop
