#!/usr/bin/env python3
"""sanitized_tests.py BUILD_DIR [SUITE...]: for a sanitizer build, prints
the ninja targets to build (line 1) and the tests to run (line 2): every
test that runs a program of the project, in one of the SUITEs if any are
given. The others (compile-fail cases, doc
snippets, the freestanding and install checks) run the compiler, not the
project's code, so a sanitizer adds nothing to them, and leaving them out
keeps the build to what the tests need."""
import json
import pathlib
import subprocess
import sys

build = pathlib.Path(sys.argv[1]).resolve()
suites = set(sys.argv[2:])


def introspect(what):
    return json.loads(subprocess.run(["meson", "introspect", what, str(build)], check=True,
                                     capture_output=True, text=True).stdout)


files = {t["id"]: t["filename"] for t in introspect("--targets")}
tests = [t for t in introspect("--tests")
         if t["depends"] and (not suites or suites & {s.split(":")[-1] for s in t["suite"]})]
targets = sorted({str(pathlib.Path(f).relative_to(build)) for t in tests for d in t["depends"] for f in files[d]})
print(" ".join(targets))
print(" ".join(t["name"] for t in tests))
