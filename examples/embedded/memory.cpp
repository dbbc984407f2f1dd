// memory.cpp - memset, memcpy, memmove and memcmp, the four functions that
// GCC requires even of a freestanding program: it may emit calls to them
// for a large zero-initialisation or struct copy (here: the training
// workspace in fw_train_xor). Byte loops, small rather than fast; with
// --gc-sections they only reach a firmware that calls them.
// Everything else of the C library stays out: the link has -nostdlib.
#include <cstddef>

// Without this, GCC would recognise each loop as memset/memcpy and call itself.
#define HANAPROP_NO_BUILTIN_PATTERNS [[gnu::optimize("no-tree-loop-distribute-patterns")]]

extern "C" {

HANAPROP_NO_BUILTIN_PATTERNS void* memset(void* destination, int value, std::size_t count)
{
    auto* d = static_cast<unsigned char*>(destination);
    while (count--) *d++ = static_cast<unsigned char>(value);
    return destination;
}

HANAPROP_NO_BUILTIN_PATTERNS void* memcpy(void* destination, const void* source, std::size_t count)
{
    auto* d = static_cast<unsigned char*>(destination);
    const auto* s = static_cast<const unsigned char*>(source);
    while (count--) *d++ = *s++;
    return destination;
}

HANAPROP_NO_BUILTIN_PATTERNS void* memmove(void* destination, const void* source, std::size_t count)
{
    auto* d = static_cast<unsigned char*>(destination);
    const auto* s = static_cast<const unsigned char*>(source);
    if (d < s) {
        while (count--) *d++ = *s++;
    } else {
        d += count;
        s += count;
        while (count--) *--d = *--s;
    }
    return destination;
}

HANAPROP_NO_BUILTIN_PATTERNS int memcmp(const void* a, const void* b, std::size_t count)
{
    const auto* x = static_cast<const unsigned char*>(a);
    const auto* y = static_cast<const unsigned char*>(b);
    for (; count; --count, ++x, ++y)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

} // extern "C"
