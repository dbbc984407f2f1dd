"""The CPU a benchmark runs on, which every benchmark prints: machines
differ from one run to the next, and a figure means little without it."""

SIMD_FLAGS = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512vl', 'avx512bw', 'avx512dq']


def _cpuinfo():
    try:
        with open('/proc/cpuinfo') as f:
            return f.read()
    except OSError:
        return ''


def flags():
    for line in _cpuinfo().splitlines():
        if line.startswith('flags'):
            return set(line.split(':', 1)[1].split())
    return set()


def model():
    for line in _cpuinfo().splitlines():
        if line.startswith('model name'):
            return line.split(':', 1)[1].strip()
    return 'unknown CPU'


def describe():
    present = [f for f in SIMD_FLAGS if f in flags()]
    return f'CPU: {model()}; vector flags: {" ".join(present) or "none of " + " ".join(SIMD_FLAGS)}'


def callgrind_runs_native_code():
    """valgrind 3.19 stops with SIGILL at the first AVX-512 instruction, and
    a -march=native build on an AVX-512 machine has them."""
    return 'avx512f' not in flags()
