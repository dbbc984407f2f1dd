#!/usr/bin/env python3
"""check_output.py [--line TEXT]... [--error-line TEXT]... [--status N]
                   [--min-mean PERCENT] -- PROGRAM [ARGS...]

Runs an example and asserts what it prints: every --line TEXT must be a
whole line of its standard output, every --error-line TEXT a whole line
of its standard error, and with --min-mean the number in its
"Mean Accuracy: xx.xxx%" line must be at least PERCENT. The program must
exit with status N (default 0): a crash never passes."""
import re
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
options, command = args[:sep], args[sep + 1:]
lines, error_lines, status, min_mean = [], [], 0, None
while options:
    flag, value, options = options[0], options[1], options[2:]
    if flag == "--line":
        lines.append(value)
    elif flag == "--error-line":
        error_lines.append(value)
    elif flag == "--status":
        status = int(value)
    elif flag == "--min-mean":
        min_mean = float(value)
    else:
        sys.exit(f"unknown option {flag}")

run = subprocess.run(command, capture_output=True, text=True)
print(run.stdout, end="")
print(run.stderr, end="", file=sys.stderr)
if run.returncode != status:
    sys.exit(f"FAIL: {command} exited with {run.returncode}, expected {status}")
failed = False
for wanted, stream, name in [(lines, run.stdout, "output"), (error_lines, run.stderr, "error output")]:
    for line in wanted:
        if line not in stream.splitlines():
            print(f"FAIL: no line {line!r} in the {name}")
            failed = True
if min_mean is not None:
    found = re.search(r"^Mean Accuracy: ([0-9.]+)%$", run.stdout, re.M)
    if not found:
        print("FAIL: no 'Mean Accuracy: xx.xxx%' line")
        failed = True
    elif float(found.group(1)) < min_mean:
        print(f"FAIL: mean accuracy {found.group(1)}% < {min_mean}%")
        failed = True
sys.exit(1 if failed else 0)
