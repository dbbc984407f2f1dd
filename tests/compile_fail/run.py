#!/usr/bin/env python3
"""run.py SNIPPET -- COMPILER [ARGS...]

A compile-fail test and its twin in one file. The snippet is compiled
twice with the given command:
  1. as it is: it must compile (so that a broken include path or a typo
     cannot make the failing case "pass");
  2. with -DHANAPROP_MUST_FAIL: it must NOT compile, and the diagnostic
     must match every `// expect: REGEX` line of the snippet.
`// first-error: REGEX` lines (optional) must all match the FIRST line of
the diagnostic that holds ": error: " (what a user reads first): it must
name the problem and the sizes or types by itself.
`// max-lines: N` bounds the length of the whole diagnostic (default 25)."""
import pathlib
import re
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
snippet, command = pathlib.Path(args[0]), args[sep + 1:]
text = snippet.read_text(encoding="utf-8")
expected = re.findall(r"^// expect: (.+)$", text, re.M)
max_lines_match = re.search(r"^// max-lines: (\d+)$", text, re.M)
max_lines = int(max_lines_match.group(1)) if max_lines_match else 25
first_error = re.findall(r"^// first-error: (.+)$", text, re.M)
if not expected and not first_error:
    sys.exit(f"{snippet}: no '// expect:' or '// first-error:' line")

twin = subprocess.run(command + [str(snippet)], capture_output=True, text=True)
if twin.returncode != 0:
    sys.exit(f"FAIL: the compiling twin of {snippet.name} does not compile:\n{twin.stderr}")

bad = subprocess.run(command + ["-DHANAPROP_MUST_FAIL", str(snippet)], capture_output=True, text=True)
diagnostic = bad.stderr
print(diagnostic)
if bad.returncode == 0:
    sys.exit(f"FAIL: {snippet.name} compiled with HANAPROP_MUST_FAIL, but it must not")
for regex in expected:
    if not re.search(regex, diagnostic):
        sys.exit(f"FAIL: the diagnostic of {snippet.name} does not match {regex!r}")
error_lines = [line for line in diagnostic.splitlines() if ": error: " in line]
if not error_lines:
    sys.exit(f"FAIL: the diagnostic of {snippet.name} has no ': error: ' line")
print(f"first error line: {error_lines[0]}")
for regex in first_error:
    if not re.search(regex, error_lines[0]):
        sys.exit(f"FAIL: the first error line of {snippet.name} does not match {regex!r}")
lines = len(diagnostic.splitlines())
print(f"diagnostic: {lines} lines (at most {max_lines})")
if lines > max_lines:
    sys.exit(f"FAIL: the diagnostic of {snippet.name} has {lines} lines, more than {max_lines}")
print(f"PASS: {snippet.name}: the twin compiles, the failing case fails with the expected text")
