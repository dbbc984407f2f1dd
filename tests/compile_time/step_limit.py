#!/usr/bin/env python3
"""step_limit.py DOC EXAMPLE -- COMPILER [ARGS...]

The compilers' default constant-evaluation budgets, measured rather than
written down: how many XOR epochs examples/06-compile-time-training.cpp can train
inside the compiler with no limit raised. DOC (docs/compile-time.md) says
"XOR 2-3-1 epochs that fit the default | **G** (G+1 fails) | **C** (C+1
fails)" and the example says "clang 14's default limit fits C, g++ 12's G";
for the compiler given, the script compiles the example with
-DXOR_EPOCHS=N for the documented N (it must compile) and N + 1 (it must
stop at the budget, with the compiler's own message). If either does not
hold, it finds the real limit by bisection and fails, printing it, so the
figures are corrected from a measurement. It also checks that the
example's own epoch count fits the budget of the compiler."""
import pathlib
import re
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
doc, example, command = pathlib.Path(args[0]), pathlib.Path(args[1]), args[sep + 1:]

version = subprocess.run(command + ["--version"], capture_output=True, text=True).stdout
is_clang = "clang" in version
name = "clang" if is_clang else "g++"
budget_message = ("constexpr evaluation hit maximum step limit" if is_clang
                  else "evaluation operation count exceeds limit")   # g++ quotes 'constexpr' by locale

row = re.search(r"^\| XOR 2-3-1 epochs that fit the default \| \*\*(\d+)\*\* \((\d+) fails\) \| "
                r"\*\*(\d+)\*\* \((\d+) fails\) \|$", doc.read_text(encoding="utf-8"), re.M)
if not row:
    sys.exit(f"FAIL: {doc} has no 'XOR 2-3-1 epochs that fit the default' row in the expected form")
gxx_fit, gxx_fail, clang_fit, clang_fail = (int(g) for g in row.groups())
if gxx_fail != gxx_fit + 1 or clang_fail != clang_fit + 1:
    sys.exit(f"FAIL: {doc}: each 'fails' figure must be the 'fit' figure plus one")
source = example.read_text(encoding="utf-8")
comment = re.search(r"#define XOR_EPOCHS (\d+)\s+// clang 14's default limit fits (\d+), g\+\+ 12's (\d+)", source)
if not comment:
    sys.exit(f"FAIL: {example} has no '#define XOR_EPOCHS N   // clang 14's default limit fits C, g++ 12's G' line")
default_epochs, example_clang, example_gxx = (int(g) for g in comment.groups())
if (example_clang, example_gxx) != (clang_fit, gxx_fit):
    sys.exit(f"FAIL: {example} says clang {example_clang} and g++ {example_gxx}, "
             f"{doc} says clang {clang_fit} and g++ {gxx_fit}")
documented = clang_fit if is_clang else gxx_fit


def fits(epochs):
    """False if the budget stops the training of this many epochs. (Too
    few epochs fail the example's static_asserts instead: they fit.)"""
    result = subprocess.run(command + ["-fsyntax-only", f"-DXOR_EPOCHS={epochs}", str(example)],
                            capture_output=True, text=True)
    return budget_message not in result.stderr


print(f"{name}: the documented limit is {documented} epochs")
if fits(documented) and not fits(documented + 1):
    if default_epochs > documented:
        sys.exit(f"FAIL: the example trains {default_epochs} epochs, more than {name}'s budget")
    print(f"PASS: {name} compiles {documented} XOR epochs and stops at {documented + 1}")
    sys.exit(0)

low, high = 1, 4096   # low fits, high does not
if not fits(low) or fits(high):
    sys.exit(f"FAIL: the limit is outside 1 .. {high}")
while high - low > 1:
    middle = (low + high) // 2
    if fits(middle):
        low = middle
    else:
        high = middle
sys.exit(f"FAIL: {name} fits {low} XOR epochs and fails at {high}; the docs say {documented}: "
         f"correct {doc} and {example}")
