#!/usr/bin/env python3
"""measure.py [--runs N] [--max-seconds S] [--max-mb M] --include DIR [--arg ARG]... -- SOURCE...

The compile-cost benchmark. Compiles every SOURCE with g++ and
with clang++ at -O2 (-std=c++20 -c, the project's include directory), each
N times under /usr/bin/time -v (plus every --arg, e.g. another -I), and prints, per compiler and file, the
CPU time (user + sys of the compiler's processes: the least of the N runs,
since the machine is shared and load only adds time), the wall time of that
run and the peak memory (maximum resident set size). The first SOURCE is
the baseline; every other row also shows its ratio to the baseline of the
same compiler, measured in the same run.

Checks every non-baseline row against the budget (default: under 3 s and
under 400 MB) and exits 1, naming the rows, if one is missed.

  --suite BUILD_OPTIONS...  instead: configure a fresh build of the project
                            (the source root is two levels up) with the
                            compiler in $CXX and the given meson options,
                            and time `ninja -j2` for the whole test suite
                            (target: under 120 s). It runs in two steps
                            that together build what `ninja` builds: first
                            `ninja meson-test-prereq` (every program the
                            tests run, with Catch2's main), then `ninja`
                            for the rest, which is the benchmark programs
                            (Meson 1.0 builds those by default too). The
                            target applies to the sum of the two."""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

TIME = shutil.which("time") or "/usr/bin/time"


def timed(cmd, cwd=None):
    """(cpu seconds, wall seconds, peak MB, returncode, stderr) of cmd under time -v"""
    result = subprocess.run([TIME, "-v"] + cmd, capture_output=True, text=True, cwd=cwd)
    err = result.stderr

    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r": (.+)$", err, re.M)
        if not m:
            sys.exit(f"measure.py: no '{name}' in the output of time -v:\n{err[-2000:]}")
        return m.group(1).strip()

    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    peak_mb = int(field("Maximum resident set size (kbytes)")) / 1024
    return cpu, wall, peak_mb, result.returncode, err


def suite(options):
    root = pathlib.Path(__file__).resolve().parents[2]
    cxx = os.environ.get("CXX", "c++")
    with tempfile.TemporaryDirectory() as tmp:
        setup = subprocess.run(["meson", "setup", tmp + "/b", str(root)] + options,
                               capture_output=True, text=True, env=dict(os.environ, CXX=cxx))
        if setup.returncode != 0:
            sys.exit(f"meson setup failed:\n{setup.stdout}\n{setup.stderr}")
        steps = []
        for what, target in (("the tests' programs (ninja meson-test-prereq)", ["meson-test-prereq"]),
                             ("the rest of the default build (the examples no test runs, run targets)", [])):
            step = timed(["ninja", "-C", tmp + "/b", "-j2"] + target)
            if step[3] != 0:
                sys.exit(f"ninja failed:\n{step[4][-3000:]}")
            steps.append(step)
            print(f"  {what}: {step[1]:.1f} s wall, {step[0]:.1f} s CPU, largest process {step[2]:.0f} MB")
        cpu = sum(step[0] for step in steps)
        wall = sum(step[1] for step in steps)
        peak = max(step[2] for step in steps)
    print(f"whole suite with CXX={cxx} {' '.join(options)}: ninja -j2 took {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU (all compiler processes), largest process {peak:.0f} MB")
    if wall >= 120:
        print(f"MISSED: the suite took {wall:.1f} s, more than 120 s")
        return 1
    print("within the 120 s target")
    return 0


def main(argv):
    if "--suite" in argv:
        return suite(argv[argv.index("--suite") + 1:])
    runs, max_s, max_mb, include, extra = 2, 3.0, 400.0, None, []
    sep = argv.index("--")
    opts, sources = argv[:sep], argv[sep + 1:]
    for i in range(0, len(opts), 2):
        name, value = opts[i], opts[i + 1]
        if name == "--runs":
            runs = int(value)
        elif name == "--max-seconds":
            max_s = float(value)
        elif name == "--max-mb":
            max_mb = float(value)
        elif name == "--include":
            include = value
        elif name == "--arg":
            extra.append(value)
        else:
            sys.exit(f"measure.py: unknown option {name}")
    missed = []
    print(f"{'compiler':9} {'file':22} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} {'CPU ratio':>10} {'MB ratio':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for compiler in ("g++", "clang++"):
            version = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
            base = None
            for source in sources:
                best = None
                for _ in range(runs):
                    cpu, wall, peak, rc, err = timed([compiler, "-std=c++20", "-O2", "-I", include] + extra
                                                     + ["-c", source, "-o", tmp + "/probe.o"])
                    if rc != 0:
                        sys.exit(f"{compiler} failed on {source}:\n{err[-3000:]}")
                    if best is None or cpu < best[0]:
                        best = (cpu, wall, peak)
                cpu, wall, peak = best
                name = pathlib.Path(source).name
                if base is None:
                    base = best
                    ratio = ""
                else:
                    ratio = f"{cpu / base[0]:9.2f}x {peak / base[2]:8.2f}x"
                    if cpu >= max_s or peak >= max_mb:
                        missed.append(f"{compiler} {name}: {cpu:.2f} s, {peak:.0f} MB")
                print(f"{compiler:9} {name:22} {cpu:7.2f} {wall:7.2f} {peak:8.0f} {ratio}")
            print(f"  ({version})")
    print(f"budget per file: under {max_s:g} s CPU and under {max_mb:g} MB; CPU = least of {runs} runs")
    for m in missed:
        print("MISSED:", m)
    if not missed:
        print("all files within the budget")
    return 1 if missed else 0


sys.exit(main(sys.argv[1:]))
