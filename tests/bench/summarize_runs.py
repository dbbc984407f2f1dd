#!/usr/bin/env python3
"""summarize_runs.py RUN.txt...

Puts several runs of tests/bench/run_matrix.py side by side, each run's
output saved to a file, so that a claim rests on every run and not on the
best one:

- for every cell and workload, the ratio Eigen time / hanaprop time of
  each run, in the order given, and whether the cell's target (the same
  as run_matrix.py's) was met in all runs or missed in some;
- when the runs have it, hanaprop's time over its best cell's time, run by
  run (the flag cliff: 1.00 is the best build of that run).

docs/performance.md's three-run tables are this output.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plot_ratios import read_tables  # noqa: E402
from run_bench import TARGETS  # noqa: E402

CLIFF_HEADING = '#### hanaprop in each cell: time / best time over the cells'
CLIFF_ROW = re.compile(r'^\|\s*([A-Za-z0-9-]+)\s*\|((?:\s*[0-9.]+\s*\|)+)\s*$')


def read_cliff(text):
    """{cell name: [time / best, one per workload]} and the workloads."""
    if CLIFF_HEADING not in text:
        return [], {}
    lines = text.split(CLIFF_HEADING, 1)[1].strip().splitlines()
    workloads = [w.strip() for w in lines[0].strip('|').split('|')[1:]]
    rows = {}
    for line in lines[2:]:
        row = CLIFF_ROW.match(line)
        if not row:
            break
        rows[row.group(1)] = [float(v) for v in row.group(2).strip().strip('|').split('|')]
    return workloads, rows


def main(paths):
    texts = [open(p).read() for p in paths]
    runs = [read_tables(t) for t in texts]
    cells = runs[0][0]
    workloads = [w for w in runs[0][1][cells[0]]]
    print(f'Eigen time / hanaprop time in each of {len(runs)} runs, then the target '
          '(g++: the workload\'s, clang: 1.0) and how many runs met it:')
    print()
    print('| cell | ' + ' | '.join(workloads) + ' |')
    print('|---|' + '---|' * len(workloads))
    for cell in cells:
        entries = []
        for w in workloads:
            ratios = [r[1].get(cell, {}).get(w) for r in runs]
            ratios = [x for x in ratios if x is not None]
            want = TARGETS[w][0] if cell.startswith('g++') else 1.0
            met = sum(x >= want for x in ratios)
            verdict = f'{want}: met in all' if met == len(ratios) else f'{want}: met in {met} of {len(ratios)}'
            entries.append(' / '.join(f'{x:.2f}' for x in ratios) + f' ({verdict})')
        print(f'| {cell} | ' + ' | '.join(entries) + ' |')
    print()
    cliffs = [read_cliff(t) for t in texts]
    if all(c[1] for c in cliffs):
        cliff_workloads = cliffs[0][0]
        print(f'hanaprop\'s time in each cell over its best cell\'s, in each of {len(runs)} runs, '
              'and the largest:')
        print()
        print('| cell | ' + ' | '.join(cliff_workloads) + ' |')
        print('|---|' + '---:|' * len(cliff_workloads))
        for cell in cliffs[0][1]:
            entries = []
            for k in range(len(cliff_workloads)):
                values = [c[1][cell][k] for c in cliffs if cell in c[1]]
                entries.append(' / '.join(f'{v:.2f}' for v in values) + f' (**{max(values):.2f}**)')
            print(f'| {cell} | ' + ' | '.join(entries) + ' |')
        print()
    return 0


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
