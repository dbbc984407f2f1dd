#!/usr/bin/env python3
"""check_rodata.py SOURCE CONTROL -- COMPILER [ARGS...]

Shows, from the object files, that the network of SOURCE
(examples/06-compile-time-training.cpp) was trained by the compiler:
  1. its symbol `xor_network` is 13 floats (52 bytes) in a read-only
     section (.rodata*), at -O0 and at -O2;
  2. the object has no static initialiser (no .init_array / .ctors
     section, no _GLOBAL__sub_I_ / __cxx_global_var_init function);
  3. at -O0, where nothing is inlined, no training function of hanaprop
     (train_*, backprop*, feedforward, output_error, fast::update, ...)
     is in the object: only the forward pass that main uses;
  4. the 52 bytes in .rodata are the parameters the program prints (with
     9 significant digits, which round-trip a float).
CONTROL (tests/compile_time/runtime_trained.cpp, XOR trained at run time)
must fail checks 2 and 3, which shows that the checks can fail.
Uses nm and objdump from binutils."""
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
source, control = args[0], args[1]
compiler = args[sep + 1:]

NAME = "xor_network"
SIZE = 13 * 4
TRAINING = re.compile(r"hanaprop::(train_\w+|backpropagate|feedforward|output_error|accumulate_gradient"
                      r"|random_network|fast::(update|backward_and_update|backward_delta|subtract_scaled))\b")
INIT = re.compile(r"_GLOBAL__sub_I|__cxx_global_var_init|_GLOBAL__I_")


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)}\n{result.stderr}")
    return result.stdout


def sections(obj):
    # objdump -h: "  5 .rodata  00000070  0000...  0000...  00000480  2**5"
    return {m.group(1): (int(m.group(2), 16), int(m.group(3), 16))
            for m in re.finditer(r"^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)",
                                 run(["objdump", "-h", obj]), re.M)}


def inspect(obj):
    """(section of NAME, its size, its bytes, training symbols, initialiser evidence)"""
    symbols = run(["nm", "-C", "--defined-only", obj])
    training = sorted({m.group(0) for m in TRAINING.finditer(symbols)})
    init = [s for s in sections(obj) if s in (".init_array", ".ctors")]
    init += sorted({m.group(0) for m in INIT.finditer(run(["nm", obj]))})
    # objdump -t: "0000000000000000 g     O .rodata	0000000000000034 xor_network"
    m = re.search(r"^([0-9a-f]+)\s.*?\s(\S+)\t([0-9a-f]+)\s+" + NAME + "$", run(["objdump", "-t", obj]), re.M)
    if not m:
        return None, 0, b"", training, init
    offset, section, size = int(m.group(1), 16), m.group(2), int(m.group(3), 16)
    data = b""
    if section in sections(obj):
        _, file_offset = sections(obj)[section]
        data = pathlib.Path(obj).read_bytes()[file_offset + offset:file_offset + offset + size]
    return section, size, data, training, init


failures = []
with tempfile.TemporaryDirectory() as tmp:
    for level in ("-O0", "-O2"):
        obj = f"{tmp}/xor{level}.o"
        run(compiler + [level, "-c", source, "-o", obj])
        section, size, data, training, init = inspect(obj)
        print(f"{level}: {NAME} in {section}, {size} bytes; training symbols: {training or 'none'}; "
              f"static initialiser: {init or 'none'}")
        if section is None or not section.startswith(".rodata"):
            failures.append(f"{level}: {NAME} is not in a .rodata section (found: {section})")
        if size != SIZE:
            failures.append(f"{level}: {NAME} has {size} bytes, not {SIZE}")
        if training:
            failures.append(f"{level}: training code in the object: {training}")
        if init:
            failures.append(f"{level}: a static initialiser in the object: {init}")
        if level == "-O2":
            exe = f"{tmp}/xor"
            run(compiler + [level, obj, "-o", exe])
            output = run([exe])
            printed = [float(v) for v in re.search(r"^parameters:(.*)$", output, re.M).group(1).split()]
            stored = list(struct.unpack(f"<{SIZE // 4}f", data)) if len(data) == SIZE else []
            print(f"printed parameters: {printed}\nbytes in {section}: {stored}")
            if [struct.pack("<f", v) for v in printed] != [struct.pack("<f", v) for v in stored]:
                failures.append("the bytes in .rodata are not the parameters the program prints")

    # The control must trip the checks 2 and 3: otherwise they test nothing.
    obj = f"{tmp}/control.o"
    run(compiler + ["-O0", "-c", control, "-o", obj])
    section, size, data, training, init = inspect(obj)
    print(f"control -O0: {NAME} in {section}; training symbols: {training}; static initialiser: {init}")
    if not training:
        failures.append("the control trains at run time, but no training symbol was found in it")
    if not init:
        failures.append("the control has a static initialiser, but none was found")
    if section is not None and section.startswith(".rodata"):
        failures.append("the control's network is written at run time, yet was found in .rodata")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
