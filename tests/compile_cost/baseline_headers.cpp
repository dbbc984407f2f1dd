// Compile-cost baseline: the whole hanaprop core included, nothing used.
// The probes' figures are quoted as ratios to this file's, measured in the
// same run, so that the machine's load cancels out.
#include <cstdio>

#include <hanaprop/hanaprop.hpp>

int main() { std::printf("%zu\n", hanaprop::network<7, 5, 3>::parameter_count); }
