#!/usr/bin/env python3
"""check_curve.py EXAMPLE unwritable DIR | written DIR DATA: runs
05-minibatch-fashion-mnist with --curve.

unwritable: the curve goes into DIR/no-such-directory/, which does not
exist. The program must fail with status 1 before it reads any data, and
say which file it could not write and why.

written: two epochs on 100 training images; the curve must be the header
and one line "epoch,accuracy" per epoch, and no temporary file may be left
beside it."""
import pathlib
import re
import shutil
import subprocess
import sys

example, mode, folder = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]) / "check_curve"
shutil.rmtree(folder, ignore_errors=True)
folder.mkdir(parents=True)

if mode == "unwritable":
    curve = folder / "no-such-directory" / "curve.csv"
    # --data names a folder that does not exist either: the curve must be refused first.
    run = subprocess.run([example, "--curve", str(curve), "--data", str(folder / "no-data")],
                         capture_output=True, text=True)
    expected = f"--curve: cannot write '{curve}': No such file or directory"
    if run.returncode != 1 or expected not in run.stderr:
        sys.exit(f"expected status 1 and '{expected}', got status {run.returncode}:\n{run.stdout}{run.stderr}")
else:
    curve = folder / "curve.csv"
    run = subprocess.run([example, "--curve", str(curve), "--epochs", "2", "--train", "100", "--data", sys.argv[4]],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"status {run.returncode}:\n{run.stdout}{run.stderr}")
    lines = curve.read_text().splitlines()
    if len(lines) != 3 or lines[0] != "epoch,accuracy" or not all(
            re.fullmatch(rf"{n},\d+\.\d\d", line) for n, line in zip((1, 2), lines[1:])):
        sys.exit(f"unexpected curve:\n{curve.read_text()}")
    if sorted(p.name for p in folder.iterdir()) != ["curve.csv"]:
        sys.exit(f"files left beside the curve: {sorted(p.name for p in folder.iterdir())}")
print("ok")
