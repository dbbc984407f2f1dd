#!/usr/bin/env python3
"""Checks that every piece of a run-time copy is compiled for the copy's target.

Usage: check_copy_targets.py NM PROGRAM...

Each PROGRAM is built by g++ for plain x86-64 at one optimisation level,
so that it holds the copies of core/code_path.hpp: tests/guards/
instruction_counts.cpp, or the benchmark program, which has more around
them. A copy is correct and fast only where everything it
calls is compiled for its target: inlined into a function that carries
the `target` attribute (compiled_copy<32>::run, compiled_copy<64>::run,
compute_on_avx2_fma), or in one of the copies' own out-of-line kernels
(compiled_copy<32>::call_out_of_line, compiled_copy<64>::call_out_of_line). A function the compiler left out of line in
between is compiled for the build's SSE2 target, and runs the copy's wide
tiles on it many times slower. The copies' tiles say so in their type
(fast::batch_tiles<8, false, true>, <16, false, true>), so such a
function shows in the symbol table: a symbol that names those tiles and
is not one of the functions above fails the check.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import symbols  # noqa: E402

COPY_TILES = re.compile(r'batch_tiles<(8ul|16ul), false, true>')
COPY_FUNCTIONS = ('compiled_copy<32ul>::run<', 'compiled_copy<64ul>::run<', 'compute_on_avx2_fma<',
                  'compiled_copy<32ul>::call_out_of_line<', 'compiled_copy<64ul>::call_out_of_line<')


def stray(name):
    """Whether `name` is a function with a copy's tiles that is not one of
    the functions carrying the copy's target: the function is the first
    template named, and where it is a copy's, the tiles are among its
    arguments."""
    tiles = COPY_TILES.search(name)
    if not tiles:
        return False
    first = min((name.find(f) for f in COPY_FUNCTIONS if f in name), default=-1)
    return first < 0 or first > tiles.start()


def main():
    nm, programs = sys.argv[1], sys.argv[2:]
    return symbols.report(nm, programs, stray, 'functions of a copy compiled outside it')


if __name__ == '__main__':
    sys.exit(main())
