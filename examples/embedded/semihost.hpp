// semihost.hpp - output and exit for bare-metal firmware under QEMU, through
// ARM semihosting (a `bkpt 0xab` that the debugger - here QEMU - serves).
// No libc: three calls and two tiny number printers.
#pragma once

#include <cstdint>

namespace semihost {

// r0 = operation, r1 = argument block; the result comes back in r0.
inline int call(int operation, const void* argument) noexcept
{
    register int r0 __asm("r0") = operation;
    register const void* r1 __asm("r1") = argument;
    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

// SYS_WRITE0 (0x04): a NUL-terminated string to the debug console. QEMU
// sends it to stdout when run with -chardev stdio,id=c0
// -semihosting-config enable=on,target=native,chardev=c0.
inline void write(const char* text) noexcept { call(0x04, text); }

// SYS_EXIT_EXTENDED (0x20): QEMU exits with `status` (mod 256).
[[noreturn]] inline void exit(int status) noexcept
{
    const std::uint32_t block[2] = {0x20026u /* ADP_Stopped_ApplicationExit */, static_cast<std::uint32_t>(status)};
    call(0x20, block);
    for (;;) {
    }
}

// A signed decimal integer.
inline void write_int(std::int32_t value) noexcept
{
    char buffer[12];
    char* p = buffer + sizeof buffer;
    *--p = 0;
    std::uint32_t u = value < 0 ? 0u - static_cast<std::uint32_t>(value) : static_cast<std::uint32_t>(value);
    do {
        *--p = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (value < 0) *--p = '-';
    write(p);
}

// A value given in millionths, printed with six decimals: -1234567 -> -1.234567.
inline void write_micro(std::int32_t millionths) noexcept
{
    if (millionths < 0) {
        write("-");
        millionths = -millionths;
    }
    write_int(millionths / 1000000);
    char fraction[8];
    fraction[0] = '.';
    fraction[7] = 0;
    std::int32_t rest = millionths % 1000000;
    for (int i = 6; i >= 1; --i) {
        fraction[i] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    }
    write(fraction);
}

} // namespace semihost
