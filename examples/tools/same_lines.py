#!/usr/bin/env python3
"""same_lines.py PATTERN -- PROGRAM_A [ARGS...] -- PROGRAM_B [ARGS...]

Runs two programs, each of which must exit with status 0, and asserts that
the lines of their standard output that contain PATTERN are the same, in
the same order, and that there is at least one: for instance that the
firmware of 07-export-to-firmware prints exactly the predictions of the
network the host exported."""
import subprocess
import sys

args = sys.argv[1:]
pattern = args[0]
first = args.index("--")
second = args.index("--", first + 1)
commands = [args[first + 1:second], args[second + 1:]]
outputs = []
for command in commands:
    run = subprocess.run(command, capture_output=True, text=True)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    if run.returncode != 0:
        sys.exit(f"FAIL: {command} exited with {run.returncode}")
    outputs.append([line for line in run.stdout.splitlines() if pattern in line])
if not outputs[0]:
    sys.exit(f"FAIL: {commands[0]} printed no line with {pattern!r}")
if outputs[0] != outputs[1]:
    sys.exit(f"FAIL: the lines with {pattern!r} differ:\n{outputs[0]}\n{outputs[1]}")
print(f"OK: {len(outputs[0])} lines with {pattern!r} are the same")
