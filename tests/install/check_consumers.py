#!/usr/bin/env python3
"""check_consumers.py SOURCE_ROOT BUILD_ROOT -- COMPILER [ARGS...]

The two ways another project picks hanaprop up, tried for real:
  1. installed: `meson install --destdir` puts the headers under
     include/hanaprop/ and hanaprop.pc under share/pkgconfig; a program
     compiled with `pkg-config --cflags hanaprop` builds and runs;
  2. as a Meson subproject: a fresh project with subprojects/hanaprop
     (a link to this source tree) gets `dependency('hanaprop')` through
     meson.override_dependency, builds and runs."""
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
source_root, build_root, compiler = pathlib.Path(args[0]), pathlib.Path(args[1]), args[sep + 1:]

PROGRAM = """#include <hanaprop/hanaprop.hpp>
int main() {
    using net_t = hanaprop::network<2, 2, 1>;
    constexpr auto net = hanaprop::random_network<net_t>(1);
    const float y = net.predict(std::array<float, 2>{1, 0})[0];
    return y > 0.0f && y < 1.0f ? 0 : 1;
}
"""


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAIL: {shlex.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    destdir = tmp / "destdir"
    run(["meson", "install", "-C", str(build_root), "--no-rebuild", "--quiet", "--destdir", str(destdir)])
    pc_files = list(destdir.rglob("hanaprop.pc"))
    headers = list(destdir.rglob("include/hanaprop/hanaprop.hpp"))
    if len(pc_files) != 1 or "share/pkgconfig" not in str(pc_files[0]) or len(headers) != 1:
        sys.exit(f"FAIL: expected one share/pkgconfig/hanaprop.pc and include/hanaprop/: {pc_files} {headers}")
    env = dict(os.environ, PKG_CONFIG_PATH=str(pc_files[0].parent), PKG_CONFIG_SYSROOT_DIR=str(destdir))
    cflags = run(["pkg-config", "--cflags", "hanaprop"], env=env).split()
    (tmp / "main.cpp").write_text(PROGRAM)
    run(compiler + cflags + [str(tmp / "main.cpp"), "-o", str(tmp / "installed")])
    run([str(tmp / "installed")])
    print(f"installed: {pc_files[0].relative_to(destdir)} -> pkg-config --cflags: {' '.join(cflags)}: OK")

    consumer = tmp / "consumer"
    (consumer / "subprojects").mkdir(parents=True)
    (consumer / "subprojects" / "hanaprop").symlink_to(source_root.resolve())
    (consumer / "main.cpp").write_text(PROGRAM)
    (consumer / "meson.build").write_text(
        "project('consumer', 'cpp', default_options : ['cpp_std=c++20'])\n"
        "subproject('hanaprop')\n"
        "executable('consumer', 'main.cpp', dependencies : dependency('hanaprop'))\n")
    env = dict(os.environ, CXX=shlex.join(compiler))
    run(["meson", "setup", str(consumer / "build"), str(consumer)], env=env)
    run(["meson", "compile", "-C", str(consumer / "build")])
    run([str(consumer / "build" / "consumer")])
    print("subproject: dependency('hanaprop') builds and runs: OK")
