// fw_fault.cpp - checks the startup code's fault path: an undefined
// instruction raises a UsageFault (escalated to HardFault), whose handler
// must end QEMU with status 134 at once instead of hanging.
#include "semihost.hpp"

int main()
{
    semihost::write("executing an undefined instruction\n");
    __asm volatile("udf #0");
    semihost::write("FAIL: still running after the fault\n");
    return 0;   // a status of 0 would be wrong: the test expects 134
}
