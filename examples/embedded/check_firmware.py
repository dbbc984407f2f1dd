#!/usr/bin/env python3
"""check_firmware.py SIZE NM ELF [--max-text N] [--max-ram N]

Measures a firmware ELF with arm-none-eabi-size (Berkeley format: "text"
includes read-only data such as the weights) and arm-none-eabi-nm, prints
the figures and the largest symbols, and fails if
  * text > --max-text, or data + bss > --max-ram (when given);
  * any heap or C-library allocation symbol is linked in (malloc, free,
    _sbrk, operator new/delete): the firmware must use no heap;
  * unwind tables (.ARM.exidx entries) are present: no exceptions.
"""
import argparse
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("size")
parser.add_argument("nm")
parser.add_argument("elf")
parser.add_argument("--max-text", type=int)
parser.add_argument("--max-ram", type=int)
args = parser.parse_args()

berkeley = subprocess.run([args.size, args.elf], capture_output=True, text=True, check=True).stdout
text, data, bss = map(int, berkeley.splitlines()[1].split()[:3])
symbols = subprocess.run([args.nm, "--print-size", "--size-sort", "--reverse-sort", "--demangle", args.elf],
                         capture_output=True, text=True, check=True).stdout.splitlines()
sections = subprocess.run([args.size, "-A", args.elf], capture_output=True, text=True, check=True).stdout

name = args.elf.rsplit("/", 1)[-1]
print(f"{name}: text={text} data={data} bss={bss} (flash {text + data}, static RAM {data + bss})")
print("largest symbols (size in bytes, type, name):")
for line in symbols[:12]:
    parts = line.split(maxsplit=3)
    if len(parts) == 4:
        print(f"  {int(parts[1], 16):6d} {parts[2]} {parts[3]}")

failures = []
if args.max_text is not None and text > args.max_text:
    failures.append(f"text is {text} bytes, {text - args.max_text} over the budget of {args.max_text}")
if args.max_ram is not None and data + bss > args.max_ram:
    failures.append(f"data+bss is {data + bss} bytes, over the budget of {args.max_ram}")
heap = [l.split()[-1] for l in symbols
        if l.split()[-1] in ("malloc", "free", "calloc", "realloc", "_sbrk", "_sbrk_r", "_malloc_r")
        or "operator new" in l or "operator delete" in l]
if heap:
    failures.append("heap functions are linked in: " + ", ".join(heap))
for line in sections.splitlines():
    parts = line.split()
    if parts and parts[0] == ".ARM.exidx" and int(parts[1]) > 0:
        failures.append(f".ARM.exidx holds {parts[1]} bytes of unwind tables (exceptions are not disabled)")

budget = []
if args.max_text is not None:
    budget.append(f"text <= {args.max_text}")
if args.max_ram is not None:
    budget.append(f"data+bss <= {args.max_ram}")
print("budget: " + (", ".join(budget) if budget else "none") + "; no heap, no unwind tables")
for f in failures:
    print("FAIL: " + f)
sys.exit(1 if failures else 0)
