// What the machine allows the mini-batch tiles, measured: the instruction
// mix of each tile's inner loop, written out in assembly, run on data in
// L1 (so neither the caches nor the compiler can be blamed), against a
// loop of FMAs on registers alone in the same run. docs/performance.md
// uses these figures as the bound of the W2 workloads.
//
// Each loop keeps 8 to 12 independent accumulators, enough to hide the FMA
// latency (4 cycles x 2 FMAs per cycle on Zen 3), so what separates them
// is the loads that feed the FMAs. The mixes, per step of the loop:
//   fma-registers      10 FMAs, no load: the FMA peak
//   forward-folded     2 weight-row loads + 10 FMAs, each FMA loading its
//                      input (12 loads): hanaprop's 2 x 5 forward tile as
//                      g++ 12 compiles it without its scheduler before
//                      register allocation (see HANAPROP_SCHEDULE_FOR_GCC)
//   forward-as-built   2 row loads + 5 input loads + 10 FMAs (7 loads):
//                      the same tile with the inputs in registers, as
//                      g++ 12 compiles fast::dot_tile
//   gradient-as-built  2 input loads + 4 delta broadcasts + 8 FMAs (6
//                      loads): hanaprop's 4 x 16 gradient tile
//   gradient-folded    4 broadcasts + 8 FMAs each loading its input (12
//                      loads): what g++ 12 made of the gradient tile when
//                      its inputs were indexed as one block
// x86-64 with AVX2 and FMA only; elsewhere it says so and exits.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

#if defined(__x86_64__) && defined(__GNUC__)

namespace {

double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// 36 KB, of which each loop touches a few cache lines: rows and samples
// 3,136 bytes apart, as a 784-input layer has them.
alignas(64) float data[9216];

#define HP_ZERO                                                                                      \
    "vxorps %%ymm0,%%ymm0,%%ymm0\n vxorps %%ymm1,%%ymm1,%%ymm1\n vxorps %%ymm2,%%ymm2,%%ymm2\n"    \
    "vxorps %%ymm3,%%ymm3,%%ymm3\n vxorps %%ymm4,%%ymm4,%%ymm4\n vxorps %%ymm5,%%ymm5,%%ymm5\n"    \
    "vxorps %%ymm6,%%ymm6,%%ymm6\n vxorps %%ymm7,%%ymm7,%%ymm7\n vxorps %%ymm8,%%ymm8,%%ymm8\n"    \
    "vxorps %%ymm9,%%ymm9,%%ymm9\n vxorps %%ymm12,%%ymm12,%%ymm12\n vxorps %%ymm13,%%ymm13,%%ymm13\n"
#define HP_CLOBBERS                                                                                  \
    "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",         \
        "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc"

// One loop: the accumulators zeroed, then `body` n times.
#define HP_MIX_LOOP(name, body)                                                                      \
    [[gnu::target("avx2,fma")]] void name(long n, const float* p)                                  \
    {                                                                                                \
        asm volatile(HP_ZERO "1:\n" body "dec %0\n jnz 1b\n" : "+r"(n) : "r"(p) : HP_CLOBBERS);      \
    }

HP_MIX_LOOP(fma_registers,
            "vfmadd231ps %%ymm12,%%ymm13,%%ymm0\n vfmadd231ps %%ymm12,%%ymm13,%%ymm1\n"
            "vfmadd231ps %%ymm12,%%ymm13,%%ymm2\n vfmadd231ps %%ymm12,%%ymm13,%%ymm3\n"
            "vfmadd231ps %%ymm12,%%ymm13,%%ymm4\n vfmadd231ps %%ymm12,%%ymm13,%%ymm5\n"
            "vfmadd231ps %%ymm12,%%ymm13,%%ymm6\n vfmadd231ps %%ymm12,%%ymm13,%%ymm7\n"
            "vfmadd231ps %%ymm12,%%ymm13,%%ymm8\n vfmadd231ps %%ymm12,%%ymm13,%%ymm9\n")

// Row 0 at 0, row 1 at 0xc40; the 5 samples' inputs at 0x4000 + s * 0xc40.
HP_MIX_LOOP(forward_folded,
            "vmovups (%1),%%ymm12\n"
            "vfmadd231ps 0x4000(%1),%%ymm12,%%ymm0\n vfmadd231ps 0x4c40(%1),%%ymm12,%%ymm1\n"
            "vfmadd231ps 0x5880(%1),%%ymm12,%%ymm2\n vfmadd231ps 0x64c0(%1),%%ymm12,%%ymm3\n"
            "vfmadd231ps 0x7100(%1),%%ymm12,%%ymm4\n vmovups 0xc40(%1),%%ymm13\n"
            "vfmadd231ps 0x4000(%1),%%ymm13,%%ymm5\n vfmadd231ps 0x4c40(%1),%%ymm13,%%ymm6\n"
            "vfmadd231ps 0x5880(%1),%%ymm13,%%ymm7\n vfmadd231ps 0x64c0(%1),%%ymm13,%%ymm8\n"
            "vfmadd231ps 0x7100(%1),%%ymm13,%%ymm9\n")

HP_MIX_LOOP(forward_as_built,
            "vmovups (%1),%%ymm12\n vmovups 0xc40(%1),%%ymm13\n"
            "vmovups 0x4000(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm0\n vfmadd231ps %%ymm14,%%ymm13,%%ymm5\n"
            "vmovups 0x4c40(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm1\n vfmadd231ps %%ymm14,%%ymm13,%%ymm6\n"
            "vmovups 0x5880(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm2\n vfmadd231ps %%ymm14,%%ymm13,%%ymm7\n"
            "vmovups 0x64c0(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm3\n vfmadd231ps %%ymm14,%%ymm13,%%ymm8\n"
            "vmovups 0x7100(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm4\n vfmadd231ps %%ymm14,%%ymm13,%%ymm9\n")

// 16 inputs of one sample at 0 and 0x20; the 4 deltas at 0x4000.
HP_MIX_LOOP(gradient_as_built,
            "vmovups (%1),%%ymm12\n vmovups 0x20(%1),%%ymm13\n"
            "vbroadcastss 0x4000(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm0\n vfmadd231ps %%ymm14,%%ymm13,%%ymm1\n"
            "vbroadcastss 0x4004(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm2\n vfmadd231ps %%ymm14,%%ymm13,%%ymm3\n"
            "vbroadcastss 0x4008(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm4\n vfmadd231ps %%ymm14,%%ymm13,%%ymm5\n"
            "vbroadcastss 0x400c(%1),%%ymm14\n vfmadd231ps %%ymm14,%%ymm12,%%ymm6\n vfmadd231ps %%ymm14,%%ymm13,%%ymm7\n")

HP_MIX_LOOP(gradient_folded,
            "vbroadcastss 0x4000(%1),%%ymm14\n vfmadd231ps (%1),%%ymm14,%%ymm0\n vfmadd231ps 0x20(%1),%%ymm14,%%ymm1\n"
            "vbroadcastss 0x4004(%1),%%ymm14\n vfmadd231ps (%1),%%ymm14,%%ymm2\n vfmadd231ps 0x20(%1),%%ymm14,%%ymm3\n"
            "vbroadcastss 0x4008(%1),%%ymm14\n vfmadd231ps (%1),%%ymm14,%%ymm4\n vfmadd231ps 0x20(%1),%%ymm14,%%ymm5\n"
            "vbroadcastss 0x400c(%1),%%ymm14\n vfmadd231ps (%1),%%ymm14,%%ymm6\n vfmadd231ps 0x20(%1),%%ymm14,%%ymm7\n")

struct mix {
    const char* name;
    void (*loop)(long, const float*);
    int loads;
    int fmas;
};

constexpr mix mixes[] = {
    {"fma-registers", fma_registers, 0, 10},         {"forward-folded", forward_folded, 12, 10},
    {"forward-as-built", forward_as_built, 7, 10},   {"gradient-as-built", gradient_as_built, 6, 8},
    {"gradient-folded", gradient_folded, 12, 8},
};

} // namespace

