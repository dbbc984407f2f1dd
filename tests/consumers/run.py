#!/usr/bin/env python3
"""run.py [--counts FILE] SOURCE_ROOT BUILD_ROOT -- COMPILER [ARGS...]

Builds and runs each consumer project of tests/consumers/, the four ways
another project picks hanaprop up, each in a temporary folder with a copy
of consumer.cpp:
  plain            COMPILER -std=c++20 -I SOURCE_ROOT/include (plain/build.sh);
  meson-subproject a Meson project whose subprojects/hanaprop.wrap points at
                   an archive of the checkout: dependency('hanaprop');
  pkg-config       `meson install --destdir` of BUILD_ROOT, then
                   `pkg-config --cflags hanaprop` (pkg-config/build.sh);
  cmake            the same install, then find_package(hanaprop CONFIG) and
                   the target hanaprop::hanaprop (cmake/CMakeLists.txt).
Prints one line per consumer and "consumers: N passed, M failed"; with
--counts, also writes "N M" to FILE (how .ci/run adds them to its total).
Exits with status 1 if any consumer fails."""
import hashlib
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
args = sys.argv[1:]
counts_file = None
if args[:1] == ["--counts"]:
    counts_file, args = args[1], args[2:]
sep = args.index("--")
source_root, build_root = pathlib.Path(args[0]).resolve(), pathlib.Path(args[1]).resolve()
compiler = args[sep + 1:]


class Failure(Exception):
    pass


def run(command, **kwargs):
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise Failure(f"{shlex.join(map(str, command))} exited with {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def project(name, tmp):
    """A copy of the consumer project `name`, with consumer.cpp in it."""
    folder = tmp / name
    shutil.copytree(HERE / name, folder)
    shutil.copy(HERE / "consumer.cpp", folder)
    return folder


def check_output(output):
    if "consumer: 1 xor 0 -> " not in output:
        raise Failure(f"the consumer printed {output!r}")


def plain(tmp):
    folder = project("plain", tmp)
    run(["sh", "build.sh"] + compiler, cwd=folder, env=dict(os.environ, HANAPROP=str(source_root)))
    check_output(run([folder / "consumer"]))


def meson_subproject(tmp):
    folder = project("meson-subproject", tmp)
    # The archive of the checkout that the wrap file points at (the source
    # files only: no build folders, no .git).
    archive = tmp / "hanaprop-checkout.tar.gz"
    skip = {".git", "subprojects", "__pycache__"}
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(source_root.iterdir()):
            if path.name not in skip and not path.name.startswith("build"):
                tar.add(path, arcname=f"hanaprop-checkout/{path.name}")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (folder / "subprojects").mkdir()
    (folder / "subprojects" / "hanaprop.wrap").write_text(
        "[wrap-file]\n"
        "directory = hanaprop-checkout\n"
        f"source_url = {archive.as_uri()}\n"
        f"source_filename = {archive.name}\n"
        f"source_hash = {digest}\n\n"
        "[provide]\n"
        "dependency_names = hanaprop\n")
    env = dict(os.environ, CXX=shlex.join(compiler))
    # forcefallback: the wrap is used even where a hanaprop is installed.
    run(["meson", "setup", "--force-fallback-for=hanaprop", folder / "build", folder], env=env)
    run(["meson", "compile", "-C", folder / "build"])
    check_output(run([folder / "build" / "consumer"]))


def install(tmp):
    """`meson install` of the build into tmp/destdir, once: its prefix."""
    destdir = tmp / "destdir"
    if not destdir.exists():
        run(["meson", "install", "-C", build_root, "--no-rebuild", "--quiet", "--destdir", destdir])
    prefixes = [p.parent.parent.parent for p in destdir.rglob("include/hanaprop/hanaprop.hpp")]
    if len(prefixes) != 1:
        raise Failure(f"expected one include/hanaprop/hanaprop.hpp under {destdir}, found {len(prefixes)}")
    return destdir, prefixes[0]


def pkg_config(tmp):
    destdir, prefix = install(tmp)
    pc_files = list(destdir.rglob("hanaprop.pc"))
    if len(pc_files) != 1 or pc_files[0].parent != prefix / "share" / "pkgconfig":
        raise Failure(f"expected share/pkgconfig/hanaprop.pc, found {pc_files}")
    folder = project("pkg-config", tmp)
    env = dict(os.environ, PKG_CONFIG_PATH=str(pc_files[0].parent), PKG_CONFIG_SYSROOT_DIR=str(destdir))
    run(["sh", "build.sh"] + compiler, cwd=folder, env=env)
    check_output(run([folder / "consumer"]))


def cmake(tmp):
    destdir, prefix = install(tmp)
    if not (prefix / "share" / "cmake" / "hanaprop" / "hanapropConfig.cmake").is_file():
        raise Failure("expected share/cmake/hanaprop/hanapropConfig.cmake in the install")
    folder = project("cmake", tmp)
    launcher = [f"-DCMAKE_CXX_COMPILER_LAUNCHER={';'.join(compiler[:-1])}"] if len(compiler) > 1 else []
    run(["cmake", "-S", folder, "-B", folder / "build", "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}",
         f"-DCMAKE_CXX_COMPILER={compiler[-1]}"] + launcher)
    run(["cmake", "--build", folder / "build"])
    check_output(run([folder / "build" / "consumer"]))


passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, build in [("plain", plain), ("meson-subproject", meson_subproject), ("pkg-config", pkg_config),
                        ("cmake", cmake)]:
        try:
            build(pathlib.Path(tmp))
            print(f"PASS {name}")
            passed += 1
        except Failure as e:
            print(f"FAIL {name}: {e}")
            failed += 1
print(f"consumers: {passed} passed, {failed} failed")
if counts_file:
    pathlib.Path(counts_file).write_text(f"{passed} {failed}\n")
sys.exit(1 if failed else 0)
