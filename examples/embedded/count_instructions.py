#!/usr/bin/env python3
"""count_instructions.py QEMU NM OBJDUMP MACHINE ELF FUNCTION

Runs ELF under qemu-system-arm with one logged line per executed
instruction (-singlestep -d exec,nochain) and counts the instructions of
one call of FUNCTION, callees included: from its first instruction until
execution reaches the return address of the `bl FUNCTION` call site.
QEMU's instruction trace is deterministic, so the count is too (it counts
instructions, not cycles: QEMU is not cycle-accurate). Fails if the
firmware fails or the function is never reached."""
import os
import re
import subprocess
import sys
import tempfile

qemu, nm, objdump, machine, elf, function = sys.argv[1:7]
symbols = subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout
entry = next(int(l.split()[0], 16) & ~1 for l in symbols.splitlines() if l.split()[-1] == function)
disassembly = subprocess.run([objdump, "-d", elf], capture_output=True, text=True, check=True).stdout
returns = set()
for line in disassembly.splitlines():
    m = re.match(r"\s*([0-9a-f]+):\s+([0-9a-f]{4} [0-9a-f]{4})\s+bl\s+[0-9a-f]+ <%s>" % re.escape(function), line)
    if m:
        returns.add(int(m.group(1), 16) + 4)
if not returns:
    sys.exit(f"FAIL: no 'bl {function}' call site in {elf}")

with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "trace.log")
    run = subprocess.run([qemu, "-M", machine, "-display", "none", "-semihosting-config", "enable=on,target=native",
                          "-singlestep", "-d", "exec,nochain", "-D", log, "-kernel", elf],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        sys.exit(f"FAIL: the firmware exited with status {run.returncode}")
    pattern = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
    counting, count, counts, total = False, 0, [], 0
    with open(log) as trace:
        for line in trace:
            m = pattern.match(line)
            if not m:
                continue
            total += 1
            pc = int(m.group(1), 16)
            if not counting and pc == entry:
                counting, count = True, 0
            if counting:
                if pc in returns:
                    counting = False
                    counts.append(count)
                    continue
                count += 1
if not counts:
    sys.exit(f"FAIL: {function} was never executed")
print(f"{os.path.basename(elf)} on {machine}: {function} = {counts[0]} instructions per call "
      f"(whole run: {total} instructions)")
