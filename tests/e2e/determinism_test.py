#!/usr/bin/env python3
"""e2e.determinism: same input, byte-identical output, whatever the order of the
probes and the number of threads. Runs the real `vpcsim` binary.

  determinism_test.py VPCSIM REPO_ROOT [--gen-vpc-plan GEN] [--seeds N] [--jobs N]

Independent parts (one scenario, one topology, the bad inputs) run side by side on
--jobs workers (default: the number of CPUs), each in its own scratch directory; the
comparisons within a part are unchanged.

What is compared, and why:

1. Twice the same command, byte for byte (exit status, stdout, stderr, every file
   written). For every valid scenario (scenarios/*/scenario.xml and the valid scenario
   files under tests/data): `vpcsim check -v FILE --json J --junit U --pcap P` and plain
   `vpcsim check FILE`. Both runs write to the same output paths (moved aside after
   each run), so a report may name its own path. Invalid inputs (tests/data/bad/,
   tests/data/bad-scenarios/) must give byte-identical diagnostics too.
2. Single probes, twice, byte for byte: on every topology of scenarios/, ping,
   traceroute and telnet (text with --explain and --pcap, and --json) between a few of
   its endpoints (the first and last endpoint `vpcsim reach --json` lists, both ways,
   and the second to the third).
3. Probe order: each scenario's probes are written, reordered, to a temporary copy
   (one element per line, topology path made absolute): once in document order, once
   reversed and in --seeds seeded shuffles (random.Random(seed), seeds 1..N, printed
   on failure). Steps that change the network on purpose (<fail>, <restore>, <wait>:
   any child but <probe> and <table>) stay where they are, and probes move only
   between two steps: a probe after `<fail link=.../>` is meant to see the link down.
   Every probe must get the same verdict as in document order: result,
   reason, passed, the list of mismatches, and the one-line explanation with port
   numbers of the ephemeral range (32768-60999) masked. Not compared: the probe's
   tool output (-v) and the ephemeral ports themselves, because the network's state
   carries over from probe to probe (DESIGN.md section 4) and legitimately shows
   there: ephemeral source ports are handed out in order, so a telnet's source port
   (and the NAT gateway's "unsolicited tcp 198.51.100.10:32772" in an explanation)
   depends on how many connections came before it; the first ping to a neighbour
   waits for ARP, which shows in its round-trip time; and so on. `<table>` checks are
   left out of the reordered copies: they assert the ARP/MAC state at their position,
   which is by definition the product of the probes before them (they are compared
   byte for byte in part 1). The document-order copy must give exactly the
   original's verdicts, which checks the rewriting itself.
4. Threads: `vpcsim reach` with --threads 1 and with 2, 4 and 8 threads gives
   byte-identical text, JSON, --no-group JSON and --explain text (which names ports and
   addresses a worker's earlier probes could leak into) on every topology of scenarios/,
   and text, JSON and --summary on a generated 400-instance VPC plan (--gen-vpc-plan,
   bench/gen_vpc_plan; skipped with a note when not built).

Any difference fails the test with the command, and a diff of the first lines that
differ (or the first differing byte of a binary file).
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, flush=True)


class Runner:
    """Runs vpcsim in the repository root; output files go to one fixed scratch path
    per name, so two runs of the same command see the same paths."""

    def __init__(self, vpcsim, root, scratch):
        self.vpcsim = vpcsim
        self.root = root
        self.out_dir = os.path.join(scratch, "out")
        self.runs = 0

    def out(self, name):
        return os.path.join(self.out_dir, name)

    def run(self, args, outputs=()):
        """Returns {"status", "stdout", "stderr", NAME: bytes} for the output files named."""
        shutil.rmtree(self.out_dir, ignore_errors=True)
        os.makedirs(self.out_dir)
        proc = subprocess.run([self.vpcsim] + args, cwd=self.root, capture_output=True,
                              timeout=600)
        self.runs += 1
        if proc.returncode not in (0, 1, 2):
            # A crash, or a sanitizer's abort (tools/test --sanitize): both runs would
            # agree, so it is caught here rather than by the comparison.
            fail(f"vpcsim {' '.join(args)} exited {proc.returncode} (only 0, 1 and 2 are "
                 f"exit codes):\n" + proc.stderr.decode(errors="replace")[-3000:])
        result = {"status": str(proc.returncode).encode(), "stdout": proc.stdout,
                  "stderr": proc.stderr}
        for name in outputs:
            path = self.out(name)
            result[name] = open(path, "rb").read() if os.path.exists(path) else b"<missing>"
        return result


def describe_difference(a, b):
    try:
        ta, tb = a.decode(), b.decode()
    except UnicodeDecodeError:
        ta = tb = None
    if ta is not None and "\0" not in ta + tb:
        lines = list(difflib.unified_diff(ta.splitlines(), tb.splitlines(), "first run",
                                          "second run", lineterm="", n=1))
        return "\n".join("    " + line for line in lines[:30])
    offset = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"    binary: {len(a)} vs {len(b)} bytes, first difference at byte {offset}"


def same(label, first, second):
    """Fails once per differing part of two runs' results."""
    ok = True
    for part in first:
        if first[part] != second[part]:
            fail(f"{label}: {part} differs between two identical runs\n"
                 + describe_difference(first[part], second[part]))
            ok = False
    return ok


