#!/usr/bin/env python3
"""expect_failure.py REGEX -- PROGRAM [ARGS...]

Passes when PROGRAM exits with status 1 (an orderly refusal: not 0, not a
crash or a signal) and its standard error matches REGEX. Meson's
should_fail alone would also pass on a segfault or on the wrong message."""
import re
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
regex, command = args[0], args[sep + 1:]
result = subprocess.run(command, capture_output=True, text=True)
print(result.stdout + result.stderr)
if result.returncode != 1:
    sys.exit(f"FAIL: exit status {result.returncode}, expected 1")
if not re.search(regex, result.stderr):
    sys.exit(f"FAIL: standard error does not match {regex!r}")
print("PASS: refused with the expected message")
