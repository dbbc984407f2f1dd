#!/usr/bin/env python3
"""plot_curves.py OUT.png LABEL=CURVE.csv [LABEL=CURVE.csv ...]

Draws training curves, test accuracy against epoch, from the CSV files that
examples/05-minibatch-fashion-mnist.cpp writes with --curve (a header line
"epoch,accuracy", then one line per epoch), one line per file. Needs
gnuplot (Debian: gnuplot-nox). docs/training-curves.md shows the result.
"""
import csv
import pathlib
import subprocess
import sys
import tempfile


def main(out, curves):
    if not curves:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        plots = []
        for n, spec in enumerate(curves):
            label, _, path = spec.partition("=")
            with open(path, newline="") as f:
                rows = [(int(r["epoch"]), float(r["accuracy"])) for r in csv.DictReader(f)]
            if not rows:
                sys.exit(f"{path}: no epoch in the file")
            data = pathlib.Path(tmp) / f"curve{n}.dat"
            data.write_text("".join(f"{e} {a}\n" for e, a in rows))
            plots.append(f"'{data}' using 1:2 with linespoints title '{label}'")
        script = "\n".join([
            "set terminal pngcairo size 800,450 noenhanced" if has_cairo() else "set terminal png size 800,450",
            f"set output '{out}'",
            "set xlabel 'epoch'",
            "set ylabel 'test accuracy (%)'",
            "set key bottom right",
            "set grid",
            "plot " + ", ".join(plots),
        ])
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


def has_cairo():
    result = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    return "pngcairo" in result.stdout + result.stderr


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
