#!/usr/bin/env python3
"""README examples, run for real: every `$ vpcsim ...` line of a ```console block is run
with the built binary and its output (stdout and stderr, as a terminal shows them) must
match the lines the README shows under it.

  readme_test.py VPCSIM REPO_ROOT [DOC.md]

- An ```xml block is written to the file the prose just before it names (the last
  `NAME.xml` in backticks since the previous block), so the tutorial's files exist.
- A command whose line ends in `# (excerpt)` must print the shown lines as one
  contiguous run somewhere in its output; otherwise the shown lines are the whole
  output, where a line `...` stands for any number of lines.
- A command followed by no output lines (redirected or piped, say) must succeed.
Commands run in a scratch directory holding the tutorial's files and a link to the
repository's scenarios/, with the binary first on PATH.
"""
import os
import re
import subprocess
import sys
import tempfile


def blocks(text):
    """Yields (language, body lines, prose before the block)."""
    prose = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            prose.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        yield m.group(1), lines[i + 1 : j], "\n".join(prose)
        prose = []
        i = j + 1


def matches(shown, actual):
    """`shown` (with `...` wildcards) against the whole of `actual`."""
    if not shown:
        return not actual
    if shown[0] == "...":
        return any(matches(shown[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and matches(shown[1:], actual[1:])


def contains_run(shown, actual):
    n = len(shown)
    return any(actual[k : k + n] == shown for k in range(len(actual) - n + 1))


def main():
    vpcsim, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    # An optional third argument names another Markdown file of the repository whose
    # examples are checked the same way (docs/teaching.md).
    doc = sys.argv[3] if len(sys.argv) > 3 else "README.md"
    with open(os.path.join(root, doc), encoding="utf-8") as f:
        readme = f.read()
    failures, commands = 0, 0
    with tempfile.TemporaryDirectory() as work:
        bindir = os.path.join(work, ".bin")
        os.mkdir(bindir)
        os.symlink(vpcsim, os.path.join(bindir, "vpcsim"))
        os.symlink(os.path.join(root, "scenarios"), os.path.join(work, "scenarios"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        for lang, body, prose in blocks(readme):
            if lang == "xml":
                names = re.findall(r"`([\w.-]+\.xml)`", prose)
                if names and "/" not in names[-1]:
                    with open(os.path.join(work, names[-1]), "w", encoding="utf-8") as out:
                        out.write("\n".join(body) + "\n")
                continue
            if lang != "console":
                continue
            k = 0
            while k < len(body):
                if not body[k].startswith("$ "):
                    k += 1
                    continue
                command = body[k][2:]
                end = k + 1
                while end < len(body) and not body[end].startswith("$ "):
                    end += 1
                shown = body[k + 1 : end]
                k = end
                excerpt = command.rstrip().endswith("# (excerpt)")
                command = re.sub(r"\s+#.*$", "", command)
                commands += 1
                run = subprocess.run(["bash", "-c", command + " 2>&1"], cwd=work, env=env,
                                     capture_output=True, text=True)
                actual = run.stdout.splitlines()
                ok = (contains_run(shown, actual) if excerpt
                      else matches(shown, actual) if shown
                      else run.returncode == 0)
                if not ok:
                    failures += 1
                    print(f"FAIL: $ {command}\n--- README shows\n" + "\n".join(shown) +
                          "\n--- the binary printed (exit " + str(run.returncode) + ")\n" +
                          run.stdout)
    print(f"{commands} README commands run, {failures} failed")
    return 1 if failures or commands == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