int main()
{
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
        std::puts("load_mix: this CPU has no AVX2 + FMA; nothing to measure");
        return 0;
    }
    // Many short rounds, the mixes interleaved within each round, so that
    // a busy neighbour (this machine's cores are shared) slows all of them
    // alike; the best round is what the core can do, the median what it
    // did while shared.
    constexpr long steps = 5'000'000;
    constexpr int rounds = 31;
    constexpr std::size_t count = std::size(mixes);
    double gflops[count][rounds] = {};
    for (int round = 0; round < rounds; ++round)
        for (std::size_t m = 0; m < count; ++m) {
            const double t0 = cpu_seconds();
            mixes[m].loop(steps, data);
            gflops[m][round] = double(steps) * mixes[m].fmas * 16 / (cpu_seconds() - t0) / 1e9;
        }
    double best[count] = {}, median[count] = {};
    for (std::size_t m = 0; m < count; ++m) {
        std::sort(std::begin(gflops[m]), std::end(gflops[m]));
        best[m] = gflops[m][rounds - 1];
        median[m] = gflops[m][rounds / 2];
    }
    for (std::size_t m = 0; m < count; ++m)
        std::printf("MIX name=%s loads=%d fmas=%d best_gflops=%.1f best_of_peak=%.2f median_gflops=%.1f "
                    "median_of_peak=%.2f\n",
                    mixes[m].name, mixes[m].loads, mixes[m].fmas, best[m], best[m] / best[0], median[m],
                    median[m] / median[0]);
    return 0;
}

#else

int main()
{
    std::puts("load_mix: x86-64 with GNU inline assembly only; nothing to measure");
    return 0;
}

#endif
