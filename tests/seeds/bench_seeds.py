#!/usr/bin/env python3
"""bench_seeds.py --bench EXE [--bench-native EXE] --tutorial PY --csv CSV [--valgrind VALGRIND]

The speed benchmark of the wheat-seeds demo (meson test --benchmark
seeds_speed): 5-fold cross-validation x 500 epochs = 420,000 sample updates.
In one run, on the same machine, it times
  - bench_seeds (C++), built with the project's flags (EXE) and with
    -march=native (the native EXE, as the benchmarks of tests/bench are):
    hanaprop's float run (the example's default: the five folds in lock
    step), the same folds one after the other, the same algorithm
    hand-written on Eigen, the bit-exact double port of the tutorial, and
    hanaprop's online step alone (thread CPU time, best of 20);
  - tutorial.py: the tutorial itself, pure Python (CPU time, one run);
  - with valgrind: the instructions per update of hanaprop (both ways) and
    Eigen (callgrind counts: deterministic, unlike times on a shared machine);
and prints the ratios and the project's targets (under 30 ms, 300x the
Python tutorial, as fast as Eigen) for each build. It fails if a case does
not compute the scores it must (the example's, or the tutorial's published
list), so the figures are always those of the real computation."""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import cpu_info  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--bench", required=True)
parser.add_argument("--bench-native")
parser.add_argument("--tutorial", required=True)
parser.add_argument("--csv", required=True)
parser.add_argument("--valgrind")
options = parser.parse_args()
UPDATES = 420_000
PUBLISHED = "[92.857, 92.857, 97.619, 92.857, 90.476]"
DEFAULT_SCORES = "[97.619, 92.857, 97.619, 85.714, 95.238]"


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: {' '.join(command)}:\n{result.stdout}{result.stderr}")
    return result


failed = False


def expect(condition, message):
    global failed
    if not condition:
        print("FAIL:", message)
        failed = True


py = run([sys.executable, options.tutorial, options.csv]).stdout
print("tutorial.py (pure Python):", " ".join(py.split("\n")))
expect(f"Scores: {PUBLISHED}" in py, "tutorial.py does not print the published scores")
python_seconds = float(re.search(r"CPU seconds: ([0-9.]+)", py).group(1))
print(f"pure Python tutorial      {python_seconds * 1e3:10.1f} ms  {python_seconds * 1e9 / UPDATES:8.1f} ns/update")


def measure(label, bench, native=False):
    print(f"\n=== {label}: {bench}")
    out = run([bench, "20"]).stdout
    print(out, end="")
    ms = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+) +([0-9.]+) ms", out, re.M)}
    scores = {m.group(1): m.group(2) for m in re.finditer(r"^(\w+) .*Scores: (\[[^]]*\])", out, re.M)}
    expect(scores.get("hanaprop") == DEFAULT_SCORES, f"{label}: hanaprop's scores are not seeds-lockstep-kfold's default ones")
    expect(scores.get("sequential") == scores.get("hanaprop"),
           f"{label}: the folds one by one score differently from lock step")
    expect(scores.get("eigen") == scores.get("hanaprop"), f"{label}: Eigen's scores differ from hanaprop's")
    expect(scores.get("tutorial") == PUBLISHED, f"{label}: the tutorial port does not print the published scores")
    for name in ["hanaprop", "sequential", "eigen", "tutorial", "step"]:
        print(f"{name:25} {ms[name]:10.3f} ms  {ms[name] * 1e6 / UPDATES:8.1f} ns/update  "
              f"{python_seconds * 1e3 / ms[name]:7.0f}x faster than Python")
    print(f"hanaprop / Eigen time: {ms['hanaprop'] / ms['eigen']:.2f} (below 1: hanaprop is faster); "
          f"one fold after the other / Eigen: {ms['sequential'] / ms['eigen']:.2f}")
    speedup = python_seconds * 1e3 / ms["hanaprop"]
    print(f"targets ({label}): under 30 ms -> {'met' if ms['hanaprop'] < 30 else 'NOT met'} "
          f"({ms['hanaprop']:.1f} ms); 300x Python -> {'met' if speedup >= 300 else 'NOT met'} ({speedup:.0f}x); "
          f"as fast as Eigen -> {'met' if ms['hanaprop'] <= ms['eigen'] else 'NOT met'}")

    if options.valgrind and native and not cpu_info.callgrind_runs_native_code():
        print("no instruction counts for the -march=native build: valgrind cannot run AVX-512 code")
    elif options.valgrind:
        def instructions(*case):
            r = run([options.valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", bench] + list(case))
            return int(re.search(r"Collected : (\d+)", r.stderr).group(1))
        base = instructions("0")
        counts = {name: instructions("1", name) - base for name in ["hanaprop", "sequential", "eigen"]}
        for name, count in counts.items():
            print(f"callgrind {name:15} {count:12,d} instructions  {count / UPDATES:7.1f} per update")
        print(f"hanaprop / Eigen instructions: {counts['hanaprop'] / counts['eigen']:.2f}")


print(cpu_info.describe())
measure("project flags (-O2)", options.bench)
if options.bench_native:
    measure("-O2 -march=native", options.bench_native, native=True)

sys.exit(1 if failed else 0)
