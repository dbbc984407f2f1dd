#!/usr/bin/env python3
"""check_snippets.py MARKDOWN -- COMPILER [ARGS...]

Compiles every ```cpp block of a Markdown file as a translation unit of its
own (with the given compiler command, typically ... -fsyntax-only), so that
the docs cannot drift from the code. A block meant to show code that does
not compile, or output, is fenced as ```text instead. Fails, naming the
file and line of the block, if any block does not compile, or if the file
has no cpp block at all (a renamed fence would silently test nothing)."""
import pathlib
import re
import subprocess
import sys
import tempfile

args = sys.argv[1:]
sep = args.index("--")
markdown, command = pathlib.Path(args[0]), args[sep + 1:]

text = markdown.read_text(encoding="utf-8")
blocks = [(text.count("\n", 0, m.start()) + 2, m.group(1))
          for m in re.finditer(r"^```cpp[^\n]*\n(.*?)^```", text, re.S | re.M)]
if not blocks:
    sys.exit(f"{markdown}: no ```cpp block to check")

failures = 0
with tempfile.TemporaryDirectory() as tmp:
    for line, code in blocks:
        source = pathlib.Path(tmp) / f"snippet_line{line}.cpp"
        source.write_text(code, encoding="utf-8")
        result = subprocess.run(command + [str(source)], capture_output=True, text=True)
        if result.returncode != 0:
            failures += 1
            print(f"{markdown}:{line}: this cpp block does not compile:\n{result.stderr}")
print(f"{markdown}: {len(blocks) - failures} of {len(blocks)} cpp blocks compile")
sys.exit(1 if failures else 0)
