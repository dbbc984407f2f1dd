#!/usr/bin/env python3
"""The benchmark matrix: hanaprop against the Eigen MLP (tests/bench/
bench_eigen.cpp), both built with the same flags, in every cell a user
builds in, each workload run by run_bench.py (the two programs alternate
in rounds, each keeps its best round).

    run_matrix.py BUILD_ROOT [--cells NAME,...] [--workloads W,...] [--repeat N]

Each cell is a Meson build folder BUILD_ROOT/NAME, configured here:
    gcc-O2            g++ -O2, the compiler's default target (x86-64: SSE2),
                      HANAPROP_RUNTIME_DISPATCH=0: only the build's code
    gcc-O2-dispatch   g++ -O2, default target, the library's default: the
                      mini-batch training picks its AVX2 or AVX-512 copy
                      on this CPU (core/code_path.hpp)
    gcc-O3            g++ -O3, default target, with the run-time copies
    gcc-Os            g++ -Os, default target (a build for size)
    gcc-O2-v3         g++ -O2 -march=x86-64-v3 (AVX2 + FMA, any such CPU)
    gcc-O3-native     g++ -O3 -march=native
    clang-O2          clang++ -O2, default target, with the run-time copies
    clang-O3          clang++ -O3
    clang-Os          clang++ -Os
    clang-O2-v3       clang++ -O2 -march=x86-64-v3
    clang-O3-native   clang++ -O3 -march=native
Prints the CPU, then one Markdown table per cell: ns per sample of each,
and the ratio Eigen time / hanaprop time (above 1: hanaprop is faster)
against the target; then, when more than one cell ran, hanaprop's time
in each cell over its best time in any cell, workload by workload (the
flag cliff: 1.00 is the best build). docs/performance.md's tables are
this output. The default --cells are the five the docs show.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, '..', 'tools'))
import cpu_info  # noqa: E402
from run_bench import TARGETS  # noqa: E402

# name: (compiler, optimisation level, -march, run-time dispatch)
CELLS = {
    'gcc-O2': ('g++', '2', '', False),
    'gcc-O2-dispatch': ('g++', '2', '', True),
    'gcc-O3': ('g++', '3', '', True),
    'gcc-Os': ('g++', 's', '', True),
    'gcc-O2-v3': ('g++', '2', 'x86-64-v3', True),
    'gcc-O3-native': ('g++', '3', 'native', True),
    'clang-O2': ('clang++', '2', '', True),
    'clang-O3': ('clang++', '3', '', True),
    'clang-Os': ('clang++', 's', '', True),
    'clang-O2-v3': ('clang++', '2', 'x86-64-v3', True),
    'clang-O3-native': ('clang++', '3', 'native', True),
}
DEFAULT_CELLS = ['gcc-O2', 'gcc-O2-dispatch', 'gcc-O3-native', 'clang-O2', 'clang-O3-native']
WORKLOADS = ['W1', 'W3-753', 'W3-784100', 'W2-30', 'W2-100']


def build(root, name):
    cxx, level, march, dispatch = CELLS[name]
    folder = os.path.join(root, name)
    if not os.path.exists(os.path.join(folder, 'build.ninja')):
        subprocess.run(['meson', 'setup', folder, SOURCE, f'-Doptimization={level}', f'-Dbench_march={march}',
                        '-Dslow_tests=false'] + ([] if dispatch else ['-Dcpp_args=-DHANAPROP_RUNTIME_DISPATCH=0']), env=dict(os.environ, CXX=cxx), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(['ninja', '-C', folder, 'tests/bench/bench_hanaprop', 'tests/bench/bench_eigen'], check=True,
                   stdout=subprocess.DEVNULL)
    return {impl: os.path.join(folder, 'tests', 'bench', 'bench_' + impl) for impl in ('hanaprop', 'eigen')}


def measure(programs, workload, repeat):
    done = subprocess.run([sys.executable, os.path.join(HERE, 'run_bench.py'), workload, '--repeat', repeat] +
                          [f'{impl}={path}' for impl, path in programs.items()],
                          capture_output=True, text=True, check=True)
    ns = {}
    for line in done.stdout.splitlines():
        if line.startswith('RESULT '):
            fields = dict(kv.split('=', 1) for kv in line.split()[1:])
            ns[fields['impl']] = float(fields['ns_per_sample'])
    return ns


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('root')
    parser.add_argument('--cells', default=','.join(DEFAULT_CELLS))
    parser.add_argument('--workloads', default=','.join(WORKLOADS))
    parser.add_argument('--repeat', default='5')
    options = parser.parse_args()
    print(cpu_info.describe())
    print()
    workloads = options.workloads.split(',')
    cells = options.cells.split(',')
    times = {}   # (cell, workload): hanaprop ns per sample
    for name in cells:
        programs = build(options.root, name)
        cxx, level, march, dispatch = CELLS[name]
        print(f'#### {cxx} -O{level}' + (f' -march={march}' if march else ' (default target)') +
              ('' if dispatch else ', HANAPROP_RUNTIME_DISPATCH=0'))
        print()
        print('| workload | hanaprop ns/sample | Eigen ns/sample | Eigen time / hanaprop time | target |')
        print('|---|---:|---:|---:|---|')
        for workload in workloads:
            ns = measure(programs, workload, options.repeat)
            times[name, workload] = ns['hanaprop']
            ratio = ns['eigen'] / ns['hanaprop']
            want = TARGETS[workload][0] if cxx == 'g++' else 1.0
            verdict = 'met' if ratio >= want else 'missed'
            print(f"| {workload} | {ns['hanaprop']:.1f} | {ns['eigen']:.1f} | {ratio:.2f} | "
                  f"{want} ({verdict}) |", flush=True)
        print()
    if len(cells) > 1:
        print('#### hanaprop in each cell: time / best time over the cells')
        print()
        print('| cell | ' + ' | '.join(workloads) + ' |')
        print('|---|' + '---:|' * len(workloads))
        for name in cells:
            print(f'| {name} | ' + ' | '.join(f'{times[name, w] / min(times[c, w] for c in cells):.2f}'
                                               for w in workloads) + ' |')
        print()
    return 0


if __name__ == '__main__':
    sys.exit(main())
