// Caps the address space of the test process (setrlimit RLIMIT_AS), so that
// a reader that allocates what a forged header claims fails the test with
// std::bad_alloc instead of passing on a machine with memory to spare.
// Not under AddressSanitizer, which reserves terabytes of address space
// for its shadow memory: cap_address_space() then returns false.
#pragma once

#include <sys/resource.h>

#include <cstddef>

namespace hanaprop_tests {

inline constexpr bool address_sanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

inline bool cap_address_space(std::size_t bytes)
{
    if (address_sanitizer) return false;
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) != 0) return false;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < bytes) bytes = limit.rlim_max;
    limit.rlim_cur = bytes;
    return setrlimit(RLIMIT_AS, &limit) == 0;
}

} // namespace hanaprop_tests
