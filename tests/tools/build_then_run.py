#!/usr/bin/env python3
"""build_then_run.py NINJA BUILD_DIR TARGET... -- COMMAND [ARGS...]

Builds the given ninja targets (paths relative to BUILD_DIR), then runs
COMMAND and exits with its status. The benchmarks use it for their
programs, which are built for `meson test --benchmark` only: referenced by
a benchmark() directly, Meson 1.0 would build them with every `ninja`,
and the Eigen and tiny-dnn programs alone take over a minute of compiler
time, half of the test suite's build."""
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
ninja, build_dir, targets, command = args[0], args[1], args[2:sep], args[sep + 1:]
if targets:
    built = subprocess.run([ninja, "-C", build_dir] + targets)
    if built.returncode != 0:
        sys.exit(f"FAIL: could not build {' '.join(targets)}")
sys.exit(subprocess.run(command).returncode)
