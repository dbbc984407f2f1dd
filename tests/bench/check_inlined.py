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
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import symbols  # noqa: E402

WRAPPERS = re.compile(r'hanaprop::fast::call_layer_kernel<|hanaprop::fast::\w+_kernel(<\d+ul>)?::operator\(\)'
                      r'|::predict_on<|hanaprop::detail::network_body<[^ ]*>::predict<')


def main():
    nm, programs = sys.argv[1], sys.argv[2:]
    return symbols.report(nm, programs, WRAPPERS.search, 'wrappers out of line')


if __name__ == '__main__':
    sys.exit(main())
