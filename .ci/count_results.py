#!/usr/bin/env python3
"""count_results.py TESTLOG_JSON: print "PASSED FAILED" for one meson test run.

Meson writes one JSON object per test to meson-logs/testlog.json. OK and
EXPECTEDFAIL pass, SKIP counts as neither, everything else fails. A missing
log (the build failed before any test ran) counts as one failure."""
import json
import sys

passed = failed = 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            if not line.strip():
                continue
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result != "SKIP":
                failed += 1
except OSError:
    failed = 1
print(passed, failed)
