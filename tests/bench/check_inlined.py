#!/usr/bin/env python3
"""Checks that the wrappers on predict's and training's hot paths are inlined.

Usage: check_inlined.py NM PROGRAM...

predict, its recursion over the layers (predict_on), call_layer_kernel
and the kernel objects are always inlined (core/network.hpp,
core/fast/paths.hpp): kept out of line, one of them holds its kernel, and
a caller's loop around predict loads every weight again at each call.
Whether a compiler keeps one out of line depends on the rest of the
translation unit, so this looks in the symbol table of a program with
much around them (the benchmark program, every workload in one file),
and fails naming each such function it finds.
"""
import re
import subprocess
import sys

WRAPPERS = re.compile(r'hanaprop::fast::call_layer_kernel<|hanaprop::fast::\w+_kernel(<\d+ul>)?::operator\(\)'
                      r'|::predict_on<|hanaprop::detail::network_body<[^ ]*>::predict<')


def main():
    nm, programs = sys.argv[1], sys.argv[2:]
    failures = 0
    for program in programs:
        listing = subprocess.run([nm, '-C', '--defined-only', program], capture_output=True, text=True, check=True)
        found = [line.split(' ', 2)[2] for line in listing.stdout.splitlines()
                 if len(line.split(' ', 2)) == 3 and line.split(' ', 2)[1] in 'TtWw'
                 and WRAPPERS.search(line.split(' ', 2)[2])]
        print(f'{program}: {len(found)} wrappers out of line')
        for name in found:
            print('    ' + name[:300])
        failures += len(found)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
