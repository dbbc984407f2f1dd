#!/usr/bin/env python3
"""Draws docs/performance.png from the RESULT lines of a benchmark run.

    meson test -C build --benchmark --suite bench
    python3 tests/bench/plot_results.py build/meson-logs/testlog.txt docs/performance.png

One group of bars per workload: each implementation's speed relative to
Eigen's in the same run (log scale), so that the noise of a shared machine
mostly cancels. Needs gnuplot (Debian: gnuplot-nox).
"""
import re
import subprocess
import sys
import tempfile

WORKLOADS = ['W1', 'W2-30', 'W2-100', 'W3-753', 'W3-784100']
IMPLS = ['hanaprop', 'eigen', 'fann', 'tiny-dnn']


def main(log, png):
    speed = {}
    for line in open(log, encoding='utf-8', errors='replace'):
        m = re.search(r'RESULT impl=(\S+) workload=(\S+) samples_per_s=(\S+)', line)
        if m:
            speed[(m.group(1), m.group(2))] = float(m.group(3))
    rows = []
    for w in WORKLOADS:
        base = speed.get(('eigen', w))
        if not base:
            continue
        rows.append([w] + [f'{speed[(i, w)] / base:.4f}' if (i, w) in speed else '-' for i in IMPLS])
    with tempfile.NamedTemporaryFile('w', suffix='.dat', delete=False) as dat:
        dat.write('workload ' + ' '.join(IMPLS) + '\n')
        for r in rows:
            dat.write(' '.join(r) + '\n')
    script = f'''
set terminal pngcairo size 900,480 font ",11"
set output "{png}"
set title "Training and inference speed relative to Eigen (same run; higher is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y 10
set yrange [0.0005:10]
set ylabel "samples/s divided by Eigen's"
set grid ytics
set key top right
set datafile missing "-"
plot for [c=2:{len(IMPLS) + 1}] "{dat.name}" using c:xtic(1) title columnheader(c)
'''
    subprocess.run(['gnuplot'], input=script, text=True, check=True)
    for r in rows:
        print(' '.join(r))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
