// The precompiled header of the Catch2 test programs with many source
// files (tests/unit: 7, tests/seeds: 4; Meson's cpp_pch). Every such file
// includes Catch2 and hanaprop, and parsing them is most of its compile
// time (the suite's compile budget): 1.2-1.6 s per file, against 0.1-0.2 s to
// load this header. Building it costs once per program: about 4.5 s with
// g++ 12 (it writes 85 MB) and 1.8 s with clang 14, so it pays only for
// programs of four files or more; the others do without. The files still
// include what they use, so they also compile without it.
#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