def twice(runner, label, args, outputs=()):
    first = runner.run(args, outputs)
    same(label, first, runner.run(args, outputs))
    return first


def scenario_root(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    return root if root.tag == "scenario" else None


def find_scenarios(root):
    """scenarios/*/scenario.xml, then every valid scenario file under tests/data."""
    found = sorted(os.path.join("scenarios", d, "scenario.xml")
                   for d in os.listdir(os.path.join(root, "scenarios"))
                   if os.path.isfile(os.path.join(root, "scenarios", d, "scenario.xml")))
    extra = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "tests", "data")):
        # bad*/ hold invalid inputs (part 1 checks their diagnostics instead).
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("bad"))
        for name in sorted(filenames):
            path = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith(".xml") and scenario_root(os.path.join(root, path)) is not None:
                extra.append(path)
    return found + sorted(extra)


def check_twice(runner, scenario):
    """Part 1 for one scenario; returns its JSON report (None when it is invalid input)."""
    outs = ("report.json", "report.junit.xml", "probes.pcap")
    args = ["check", "-v", scenario, "--json", runner.out(outs[0]), "--junit",
            runner.out(outs[1]), "--pcap", runner.out(outs[2])]
    first = twice(runner, "vpcsim " + " ".join(["check", "-v", scenario, "--json J",
                                                "--junit U", "--pcap P"]), args, outs)
    twice(runner, f"vpcsim check {scenario}", ["check", scenario])
    if first["status"] == b"2":
        return None
    return json.loads(first["report.json"])


# A port of the ephemeral range (32768-60999) after an address, as in 10.0.0.5:32771.
EPHEMERAL_PORT = re.compile(r"(?<=[0-9]):(3276[89]|327[7-9][0-9]|32[89][0-9]{2}|3[3-9][0-9]{3}"
                            r"|[45][0-9]{4}|60[0-9]{3})\b")


def verdict(probe):
    """What must not depend on the order of the probes (see the module's comment)."""
    return (probe["type"], probe["from"], probe["to"], probe["port"], probe["result"],
            probe["reason"], probe["passed"], tuple(probe["mismatches"]),
            EPHEMERAL_PORT.sub(":EPHEMERAL", probe["explanation"]))


def verdicts(report):
    """The verdicts of the report's probes in document order, table checks left out."""
    return [verdict(p) for s in report["scenarios"] for p in s["probes"] if p["type"] != "table"]


def segments(root):
    """The scenario's children as segments: [("probes", [probe indices]) or ("step",
    element)], table checks left out. Any child other than <probe> and <table> (a
    <fail>, <restore> or <wait>, and whatever later changes the network on purpose) is a
    step, kept in place: probes are only reordered between two steps."""
    out = []
    index = 0
    for child in root:
        if child.tag == "table":
            continue
        if child.tag != "probe":
            out.append(("step", child))
            continue
        if not out or out[-1][0] != "probes":
            out.append(("probes", []))
        out[-1][1].append(index)
        index += 1
    return out


