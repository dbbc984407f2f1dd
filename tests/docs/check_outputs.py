#!/usr/bin/env python3
"""check_outputs.py MARKDOWN SOURCE_ROOT -- COMPILER [ARGS...]

For every block of a Markdown page fenced as ```cpp run: compiles it as a
program (with the given compiler command), runs it in a folder where
`hanaprop` is the source tree (so the page can name
hanaprop/examples/data/...), and asserts that its standard output is the
next ```text block of the page, line for line. So a page that shows what a
program prints cannot drift from what it prints. Fails if the page has no
such block."""
import pathlib
import re
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
markdown, source_root, command = pathlib.Path(args[0]), pathlib.Path(args[1]).resolve(), args[sep + 1:]
text = markdown.read_text(encoding="utf-8")
runs = list(re.finditer(r"^```cpp run\n(.*?)^```", text, re.S | re.M))
if not runs:
    sys.exit(f"{markdown}: no ```cpp run block")

failures = 0
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    (tmp / "hanaprop").symlink_to(source_root)
    for n, run in enumerate(runs):
        line = text.count("\n", 0, run.start()) + 2
        expected = re.search(r"^```text\n(.*?)^```", text[run.end():], re.S | re.M)
        if not expected:
            failures += 1
            print(f"{markdown}:{line}: no ```text block after this program")
            continue
        source, program = tmp / f"program{n}.cpp", tmp / f"program{n}"
        source.write_text(run.group(1), encoding="utf-8")
        built = subprocess.run(command + [str(source), "-o", str(program)], capture_output=True, text=True)
        if built.returncode != 0:
            failures += 1
            print(f"{markdown}:{line}: the program does not compile:\n{built.stderr}")
            continue
        ran = subprocess.run([str(program)], cwd=tmp, capture_output=True, text=True)
        if ran.returncode != 0 or ran.stdout.splitlines() != expected.group(1).splitlines():
            failures += 1
            print(f"{markdown}:{line}: the program exited with {ran.returncode} and printed\n{ran.stdout}{ran.stderr}"
                  f"but the page shows\n{expected.group(1)}")
print(f"{markdown}: {len(runs) - failures} of {len(runs)} programs print what the page shows")
sys.exit(1 if failures else 0)
