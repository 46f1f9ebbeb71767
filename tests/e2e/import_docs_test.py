#!/usr/bin/env python3
"""docs/import.md examples, run for real: every `$ vpcsim ...` line of a ```console block
runs with the built binary, in a scratch directory that links the repository's tests/
and scenarios/ (so the example paths resolve and written files stay out of the tree),
and must print (stdout then stderr) the lines shown under it. A line ending in
`# (excerpt)` must print the shown lines as one contiguous run of its output.

  import_docs_test.py VPCSIM REPO_ROOT
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile


def console_blocks(text):
    for m in re.finditer(r"^```console\n(.*?)^```", text, re.M | re.S):
        yield m.group(1).splitlines()


def commands(block):
    """(command line, shown output lines) pairs."""
    out = []
    for line in block:
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def main():
    vpcsim, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(root, "docs/import.md"), encoding="utf-8") as f:
        doc = f.read()
    failures = count = 0
    with tempfile.TemporaryDirectory() as work:
        for name in ("tests", "scenarios"):
            os.symlink(os.path.join(root, name), os.path.join(work, name))
        for block in console_blocks(doc):
            for line, shown in commands(block):
                excerpt = line.rstrip().endswith("# (excerpt)")
                argv = shlex.split(line.split("#")[0])
                assert argv[0] == "vpcsim", line
                count += 1
                run = subprocess.run([vpcsim] + argv[1:], cwd=work, capture_output=True, text=True)
                actual = (run.stdout + run.stderr).splitlines()
                if excerpt:
                    n = len(shown)
                    ok = any(actual[k:k + n] == shown for k in range(len(actual) - n + 1))
                else:
                    ok = actual == shown
                if not ok:
                    failures += 1
                    print(f"FAIL: $ {line}\n--- shown\n" + "\n".join(shown) + "\n--- actual\n" + "\n".join(actual))
    print(f"import_docs_test.py: {count} commands, {failures} failed")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
