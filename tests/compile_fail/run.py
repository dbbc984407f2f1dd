#!/usr/bin/env python3
"""run.py SNIPPET -- COMPILER [ARGS...]

A compile-fail test and its twin in one file. The snippet is compiled
twice with the given command:
  1. as it is: it must compile (so that a broken include path or a typo
     cannot make the failing case "pass");
  2. with -DHANAPROP_MUST_FAIL: it must NOT compile, and the diagnostic
     must match every `// expect: REGEX` line of the snippet.
`// max-lines: N` (optional) bounds the length of the whole diagnostic."""
import pathlib
import re
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--")
snippet, command = pathlib.Path(args[0]), args[sep + 1:]
text = snippet.read_text(encoding="utf-8")
expected = re.findall(r"^// expect: (.+)$", text, re.M)
max_lines = re.search(r"^// max-lines: (\d+)$", text, re.M)
if not expected:
    sys.exit(f"{snippet}: no '// expect:' line")

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
if max_lines and len(diagnostic.splitlines()) > int(max_lines.group(1)):
    sys.exit(f"FAIL: the diagnostic of {snippet.name} has {len(diagnostic.splitlines())} lines, "
             f"more than {max_lines.group(1)}")
print(f"PASS: {snippet.name}: the twin compiles, the failing case fails with the expected text")
