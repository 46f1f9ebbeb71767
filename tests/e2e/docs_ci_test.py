#!/usr/bin/env python3
"""docs/ci.md and its recipes in docs/ci/, checked against the real binary:

  docs_ci_test.py VPCSIM REPO_ROOT

1. Every file of docs/ci/ appears verbatim in docs/ci.md, in the fenced block after
   the prose that names it (so the page shows what users copy).
2. The YAML parses and is wired as the page says: the GitLab job hands the JUnit file
   that `vpcsim check --junit` writes to artifacts:reports:junit, also on failure; the
   GitHub workflow publishes the same file with a JUnit report action unless
   cancelled; the pre-commit hooks lint topologies and check scenarios. The Debian
   packages they install are ones tools/setup installs (real names), and the CMake
   options they pass exist.
3. The CI jobs' own check commands run, with the real binary in .vpcsim/bin, on a
   passing plan (exit 0, a report that validates against tests/data/junit/junit.xsd)
   and on a plan with one security-group rule removed (exit 1, the failure and its
   reason in the report).
4. The git hook (docs/ci/pre-commit) accepts a good commit, refuses a broken one,
   judges the staged content rather than the working tree, and stays out of commits
   that touch no plan.
The console examples of docs/ci.md are run by readme_test.py (test e2e.docs_ci_examples).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)
    return cond


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def fenced_blocks(text):
    """Yields (prose before the block, block body) for every fenced block."""
    prose, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            prose.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j] != "```":
            j += 1
        yield "\n".join(prose), "\n".join(lines[i + 1 : j]) + "\n"
        prose, i = [], j + 1


def check_included_files(root):
    doc = read(os.path.join(root, "docs/ci.md"))
    shown = {}
    for prose, body in fenced_blocks(doc):
        named = re.findall(r"`(docs/ci/[\w.-]+)`", prose)
        if named:
            shown[named[0]] = body
    files = sorted("docs/ci/" + f for f in os.listdir(os.path.join(root, "docs/ci")))
    check(files, "docs/ci/ holds the recipes")
    for name in files:
        if check(name in shown, f"docs/ci.md shows {name}"):
            check(shown[name] == read(os.path.join(root, name)),
                  f"docs/ci.md shows {name} exactly as the file is")


def setup_packages(root):
    text = read(os.path.join(root, "tools/setup"))
    body = re.search(r"vpcsim_setup_packages=\((.*?)\n\)", text, re.S).group(1)
    body = re.sub(r"#.*", "", body)
    return set(body.split())


def apt_packages(commands):
    """The packages of every `apt-get install` in the shell text."""
    out = set()
    for m in re.finditer(r"apt-get install([^\n]*)", commands.replace("\\\n", " ")):
        out.update(word for word in m.group(1).split() if not word.startswith("-"))
    return out


def check_packages_and_cmake(root, where, commands):
    known = setup_packages(root) | {"ca-certificates", "git"}
    packages = apt_packages(commands)
    check(packages, f"{where}: installs Debian packages")
    check(packages <= known, f"{where}: unknown packages {sorted(packages - known)}")
    cmake = read(os.path.join(root, "CMakeLists.txt"))
    for option in re.findall(r"-D(VPCSIM_\w+)=", commands):
        check(f"option({option} " in cmake, f"{where}: CMake option {option} exists")
    check("--target vpcsim" in commands and "tools/vpcsim/vpcsim" in commands,
          f"{where}: builds the vpcsim target and installs its binary")


def junit_path(command):
    m = re.search(r"--junit\s+(\S+)", command)
    return m.group(1) if m else None


def check_command(commands, where):
    """The `vpcsim check` command of a job, as one shell line."""
    text = commands.replace("\\\n", " ")
    line = next((l for l in text.splitlines() if "vpcsim check" in l), None)
    check(line is not None, f"{where}: runs vpcsim check")
    return line or ""


def check_gitlab(root):
    job = yaml.safe_load(read(os.path.join(root, "docs/ci/gitlab-ci.yml")))["vpcsim-check"]
    commands = "\n".join(job["before_script"] + job["script"])
    check_packages_and_cmake(root, "gitlab-ci.yml", commands)
    command = check_command("\n".join(job["script"]), "gitlab-ci.yml")
    report = junit_path(command)
    check(report is not None, "gitlab-ci.yml: check writes a JUnit report")
    artifacts = job.get("artifacts", {})
    check(artifacts.get("when") == "always", "gitlab-ci.yml: artifacts kept when the check fails")
    check(artifacts.get("reports", {}).get("junit") == report,
          "gitlab-ci.yml: artifacts:reports:junit is the file check writes")
    check(".vpcsim/bin/" in job["cache"]["paths"], "gitlab-ci.yml: caches the binary")
    return job["script"]


def check_github(root):
    flow = yaml.safe_load(read(os.path.join(root, "docs/ci/github-workflow.yml")))
    # YAML 1.1 reads the key `on` as True.
    triggers = flow.get("on", flow.get(True))
    check("pull_request" in triggers and "push" in triggers, "workflow: runs on push and PRs")
    check(flow["permissions"].get("checks") == "write", "workflow: may publish a check run")
    job = flow["jobs"]["vpcsim-check"]
    check(job.get("container", "").startswith("debian:12"), "workflow: Debian 12 container")
    steps = job["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    check_packages_and_cmake(root, "github-workflow.yml", runs)
    step = next((s for s in steps if "vpcsim check" in s.get("run", "")), {})
    command = check_command(step.get("run", ""), "github-workflow.yml")
    report = junit_path(command)
    publish = next((s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report@")), None)
    if check(publish is not None, "workflow: publishes with a JUnit report action"):
        check("!cancelled()" in publish.get("if", "") or "always()" in publish.get("if", ""),
              "workflow: publishes the report when the check failed too")
        check(publish["with"]["report_paths"] == report,
              "workflow: publishes the file check writes")
    cache = next((s for s in steps if s.get("uses", "").startswith("actions/cache@")), {})
    build = next((s for s in steps if "cmake --build" in s.get("run", "")), {})
    check(cache.get("id") and cache["id"] in build.get("if", ""),
          "workflow: builds only on a cache miss")
    return step.get("run", "")


def check_pre_commit_config(root):
    config = yaml.safe_load(read(os.path.join(root, "docs/ci/pre-commit-config.yaml")))
    repo = config["repos"][0]
    check(repo["repo"] == "local", "pre-commit: a local hook repository")
    hooks = {h["id"]: h for h in repo["hooks"]}
    lint, chk = hooks.get("vpcsim-lint", {}), hooks.get("vpcsim-check", {})
    check(lint.get("entry") == "vpcsim lint" and lint.get("language") == "system",
          "pre-commit: vpcsim-lint runs vpcsim lint")
    files = re.compile(lint.get("files", "$^"))
    check(files.search("plans/web/topology.xml") and not files.search("plans/web/scenario.xml"),
          "pre-commit: vpcsim-lint takes topologies, not scenarios")
    check("vpcsim check" in chk.get("entry", "") and chk.get("pass_filenames") is False,
          "pre-commit: vpcsim-check checks every scenario")
    check(re.compile(chk.get("files", "$^")).search("plans/web/topology.xml"),
          "pre-commit: vpcsim-check runs when a topology changes")
    return chk.get("entry", "")


def make_plans(root, work):
    """plans/web (small-service) and plans/lan (lan-switch) in `work`."""
    for name, source in (("web", "small-service"), ("lan", "lan-switch")):
        shutil.copytree(os.path.join(root, "scenarios", source),
                        os.path.join(work, "plans", name))


def break_plan(work):
    """Removes the rule that lets app servers reach the database on 3306."""
    path = os.path.join(work, "plans/web/topology.xml")
    text = read(path)
    broken = re.sub(r'\n\s*<inbound protocol="tcp" ports="3306" source-group="app-sg"/>', "", text)
    assert broken != text
    with open(path, "w", encoding="utf-8") as f:
        f.write(broken)
    return text


def validate(root, report):
    run = subprocess.run(["xmllint", "--noout", "--schema",
                          os.path.join(root, "tests/data/junit/junit.xsd"), report],
                         capture_output=True, text=True)
    return run.returncode == 0


def run_job(root, vpcsim, where, shell, script):
    with tempfile.TemporaryDirectory() as work:
        make_plans(root, work)
        os.makedirs(os.path.join(work, ".vpcsim/bin"))
        os.symlink(vpcsim, os.path.join(work, ".vpcsim/bin/vpcsim"))
        report = os.path.join(work, junit_path(script))
        for broken in (False, True):
            label = f"{where} on a {'broken' if broken else 'good'} plan"
            if broken:
                break_plan(work)
                os.remove(report)
            run = subprocess.run(shell + [script], cwd=work, capture_output=True, text=True)
            check(run.returncode == (1 if broken else 0),
                  f"{label}: exit {run.returncode}\n{run.stdout}{run.stderr}")
            if not check(os.path.exists(report), f"{label}: writes the JUnit report"):
                continue
            check(validate(root, report), f"{label}: the report validates")
            failures = ET.parse(report).getroot().findall(".//failure")
            if broken:
                check([f.get("message") for f in failures] ==
                      ["expected open, got timeout [security-group]"],
                      f"{label}: one failure, with the reason")
                check("why: dropped at db: security group db-sg" in (failures[0].text or ""),
                      f"{label}: the failure text explains")
            else:
                check(not failures, f"{label}: no failure")


def git(repo, *args, env=None):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, env=env)


def check_git_hook(root, vpcsim):
    with tempfile.TemporaryDirectory() as repo:
        bindir = os.path.join(repo, ".bin")
        os.mkdir(bindir)
        os.symlink(vpcsim, os.path.join(bindir, "vpcsim"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
        env.pop("VPCSIM", None)
        git(repo, "init", "-q")
        with open(os.path.join(repo, ".git/info/exclude"), "a") as f:
            f.write(".bin/\n")
        hook = os.path.join(repo, ".git/hooks/pre-commit")
        shutil.copy(os.path.join(root, "docs/ci/pre-commit"), hook)
        os.chmod(hook, 0o755)
        make_plans(root, repo)

        def commit(message, extra_env=None):
            git(repo, "add", "-A", env=env)
            return git(repo, "commit", "-q", "-m", message, env=dict(env, **(extra_env or {})))

        def head():
            return git(repo, "rev-parse", "--verify", "-q", "HEAD").stdout.strip()

        run = commit("good plans")
        check(run.returncode == 0, f"hook: accepts good plans\n{run.stdout}{run.stderr}")
        good = head()

        original = break_plan(repo)
        run = commit("drop the 3306 rule")
        check(run.returncode != 0 and head() == good, "hook: refuses the broken plan")
        check("FAIL  small-service:61  telnet app -> db:3306  expected open, got timeout "
              "[security-group]" in run.stdout + run.stderr, "hook: says which probe failed and why")

        # Fixed in the working tree but not staged: the commit would still be broken.
        with open(os.path.join(repo, "plans/web/topology.xml"), "w", encoding="utf-8") as f:
            f.write(original)
        run = git(repo, "commit", "-q", "-m", "still broken", env=env)
        check(run.returncode != 0 and head() == good, "hook: judges the staged content")
        # The fix, staged, with a comment so that there is something to commit.
        with open(os.path.join(repo, "plans/web/topology.xml"), "a", encoding="utf-8") as f:
            f.write("<!-- 3306 from app-sg is needed: see scenario line 61 -->\n")
        run = commit("fixed")
        check(run.returncode == 0 and head() != good, f"hook: accepts the fix\n{run.stderr}")

        # A topology that does not lint: the diagnostics name the file as in the repository.
        path = os.path.join(repo, "plans/lan/topology.xml")
        with open(path, encoding="utf-8") as f:
            lan = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(lan.replace('b="sw1"/>', 'b="sw2"/>', 1))
        run = commit("typo")
        # Git shows a hook's stdout on stderr.
        check(run.returncode != 0 and re.search(
            r"^plans/lan/topology\.xml:\d+:\d+: error: .*\[unknown-device\]$",
            run.stdout + run.stderr, re.M),
            f"hook: lint diagnostics with repository paths\n{run.stdout}{run.stderr}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(lan)
        git(repo, "add", "-A", env=env)

        # Commits that touch no plan never need vpcsim.
        with open(os.path.join(repo, "README"), "w") as f:
            f.write("plans\n")
        run = commit("readme", {"VPCSIM": "/nonexistent/vpcsim"})
        check(run.returncode == 0, f"hook: stays out of commits without plans\n{run.stderr}")
        with open(os.path.join(repo, "plans/lan/scenario.xml"), "a") as f:
            f.write("<!-- touched -->\n")
        run = commit("touch", {"VPCSIM": "/nonexistent/vpcsim"})
        check(run.returncode != 0 and "not found" in run.stderr,
              "hook: a missing vpcsim is a clear error")


def main():
    vpcsim, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    check_included_files(root)
    gitlab_script = check_gitlab(root)
    github_run = check_github(root)
    pre_commit_entry = check_pre_commit_config(root)
    # GitLab runs each script line in one shell and stops at the first failure.
    run_job(root, vpcsim, "GitLab job", ["sh", "-ec"], "\n".join(gitlab_script))
    # GitHub's default shell in a container with bash: bash -e.
    run_job(root, vpcsim, "GitHub step", ["bash", "-ec"], github_run)
    with tempfile.TemporaryDirectory() as work:
        make_plans(root, work)
        env = dict(os.environ, PATH=os.path.dirname(vpcsim) + os.pathsep + os.environ["PATH"])
        run = subprocess.run(["sh", "-c", pre_commit_entry.split("sh -c ", 1)[1].strip("'")],
                             cwd=work, env=env, capture_output=True, text=True)
        check(run.returncode == 0, f"pre-commit: the vpcsim-check entry passes good plans\n{run.stdout}")
    check_git_hook(root, vpcsim)
    print(f"docs/ci: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
