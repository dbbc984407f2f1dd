// The precompiled header of the Catch2 test programs with several source
// files (tests/unit, tests/seeds, tests/embedded: Meson's cpp_pch). Every
// such file includes Catch2 and hanaprop, and parsing those two is most of
// its compile time (issue 5's suite budget): about 1.5 s per file with
// g++ 12 or clang 14, against well under 0.5 s to load this header once
// it is built (once per program). The files still include what they use
// themselves, so they also compile without it.
#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
