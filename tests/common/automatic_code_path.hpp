// What code_path::automatic must pick in this build on this CPU, for the
// tests that check that it runs that copy, bit for bit.
#pragma once

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>

namespace hanaprop_tests {

// A build with copies and without AVX2 + FMA of its own takes a copy on a
// CPU that has both; a build without copies takes its own code.
inline void check_automatic_picks_widest_copy()
{
    using hanaprop::code_path;
    const code_path picked = hanaprop::resolve(code_path::automatic);
    INFO("automatic runs " << hanaprop::name_of(picked));
#if HANAPROP_RUNTIME_DISPATCH && !(defined(__AVX2__) && defined(__FMA__))
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) CHECK(picked != code_path::build_flags);
#elif !HANAPROP_RUNTIME_DISPATCH
    CHECK(picked == code_path::build_flags);
#endif
}

} // namespace hanaprop_tests
