#!/usr/bin/env python3
"""bench_seeds.py BENCH_EXE TUTORIAL_PY CSV [VALGRIND]

The speed benchmark of the wheat-seeds demo (meson test --benchmark
seeds_speed): 5-fold cross-validation x 500 epochs = 420,000 sample updates.
In one run, on the same machine, it times
  - bench_seeds (C++): hanaprop's float run (the example's default: the
    five folds in lock step), the same folds one after the other, the same
    algorithm hand-written on Eigen, the bit-exact double port of the
    tutorial, and hanaprop's online step alone (thread CPU time, best of 20);
  - tutorial.py: the tutorial itself, pure Python (CPU time, one run);
  - with valgrind: the instructions per update of hanaprop (both ways) and Eigen
    (callgrind counts: deterministic, unlike times on a shared machine);
and prints the ratios. It fails if a case does not compute the scores it
must (the example's, or the tutorial's published list), so the figures are
always those of the real computation."""
import re
import subprocess
import sys

bench, tutorial_py, csv_file = sys.argv[1:4]
valgrind = sys.argv[4] if len(sys.argv) > 4 else None
UPDATES = 420_000
PUBLISHED = "[92.857, 92.857, 97.619, 92.857, 90.476]"


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


out = run([bench, "20"]).stdout
print(out, end="")
ms = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+) +([0-9.]+) ms", out, re.M)}
scores = {m.group(1): m.group(2) for m in re.finditer(r"^(\w+) .*Scores: (\[[^]]*\])", out, re.M)}
expect(scores.get("hanaprop") == "[97.619, 92.857, 97.619, 85.714, 95.238]",
       "hanaprop's scores are not seeds_kfold's default ones")
expect(scores.get("sequential") == scores.get("hanaprop"), "the folds one by one score differently from lock step")
expect(scores.get("eigen") == scores.get("hanaprop"), "Eigen's scores differ from hanaprop's")
expect(scores.get("tutorial") == PUBLISHED, "the tutorial port does not print the published scores")

py = run([sys.executable, tutorial_py, csv_file]).stdout
print("tutorial.py (pure Python):", " ".join(py.split("\n")))
expect(f"Scores: {PUBLISHED}" in py, "tutorial.py does not print the published scores")
python_seconds = float(re.search(r"CPU seconds: ([0-9.]+)", py).group(1))

print()
print(f"pure Python tutorial      {python_seconds * 1e3:10.1f} ms  {python_seconds * 1e9 / UPDATES:8.1f} ns/update")
for name in ["hanaprop", "sequential", "eigen", "tutorial", "step"]:
    print(f"{name:25} {ms[name]:10.3f} ms  {ms[name] * 1e6 / UPDATES:8.1f} ns/update  "
          f"{python_seconds * 1e3 / ms[name]:7.0f}x faster than Python")
print(f"hanaprop / Eigen time: {ms['hanaprop'] / ms['eigen']:.2f} (below 1: hanaprop is faster); "
      f"one fold after the other / Eigen: {ms['sequential'] / ms['eigen']:.2f}")
print(f"target: under 30 ms -> {'met' if ms['hanaprop'] < 30 else 'NOT met'} ({ms['hanaprop']:.1f} ms); "
      f"300x Python -> {'met' if python_seconds * 1e3 / ms['hanaprop'] >= 300 else 'NOT met'}")

if valgrind:
    def instructions(*case):
        r = run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", bench] + list(case))
        return int(re.search(r"Collected : (\d+)", r.stderr).group(1))
    base = instructions("0")
    counts = {name: instructions("1", name) - base for name in ["hanaprop", "sequential", "eigen"]}
    for name, count in counts.items():
        print(f"callgrind {name:15} {count:12,d} instructions  {count / UPDATES:7.1f} per update")
    print(f"hanaprop / Eigen instructions: {counts['hanaprop'] / counts['eigen']:.2f}")

sys.exit(1 if failed else 0)
