#!/usr/bin/env python3
"""check_self_contained.py INCLUDE_DIR -- COMPILER [ARGS...]

Every header under INCLUDE_DIR/hanaprop compiles on its own (one concept
per header means any of them may be included first), and every header of
the core also with -fno-exceptions -fno-rtti. New headers are picked up
without a list to keep in sync."""
import concurrent.futures
import pathlib
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
include_dir, command = pathlib.Path(args[0]), args[sep + 1:]
headers = sorted(p.relative_to(include_dir).as_posix() for p in (include_dir / "hanaprop").rglob("*.hpp"))


def check(header, tmp):
    source = pathlib.Path(tmp) / (header.replace("/", "_") + ".cpp")
    source.write_text(f"#include <{header}>\n")
    freestanding = "/host/" not in header
    flags = ["-fsyntax-only"] + (["-fno-exceptions", "-fno-rtti"] if freestanding else [])
    result = subprocess.run(command + flags + [str(source)], capture_output=True, text=True)
    return header, result.returncode == 0, result.stderr


with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(2) as pool:
    results = list(pool.map(lambda h: check(h, tmp), headers))
failed = [(h, err) for h, ok, err in results if not ok]
for header, error in failed:
    print(f"FAIL: <{header}> does not compile on its own:\n{error}")
print(f"{len(headers) - len(failed)} of {len(headers)} headers compile on their own")
sys.exit(1 if failed else 0)