def reorderings(root, seeds):
    """[(label, [probe index or step element, ...])]: document order, each segment
    reversed, and each segment shuffled with random.Random(seed) for seeds 1..N."""
    parts = segments(root)

    def arrange(rearrange):
        out = []
        for kind, value in parts:
            out += [value] if kind == "step" else rearrange(list(value))
        return out

    result = [("document order", arrange(lambda v: v)),
              ("reversed", arrange(lambda v: v[::-1]))]
    for seed in range(1, seeds + 1):
        rng = random.Random(seed)
        result.append((f"shuffle seed {seed}", arrange(lambda v: rng.sample(v, len(v)))))
    return result


def one_line(element):
    for e in element.iter():
        e.tail = None
        if e.text is not None and not e.text.strip():
            e.text = None
    return ET.tostring(element, encoding="unicode")


def write_reordered(scenario_path, root, arrangement, dest):
    """Writes the scenario with its children in `arrangement` (probe indices and step
    elements), one per line from line 3 on, to dest, with the topology path made
    absolute. Returns {line: probe index}."""
    probes = [c for c in root if c.tag == "probe"]
    attrs = dict(root.attrib)
    topology = attrs.get("topology", "")
    if topology and not os.path.isabs(topology):
        attrs["topology"] = os.path.normpath(
            os.path.join(os.path.dirname(os.path.abspath(scenario_path)), topology))
    head = "<scenario" + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items()) + ">"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', head]
    line_to_index = {}
    for item in arrangement:
        if isinstance(item, int):
            line_to_index[len(lines) + 1] = item
            lines.append(one_line(probes[item]))
        else:
            lines.append(one_line(item))
    lines.append("</scenario>")
    with open(dest, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return line_to_index


def check_order(runner, scenario, report, seeds, scratch):
    """Part 3 for one scenario."""
    expected = verdicts(report)
    path = os.path.join(runner.root, scenario)
    root = ET.parse(path).getroot()
    count = len([c for c in root if c.tag == "probe"])
    if count != len(expected):
        fail(f"{scenario}: {count} <probe> elements but {len(expected)} probes in the report")
        return
    copy = os.path.join(scratch, "reordered", scenario.replace(os.sep, "_"))
    os.makedirs(os.path.dirname(copy), exist_ok=True)
    for label, arrangement in reorderings(root, seeds):
        order = [i if isinstance(i, int) else f"<{i.tag}>" for i in arrangement]
        line_to_index = write_reordered(path, root, arrangement, copy)
        result = runner.run(["check", copy, "--json", runner.out("r.json")], ("r.json",))
        if result["status"] not in (b"0", b"1"):
            fail(f"{scenario} ({label}): check exited {result['status'].decode()}: "
                 + result["stderr"].decode(errors="replace")[:500])
            continue
        probes = json.loads(result["r.json"])["scenarios"][0]["probes"]
        got = {}
        for p in probes:
            if p["type"] == "table":
                continue
            index = line_to_index.get(p["line"])
            if index is None:
                fail(f"{scenario} ({label}): report names line {p['line']}, which holds no probe")
                continue
            got[index] = verdict(p)
        for index, want in enumerate(expected):
            if got.get(index) != want:
                fail(f"{scenario} ({label}, order {order}): probe #{index + 1} "
                     f"{want[0]} {want[1]} -> {want[2]}{':' + str(want[3]) if want[3] else ''}:\n"
                     f"    in document order {want[4:]}\n    reordered         "
                     f"{got[index][4:] if index in got else 'missing'}")


def endpoints(runner, topology):
    result = runner.run(["reach", topology, "--json", "--threads", "1"])
    if result["status"] != b"0":
        fail(f"vpcsim reach {topology} --json exited {result['status'].decode()}")
        return []
    return [e["name"] for e in json.loads(result["stdout"])["endpoints"]]


def probes_twice(runner, topology, names):
    """Part 2 for one topology."""
    pairs = []
    if len(names) >= 2:
        pairs += [(names[0], names[-1]), (names[-1], names[0])]
    if len(names) >= 3:
        pairs.append((names[1], names[2]))
    for a, b in pairs:
        for probe in (["ping", topology, a, b, "-c", "2"],
                      ["traceroute", topology, a, b],
                      ["telnet", topology, a, b, "22"]):
            label = "vpcsim " + " ".join(probe)
            twice(runner, label + " --explain --pcap P",
                  probe + ["--explain", "--pcap", runner.out("p.pcap")], ("p.pcap",))
            twice(runner, label + " --json", probe + ["--json"])


def reach_threads(runner, topology, variants):
    """Part 4 for one topology: each variant with 1 thread, then 2, 4, 8 threads."""
    for variant in variants:
        one = runner.run(["reach", topology] + variant + ["--threads", "1"])
        if one["status"] != b"0":
            fail(f"vpcsim reach {topology} {' '.join(variant)} exited {one['status'].decode()}")
            continue
        for threads in ("2", "4", "8"):
            many = runner.run(["reach", topology] + variant + ["--threads", threads])
            for part in ("status", "stdout"):
                if one[part] != many[part]:
                    fail(f"vpcsim reach {topology} {' '.join(variant)}: {part} with "
                         f"--threads {threads} differs from --threads 1\n"
                         + describe_difference(one[part], many[part]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("vpcsim")
    parser.add_argument("root")
    parser.add_argument("--gen-vpc-plan", help="bench/gen_vpc_plan's binary")
    parser.add_argument("--seeds", type=int, default=3, help="seeded shuffles per scenario")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="parts run side by side (default: the number of CPUs)")
    args = parser.parse_args()
    vpcsim = os.path.abspath(args.vpcsim)
    root = os.path.abspath(args.root)

    def scenario_part(scenario, runner, scratch):
        report = check_twice(runner, scenario)
        if report is None:
            # An invalid-input fixture (e.g. tests/data/scenarios/bad.xml): its
            # diagnostics were compared above; it has no probes to reorder.
            if scenario.startswith("scenarios"):
                fail(f"{scenario}: vpcsim check says it is invalid input (exit 2)")
            else:
                print(f"note: {scenario} is invalid input: diagnostics compared only", flush=True)
            return
        check_order(runner, scenario, report, args.seeds, scratch)

    def bad_inputs_part(runner, scratch):
        for bad_dir, command in (("tests/data/bad", "lint"),
                                 ("tests/data/bad-scenarios", "check")):
            for name in sorted(os.listdir(os.path.join(root, bad_dir))):
                if name.endswith(".xml"):
                    path = f"{bad_dir}/{name}"
                    twice(runner, f"vpcsim {command} {path}", [command, path])

    def topology_part(topology, runner, scratch):
        probes_twice(runner, topology, endpoints(runner, topology))
        reach_threads(runner, topology, [[], ["--json"], ["--json", "--no-group"], ["--explain"]])

    def generated_plan_part(runner, scratch):
        plan = os.path.join(scratch, "vpc-plan-400.xml")
        subprocess.run([args.gen_vpc_plan, "--instances", "400", "--subnets", "12",
                        "-o", plan], check=True)
        reach_threads(runner, plan, [[], ["--json"], ["--summary"]])

    scenarios = find_scenarios(root)
    topologies = sorted(os.path.join("scenarios", d, "topology.xml")
                        for d in os.listdir(os.path.join(root, "scenarios"))
                        if os.path.isfile(os.path.join(root, "scenarios", d, "topology.xml")))
    # The slowest parts first, so that the workers finish together.
    parts = []
    if args.gen_vpc_plan:
        parts.append(generated_plan_part)
    else:
        print("note: no --gen-vpc-plan, the generated plan is not checked")
    parts += [lambda r, s, t=t: topology_part(t, r, s) for t in topologies]
    parts += [lambda r, s, sc=sc: scenario_part(sc, r, s) for sc in scenarios]
    parts.append(bad_inputs_part)

    with tempfile.TemporaryDirectory(prefix="vpcsim-determinism-") as scratch:
        def run_part(index):
            # Each part has its own scratch directory: both runs of one command still
            # write to the same paths, and parts never share a file.
            part_scratch = os.path.join(scratch, f"part-{index}")
            os.makedirs(part_scratch)
            runner = Runner(vpcsim, root, part_scratch)
            parts[index](runner, part_scratch)
            return runner.runs

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            runs = sum(pool.map(run_part, range(len(parts))))

    print(f"{len(scenarios)} scenarios, {len(topologies)} topologies, "
          f"{runs} vpcsim runs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
