// startup.cpp - vector table and reset handler of the firmware: everything
// that runs before and after main(), with no C library underneath.
//
// Reset_Handler enables the FPU (Cortex-M4F), copies .data from flash,
// zeroes .bss, calls main() and hands its return value to QEMU through
// semihosting, so `main`'s result becomes the exit status of
// qemu-system-arm, and so the verdict of a `meson test`.
// It runs no static constructors: cortexm.ld makes a global that needs one
// a link error (hanaprop's networks are constexpr values).
#include <cstdint>

#include "semihost.hpp"

extern "C" {
// Defined by cortexm.ld.
extern std::uint32_t __data_start[], __data_end[], __data_load[];
extern std::uint32_t __bss_start[], __bss_end[], __stack_top[], __stack_paint_bottom[];

[[noreturn]] void Reset_Handler();
[[noreturn]] void Fault_Handler();

using handler = void (*)();
// The Cortex-M vector table: the initial stack pointer, then the handlers of
// exceptions 1..15 (no interrupts are enabled, so none follow).
struct vector_table {
    void* initial_sp;
    handler handlers[15];
};
extern const vector_table __vectors;
}

// The firmware's main(). C++ forbids calling main by that name, so the
// startup code calls it under another one bound to the same symbol.
extern "C" int firmware_main() __asm("main");

#ifdef HANAPROP_STACK_PAINT
namespace {
constexpr std::uint32_t paint = 0xa5a5a5a5u;

// Paints the unused part of the stack region, below the current stack pointer.
[[gnu::always_inline]] inline void paint_stack() noexcept
{
    std::uint32_t* sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    for (std::uint32_t* p = __stack_paint_bottom; p < sp; ++p) *p = paint;
}

// The deepest the stack went: the lowest word that no longer holds the paint.
std::int32_t stack_high_water() noexcept
{
    const std::uint32_t* p = __stack_paint_bottom;
    while (p < __stack_top && *p == paint) ++p;
    return static_cast<std::int32_t>(reinterpret_cast<std::uintptr_t>(__stack_top) -
                                     reinterpret_cast<std::uintptr_t>(p));
}
} // namespace
#endif

// GCC would turn the copy and zero loops into calls to memcpy and memset,
// which do not exist here (-nostdlib): forbid that transformation.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void Reset_Handler()
{
#if defined(__ARM_FP)
    // The FPU is off after reset: any floating-point instruction before this
    // raises a UsageFault. CPACR: full access to coprocessors 10 and 11.
    *reinterpret_cast<volatile std::uint32_t*>(0xe000ed88u) |= 0xfu << 20;
    __asm volatile("dsb\n\tisb" ::: "memory");
#endif
#ifdef HANAPROP_STACK_PAINT
    paint_stack();
#endif
    for (std::uint32_t *from = __data_load, *to = __data_start; to < __data_end;) *to++ = *from++;
    for (std::uint32_t* to = __bss_start; to < __bss_end;) *to++ = 0;

    int status = firmware_main();

#ifdef HANAPROP_STACK_PAINT
    // Measured after the run: what main() and everything it called used,
    // plus Reset_Handler's own frame.
    const std::int32_t used = stack_high_water();
    semihost::write("stack high-water mark: ");
    semihost::write_int(used);
    semihost::write(" bytes, limit ");
    semihost::write_int(HANAPROP_STACK_LIMIT);
    semihost::write("\n");
    if (used > HANAPROP_STACK_LIMIT) status |= 2;
#endif
    semihost::exit(status);
}

// Any fault: leave QEMU at once with status 134 (what a crashed process
// gives on a host: 128 + SIGABRT), rather than hang until the test's timeout.
void Fault_Handler()
{
    semihost::exit(134);
}

[[gnu::section(".vectors"), gnu::used]] const vector_table __vectors = {
    __stack_top,
    {
        Reset_Handler,
        Fault_Handler,   // NMI
        Fault_Handler,   // HardFault
        Fault_Handler,   // MemManage
        Fault_Handler,   // BusFault
        Fault_Handler,   // UsageFault
        nullptr, nullptr, nullptr, nullptr,   // reserved
        Fault_Handler,   // SVCall
        Fault_Handler,   // DebugMonitor
        nullptr,         // reserved
        Fault_Handler,   // PendSV
        Fault_Handler,   // SysTick
    },
};
