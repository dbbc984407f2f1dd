"""The functions a program defines, by their demangled names, and the calls
between them, for the tests that check what the compiler kept out of line
(tests/guards/check_copy_targets.py, tests/bench/check_inlined.py)."""
import re
import subprocess

# objdump -d's lines: a function's start, and a direct call or jump.
FUNCTION_START = re.compile(r'^[0-9a-f]+ <(.*)>:$')
BRANCH = re.compile(r'\s(call|jmp)q?\s+[0-9a-f]+ <(.*)>$')


def functions(nm, program):
    """The demangled names of the functions `program` defines."""
    listing = subprocess.run([nm, '-C', '--defined-only', program], capture_output=True, text=True, check=True)
    names = []
    for line in listing.stdout.splitlines():
        parts = line.split(' ', 2)
        if len(parts) == 3 and parts[1] in 'TtWw':
            names.append(parts[2])
    return names


def report(nm, programs, select, what):
    """Prints, for each program, the functions `select` picks, as `what`;
    returns the exit status: 1 if any program has one."""
    failures = 0
    for program in programs:
        found = [name for name in functions(nm, program) if select(name)]
        print(f'{program}: {len(found)} {what}')
        for name in found:
            print('    ' + name[:300])
        failures += len(found)
    return 1 if failures else 0


def direct_calls(objdump, program):
    """For each function `program` defines (by its demangled name), the
    functions it calls directly or jumps to as a tail call, from its
    disassembly. Calls through the PLT (the C library's) are left out."""
    listing = subprocess.run([objdump, '-d', '-C', '--no-show-raw-insn', program], capture_output=True, text=True,
                             check=True)
    calls = {}
    current = None
    for line in listing.stdout.splitlines():
        start = FUNCTION_START.match(line)
        if start:
            current = calls.setdefault(start.group(1), set())
            continue
        branch = BRANCH.search(line)
        # A jump inside the function names it with an offset (<f+0x1c>);
        # one to the start of another function is a tail call.
        if branch and current is not None and '@plt' not in branch.group(2) and \
                (branch.group(1) == 'call' or '+0x' not in branch.group(2)):
            current.add(branch.group(2))
    return calls
