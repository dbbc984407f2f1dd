#!/usr/bin/env python3
"""plot_ratios.py TABLES.md OUT.png

Draws the flag matrix as grouped bars: for each workload, one bar per cell
(compiler and flags) with Eigen's time divided by hanaprop's, and a line
at 1.0, above which hanaprop is faster. TABLES.md is docs/performance.md,
or the output of tests/bench/run_matrix.py saved to a file: a heading
naming the cell (a line of #s, then e.g. "g++ -O2 (default target)")
followed by a table whose rows are
    | workload | hanaprop ns | Eigen ns | ratio | target |
Needs gnuplot (Debian: gnuplot-nox). docs/performance.md shows the result.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

ROW = re.compile(r"^\|\s*(W[0-9][-0-9]*)\s*\|[^|]*\|[^|]*\|\s*([0-9.]+)\s*\|")
CELL = re.compile(r"^#+\s*((?:g\+\+|clang\+\+).*)$")


def read_tables(text):
    """Returns the cells in order and {cell: {workload: ratio}}."""
    cells, ratios, cell = [], {}, None
    for line in text.splitlines():
        heading = CELL.match(line)
        if heading:
            cell = heading.group(1).strip()
            cells.append(cell)
            ratios[cell] = {}
            continue
        row = ROW.match(line)
        if row and cell is not None:
            ratios[cell][row.group(1)] = float(row.group(2))
    cells = [c for c in cells if ratios[c]]
    return cells, ratios


def main(tables, out):
    cells, ratios = read_tables(pathlib.Path(tables).read_text())
    if not cells:
        sys.exit(f"{tables}: no table of ratios under a g++ or clang++ heading")
    workloads = []
    for cell in cells:
        workloads += [w for w in ratios[cell] if w not in workloads]
    missing = [(c, w) for c in cells for w in workloads if w not in ratios[c]]
    if missing:
        sys.exit(f"{tables}: no ratio for " + ", ".join(f"{w} in '{c}'" for c, w in missing))
    top = max(max(r.values()) for r in ratios.values())
    with tempfile.TemporaryDirectory() as tmp:
        data = pathlib.Path(tmp) / "ratios.dat"
        # One line per workload, one column per cell: gnuplot's clustered histogram.
        data.write_text("".join(w + " " + " ".join(f"{ratios[c][w]}" for c in cells) + "\n" for w in workloads))
        bars = [f"'{data}' using {k + 2}:xtic(1) title '{cell}'" for k, cell in enumerate(cells)]
        script = "\n".join([
            "set terminal pngcairo size 900,450 noenhanced" if has_cairo() else "set terminal png size 900,450",
            f"set output '{out}'",
            "set style data histogram",
            "set style histogram clustered gap 1",
            "set style fill solid 0.8 border -1",
            "set boxwidth 0.9",
            "set title 'Eigen time / hanaprop time per sample: above the dashed line, hanaprop is faster'",
            "set ylabel 'Eigen time / hanaprop time'",
            f"set yrange [0:{top * 1.15:.2f}]",
            "set grid ytics",
            "set key top left",
            # The line where both take the same time.
            "set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb 'black' front",
            "plot " + ", ".join(bars),
        ])
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


def has_cairo():
    result = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    return "pngcairo" in result.stdout + result.stderr


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
