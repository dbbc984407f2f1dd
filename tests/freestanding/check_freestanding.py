#!/usr/bin/env python3
"""check_freestanding.py SOURCE -- COMPILER [ARGS...]

The core's promise, checked on a translation unit that uses all of it:
  1. it compiles with -fno-exceptions -fno-rtti;
  2. none of <iostream> <vector> <string> <cmath> <random> <memory> is
     opened, directly or through Boost.Hana (from the compiler's -H list);
  3. the object file needs nothing from libc, libm or the C++ runtime: no
     allocation, no exception machinery, no RTTI, no exp/expf (nm -u)."""
import re
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
source, command = args[0], args[sep + 1:]
flags = ["-fno-exceptions", "-fno-rtti", "-O2", "-c"]
forbidden_headers = ["iostream", "vector", "string", "cmath", "random", "memory"]
forbidden_symbols = re.compile(
    r"^(malloc|calloc|realloc|free|_Zn[wa]\w*|_Zd[la]\w*|__cxa_\w*|_ZTI\w*|_ZTS\w*|"
    r"exp|expf|expl|__exp\w*|__.*_finite|_Unwind\w*|__gxx_personality\w*)$")

with tempfile.TemporaryDirectory() as tmp:
    obj = f"{tmp}/core_only.o"
    result = subprocess.run(command + flags + ["-H", source, "-o", obj], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: the core does not compile with {' '.join(flags)}:\n{result.stderr}")
    opened = [line.lstrip(". ").strip() for line in result.stderr.splitlines() if line.startswith(".")]
    bad_headers = sorted({h for h in opened for name in forbidden_headers
                          if re.search(rf"/{name}$", h)})
    undefined = subprocess.run(["nm", "-u", "--format=posix", obj], capture_output=True, text=True,
                               check=True).stdout.split("\n")
    needed = [line.split()[0] for line in undefined if line.strip()]
    bad_symbols = [s for s in needed if forbidden_symbols.match(s)]

print(f"{len(opened)} headers opened; symbols needed from outside: {needed or 'none'}")
if bad_headers:
    print(f"FAIL: the core opens forbidden headers: {bad_headers}")
if bad_symbols:
    print(f"FAIL: the core needs forbidden symbols: {bad_symbols}")
if bad_headers or bad_symbols:
    sys.exit(1)
print("PASS: freestanding: no exceptions, no RTTI, no heap, no libm, no iostream")
