#!/usr/bin/env python3
"""Checks that every piece of a run-time copy is compiled for the copy's target.

Usage: check_copy_targets.py OBJDUMP PROGRAM...

Each PROGRAM is built for plain x86-64 at one optimisation level, so that
it holds the copies of core/code_path.hpp. A copy is correct and fast only
where everything it runs is compiled for its target: inlined into a
function that carries the `target` attribute (compiled_copy<32>::run,
compiled_copy<64>::run, compute_on_avx2_fma), or one of the copies' own
out-of-line kernels (compiled_copy<...>::call_out_of_line). A function the
compiler left out of line in between is compiled for the build's SSE2
target: it runs the copy's wide tiles, or the sigmoids of a whole layer,
on SSE2. So the check follows the calls from those functions through the
program's disassembly, and fails naming every other function of the
library (or lambda in one) that they reach.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import symbols  # noqa: E402

COPY_FUNCTIONS = re.compile(r'hanaprop::detail::(compiled_copy<\d+ul>::(run|call_out_of_line)|compute_on_avx2_fma)<')


def outside_callees(calls):
    """The functions that are not copies' own and that a copy's function
    reaches by calls, directly or through other such functions."""
    reached = set()
    pending = [name for name in calls if COPY_FUNCTIONS.search(name)]
    while pending:
        for callee in calls.get(pending.pop(), ()):
            if not COPY_FUNCTIONS.search(callee) and callee not in reached:
                reached.add(callee)
                pending.append(callee)
    return sorted(name for name in reached if 'hanaprop::' in name)


def main():
    objdump, programs = sys.argv[1], sys.argv[2:]
    failures = 0
    for program in programs:
        calls = symbols.direct_calls(objdump, program)
        copies = sum(1 for name in calls if COPY_FUNCTIONS.search(name))
        found = outside_callees(calls)
        print(f'{program}: {copies} functions of copies, {len(found)} functions they call compiled outside them')
        for name in found:
            print('    ' + name[:300])
        failures += len(found) + (copies == 0)
        if copies == 0:
            print('    no copy found: is this a plain x86-64 build with optimisation?')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
