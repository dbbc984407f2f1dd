#!/usr/bin/env python3
"""Instruction-count guards: noise-free regression checks of the speed.

Usage: check_instruction_counts.py COMPILER_ID VALGRIND NAME=PROGRAM...

Each PROGRAM is tests/guards/instruction_counts.cpp built at one
optimisation level for one instruction set; NAME is "O2-base", "O3-v3",
and so on. For every workload this runs the program under callgrind with
two pass counts and takes the difference, so that start-up and data
generation cancel out: instructions per training sample (W1, and
deep-minibatch: mini-batch training of a network with two layers of one
type, which the passes and every run-time copy call out of line) or per
inference (W3). It fails when a count is over its ceiling below, or when
the -O3 build of a workload needs more than 10% more instructions than
the -O2 build of the same instruction set: the optimisation-level cliff
the kernels are written to avoid (docs/performance.md).

The programs are built for a fixed instruction set (plain x86-64, or
x86-64-v3 = AVX2 + FMA), never -march=native, which valgrind 3.19 could
not run on an AVX-512 machine. A plain x86-64 program holds copies of the
code for AVX2 + FMA and runs them where the CPU has those
(core/code_path.hpp), so it is counted twice: told to run the build's own
code ("base", the same count on every x86-64 machine), and as a user's
program runs by default ("copy": the AVX2 copy, which valgrind runs even
on an AVX-512 machine, as it reports no AVX-512). The "copy" and x86-64-v3
counts are skipped on a CPU without AVX2 and FMA.
"""
import re
import subprocess
import sys

# (workload, first pass count, second pass count, samples per pass)
WORKLOADS = [('W1', 2, 4, 210), ('W3-753', 20, 40, 210), ('W3-784100', 2, 4, 100), ('deep-minibatch', 2, 4, 100)]

# Ceilings in instructions per sample: a little room over what the kernels
# need now (the counts are in docs/performance.md), so that a change that
# costs more fails here and has to raise its ceiling in the same commit.
CEILINGS = {
    ('gcc', 'base'): {'W1': 500, 'W3-753': 400, 'W3-784100': 82000, 'deep-minibatch': 53500},
    ('gcc', 'copy'): {'W1': 225, 'W3-753': 250, 'W3-784100': 19300, 'deep-minibatch': 25500},
    ('gcc', 'v3'): {'W1': 225, 'W3-753': 125, 'W3-784100': 19300, 'deep-minibatch': 23100},
    ('clang', 'base'): {'W1': 510, 'W3-753': 350, 'W3-784100': 82000, 'deep-minibatch': 48000},
    ('clang', 'copy'): {'W1': 225, 'W3-753': 270, 'W3-784100': 19300, 'deep-minibatch': 20000},
    ('clang', 'v3'): {'W1': 225, 'W3-753': 150, 'W3-784100': 19300, 'deep-minibatch': 18900},
}
O3_OVER_O2 = 1.10


def instructions(valgrind, program, workload, passes, extra):
    run = subprocess.run([valgrind, '--tool=callgrind', '--callgrind-out-file=/dev/null', program, workload,
                          str(passes)] + extra, capture_output=True, text=True, check=False)
    found = re.search(r'Collected : (\d+)', run.stderr)
    if run.returncode != 0 or not found:
        sys.exit(f'{program} {workload} {passes} failed under callgrind:\n{run.stderr[-2000:]}')
    return int(found.group(1))


def has_avx2_fma():
    try:
        flags = open('/proc/cpuinfo').read()
    except OSError:
        return False
    return ' avx2' in flags and ' fma' in flags


def main():
    compiler, valgrind, programs = sys.argv[1], sys.argv[2], dict(a.split('=', 1) for a in sys.argv[3:])
    print(open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :'))
    failures = []
    counts = {}
    runs = []   # (level, isa, program, extra arguments)
    for name, program in sorted(programs.items()):
        level, isa = name.split('-')
        if isa == 'base':
            runs.append((level, 'base', program, ['build-flags']))
            runs.append((level, 'copy', program, []))
        else:
            runs.append((level, isa, program, []))
    for level, isa, program, extra in runs:
        if isa in ('v3', 'copy') and not has_avx2_fma():
            print(f'{level}-{isa}: skipped, this CPU has no AVX2 and FMA')
            continue
        for workload, n1, n2, per_pass in WORKLOADS:
            a = instructions(valgrind, program, workload, n1, extra)
            b = instructions(valgrind, program, workload, n2, extra)
            count = (b - a) / ((n2 - n1) * per_pass)
            counts[(level, isa, workload)] = count
            ceiling = CEILINGS[(compiler, isa)][workload]
            verdict = 'ok' if count <= ceiling else 'OVER'
            print(f'{compiler} {level} {isa:4} {workload:14} {count:10.1f} instructions (ceiling {ceiling}) {verdict}')
            if count > ceiling:
                failures.append(f'{level} {isa} {workload}: {count:.1f} > {ceiling}')
    for (level, isa, workload), count in counts.items():
        if level == 'O3' and ('O2', isa, workload) in counts:
            ratio = count / counts[('O2', isa, workload)]
            print(f'{compiler} {isa:4} {workload:14} -O3 / -O2 = {ratio:.3f}')
            if ratio > O3_OVER_O2:
                failures.append(f'{isa} {workload}: -O3 needs {ratio:.3f} x the instructions of -O2')
    if failures:
        print('FAILED:\n  ' + '\n  '.join(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
