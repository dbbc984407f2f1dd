"""The functions a program defines, by their demangled names, for the tests
that check what the compiler kept out of line (tests/guards/
check_copy_targets.py, tests/bench/check_inlined.py)."""
import subprocess


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
