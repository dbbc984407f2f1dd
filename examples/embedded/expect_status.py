#!/usr/bin/env python3
"""expect_status.py STATUS COMMAND [ARGS...]: runs COMMAND and passes only
if it exits with STATUS (Meson's should_fail accepts any failure)."""
import subprocess
import sys

expected = int(sys.argv[1])
result = subprocess.run(sys.argv[2:], timeout=60)
print(f"exit status {result.returncode}, expected {expected}")
sys.exit(0 if result.returncode == expected else 1)
