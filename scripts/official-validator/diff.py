#!/usr/bin/env python3
"""Differential check: switchboard against the official ADK validator (`poly validate`).

Generates COUNT projects from SEED (projectgen.py), writes each into a temporary folder, runs
`switchboard check --format json` on it and `poly validate --json` on a copy (poly rewrites the
projects it loads), and compares the two file by file:

  * missing: the official validator reports an error in a file where switchboard reports no error;
  * extra:   switchboard reports an error on a project that the official validator accepts.

Either is a failure unless the allow-list in docs/official-validator.md (the section
"Allowed differences", lines `- allow: KEY — reason`) names it: KEY is an official check id
(`ADK-...`, from the table of that document) for a missing error, or a switchboard rule code
(`SB123`) for an extra one. The last line printed is `N passed, M failed`; every disagreement
goes into a JSON report. Exit status: 0 when nothing failed, 1 when something did, 2 on a setup
problem.

The official validator runs in worker processes (poly_worker.py) that each validate many
projects through the ADK's own `ValidateCommand.validate_project`, which avoids a second of
interpreter start-up per project; `--cli` runs the `poly` command once per project instead.

    scripts/official-validator/diff.py --count 500 --seed 1 --jobs 2
"""

import argparse
import collections
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import projectgen  # noqa: E402

DOC = os.path.join(ROOT, "docs", "official-validator.md")


# --------------------------------------------------------------------------------------------
# the catalogue of official checks and the allow-list, both read from docs/official-validator.md


class Catalogue:
    """Official checks (id, message template, switchboard codes) and the allow-list."""

    ROW = re.compile(r"^\|\s*(ADK-[A-Z0-9-]+)\s*\|\s*`(.+?)`\s*\|[^|]*\|\s*([^|]*)\|")
    ALLOW = re.compile(r"^\s*[-*]\s*allow:\s*(ADK-[A-Z0-9-]+|SB\d{3})\b\s*(?:/((?:[^/\\]|\\.)*)/)?\s*"
                       r"(?:[—–-]+\s*(.*))?$")

    def __init__(self, path):
        self.checks = []  # (id, regex, codes)
        self.allow = collections.defaultdict(list)  # key -> [(message regex or None, reason)]
        with open(path, encoding="utf-8") as fh:
            section = ""
            for line in fh:
                if line.startswith("#"):
                    section = line.strip("# \n").lower()
                m = self.ROW.match(line)
                if m:
                    cid, template, sb = m.groups()
                    self.checks.append((cid, self._regex(template), re.findall(r"SB\d{3}", sb)))
                    continue
                m = self.ALLOW.match(line)
                if m and "allowed" in section:
                    rx = re.compile(m.group(2).replace("\\/", "/")) if m.group(2) else None
                    self.allow[m.group(1)].append((rx, (m.group(3) or "").strip()))
        if not self.checks:
            raise SystemExit(f"diff.py: no official checks found in {path}")

    @staticmethod
    def _regex(template):
        parts = re.split(r"\{[^{}]*\}", template)
        return re.compile("^" + "(.*?)".join(re.escape(p) for p in parts) + "$", re.S)

    def allowed(self, key, message):
        """The reason an allow-list entry gives for this difference, or None."""
        for rx, reason in self.allow.get(key, []):
            if rx is None or rx.search(message or ""):
                return reason or "allowed"
        return None

    def classify(self, message):
        """(check id, switchboard codes) for an official message; unwraps loader prefixes."""
        for cid, rx, codes in self.checks:
            if rx.match(message):
                if cid in ("ADK-LOAD-RESOURCE", "ADK-CONDITION-WRAP"):
                    inner = rx.match(message).groups()[-1]
                    sub = self.classify(inner)
                    if sub[0] != "ADK-UNKNOWN":
                        return sub
                return cid, codes
        return "ADK-UNKNOWN", []


# --------------------------------------------------------------------------------------------
# reading the two tools' outputs


_VALIDATION = re.compile(r"^Validation error in (.+?)(?: \(resource: .*?\))?: (.*)$", re.S)
_COLLECTION = re.compile(r"^Validation error: (.*)$", re.S)
_COLLECTION_FILES = [
    (re.compile(r"default handoffs"), "config/handoffs.yaml"),
    (re.compile(r"default variants"), "config/variant_attributes.yaml"),
    (re.compile(r"keyphrase", re.I), "voice/speech_recognition/keyphrase_boosting.yaml"),
    (re.compile(r"transcript correction", re.I), "voice/speech_recognition/transcript_corrections.yaml"),
    (re.compile(r"guardrail", re.I), "agent_settings/guardrails.yaml"),
    (re.compile(r"mcp_servers"), "config/mcp.yaml"),
]


def resource_file(path, root):
    """The project file behind an ADK resource path (config/handoffs.yaml/handoffs/X -> the yaml)."""
    if root and os.path.isabs(path):
        path = os.path.relpath(path, root)
    path = path.replace(os.sep, "/")
    m = re.match(r"^(.*?\.(?:yaml|yml|json))(?:/.*)?$", path)
    return m.group(1) if m else path


def official_errors(result, root, cat):
    """[(file or None, check id, message)] from one poly result; [] when the project is valid."""
    out = result.get("output") or {}
    errors = []
    if "valid" in out:
        for e in out.get("errors") or []:
            m = _VALIDATION.match(e)
            if m:
                f, msg = resource_file(m.group(1), root), m.group(2)
            else:
                m = _COLLECTION.match(e)
                msg = m.group(1) if m else e
                f = next((name for rx, name in _COLLECTION_FILES if rx.search(msg)), None)
            cid, _ = cat.classify(msg)
            errors.append((f, cid, msg))
        return errors
    msg = out.get("error") or "poly produced no output"
    f = None
    m = re.search(r" at (/[^:]*?\.(?:yaml|yml|py|txt|json))(?:/[^:]*)?: ", msg)
    if not m:
        m = re.search(r"(?:^|: |\bin |file: )(/[^\s:]*?\.(?:yaml|yml|py|txt|json))", msg)
    if m:
        f = resource_file(m.group(1), root)
    elif root:
        m = re.search(re.escape(root.rstrip("/") + "/") + r"(\S+?\.(?:yaml|yml|py|txt|json))", msg)
        if m:
            f = m.group(1)
    if f is None and len(result.get("unloadable_yaml") or []) == 1:
        f = result["unloadable_yaml"][0]  # a YAML error whose message names no file
    cid, _ = cat.classify(msg)
    return [(f, cid, msg.strip().splitlines()[0] if msg.strip() else msg)]


def switchboard_diagnostics(binary, project):
    """switchboard's diagnostics for one project, each `file` relative to the project folder."""
    proc = subprocess.run([os.path.abspath(binary) if os.sep in binary else binary,
                           "check", "--format", "json", "."], cwd=project, capture_output=True,
                          text=True, timeout=120)
    try:
        doc = json.loads(proc.stdout)
    except ValueError:
        return None, f"switchboard exit {proc.returncode}: {proc.stderr.strip()[:400]}"
    diags = doc.get("diagnostics", [])
    for d in diags:
        f = d.get("file") or ""
        if os.path.isabs(f):
            f = os.path.relpath(f, project)
        d["file"] = f.replace(os.sep, "/").removeprefix("./")
    return diags, None


# --------------------------------------------------------------------------------------------
# running the official validator


def find_venv_python(poly):
    """The interpreter that can import the ADK behind a `poly` command, or None."""
    poly = shutil.which(poly) or poly
    cands = []
    try:
        with open(poly, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
        first = head.splitlines()[0] if head else ""
        if first.startswith("#!") and "python" in first:
            cands.append(first[2:].strip().split()[0])
        m = re.search(r'exec "([^"]+)/bin/poly"', head)
        if m:
            cands.append(os.path.join(m.group(1), "bin", "python"))
    except OSError:
        pass
    d = os.path.dirname(os.path.abspath(poly))
    cands += [os.path.join(d, "python"), os.path.join(d, "bin", "python")]
    for c in cands:
        if os.path.exists(c) and subprocess.run([c, "-c", "import poly.cli_commands.sync"],
                                                capture_output=True).returncode == 0:
            return c
    return None


class PolyPool:
    """--jobs worker processes, each validating projects one after the other."""

    def __init__(self, python, poly, jobs, use_api):
        self.jobs, self.use_api, self.python, self.poly = jobs, use_api, python, poly
        self.env = dict(os.environ, POLY_NO_UPDATE_CHECK="1")

    def run(self, paths):
        results = {}
        work = queue.Queue()
        for p in paths:
            work.put(p)
        lock = threading.Lock()

        def api_worker():
            proc = subprocess.Popen([self.python, "-I", os.path.join(HERE, "poly_worker.py")],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, env=self.env, bufsize=1)
            try:
                while True:
                    try:
                        p = work.get_nowait()
                    except queue.Empty:
                        break
                    proc.stdin.write(p + "\n")
                    proc.stdin.flush()
                    line = proc.stdout.readline()
                    if not line:  # the worker died: restart it, record the project as broken
                        with lock:
                            results[p] = {"exit": -1, "output": {"success": False,
                                                                 "error": "poly worker died"}}
                        proc = subprocess.Popen(proc.args, stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                                text=True, env=self.env, bufsize=1)
                        continue
                    with lock:
                        results[p] = json.loads(line)
            finally:
                try:
                    proc.stdin.close()
                    proc.wait(timeout=30)
                except (OSError, subprocess.TimeoutExpired):
                    proc.kill()

        def cli_worker():
            while True:
                try:
                    p = work.get_nowait()
                except queue.Empty:
                    break
                t0 = time.perf_counter()
                proc = subprocess.run([self.poly, "validate", "--json", "--path", p],
                                      capture_output=True, text=True, env=self.env, timeout=300)
                try:
                    out = json.loads(proc.stdout)
                except ValueError:
                    out = {"success": False, "error": "unparsable output: " + proc.stdout[:300]
                           + proc.stderr[-300:]}
                with lock:
                    results[p] = {"exit": proc.returncode, "output": out,
                                  "seconds": round(time.perf_counter() - t0, 4)}

        threads = [threading.Thread(target=api_worker if self.use_api else cli_worker)
                   for _ in range(self.jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results


# --------------------------------------------------------------------------------------------
# comparison


def on_disk(official, root):
    """The official errors with each path as the file is named on disk. The ADK names a file by
    the path it computes from clean names (`child_topics/<clean variant>/...`), which differs in
    case from the real one when a folder is written in the variant's own case; such a path is
    matched to the one file whose path is equal ignoring case."""
    by_lower = None
    out = []
    for f, cid, msg in official:
        if f is not None and not os.path.exists(os.path.join(root, f)):
            if by_lower is None:
                by_lower = collections.defaultdict(list)
                for d, _, files in os.walk(root):
                    for name in files:
                        rel = os.path.relpath(os.path.join(d, name), root).replace(os.sep, "/")
                        by_lower[rel.lower()].append(rel)
            found = by_lower.get(f.lower(), [])
            if len(found) == 1:
                f = found[0]
        out.append((f, cid, msg))
    return out


def compare(sb_diags, official, cat):
    """Disagreements for one project: (failures, allowed, notes)."""
    failures, allowed, notes = [], [], []
    sb_errors = [d for d in sb_diags if d.get("severity") == "error"]
    err_files = {d["file"] for d in sb_errors}
    by_file = collections.defaultdict(list)
    for d in sb_diags:
        by_file[d["file"]].append(d)
    if official:
        for f, cid, msg in official:
            covered = bool(sb_errors) if f is None else f in err_files
            if covered:
                continue
            codes = next((c for i, _, c in cat.checks if i == cid), [])
            weaker = sorted({f"{d['code']}:{d['severity']}" for d in by_file.get(f, [])
                             if d["code"] in codes})
            item = {"kind": "missing", "check": cid, "file": f, "official": msg,
                    "switchboard_on_file": sorted({f"{d['code']}:{d['severity']}" for d in by_file.get(f, [])}),
                    "weaker": weaker}
            reason = cat.allowed(cid, msg)
            if reason:
                item["allowed_because"] = reason
            (allowed if reason else failures).append(item)
        # switchboard errors on files the official validator did not name (it may have stopped early)
        named = {f for f, _, _ in official}
        for d in sb_errors:
            if d["file"] not in named:
                notes.append({"kind": "extra-on-invalid", "code": d["code"], "file": d["file"],
                              "switchboard": d["message"]})
    else:
        for d in sb_errors:
            item = {"kind": "extra", "code": d["code"], "file": d["file"], "switchboard": d["message"],
                    "line": d.get("range", {}).get("start", {}).get("line")}
            reason = cat.allowed(d["code"], d["message"])
            if reason:
                item["allowed_because"] = reason
            (allowed if reason else failures).append(item)
    return failures, allowed, notes


# --------------------------------------------------------------------------------------------


def locate_switchboard(arg):
    if arg:
        return arg
    for c in (os.path.join(ROOT, "target", "release", "switchboard"),
              os.path.join(ROOT, "target", "debug", "switchboard")):
        if os.path.exists(c):
            return c
    found = shutil.which("switchboard")
    if found:
        return found
    raise SystemExit("diff.py: no switchboard binary: run `cargo build --release` or pass --switchboard")


def locate_poly(arg):
    if arg:
        return arg
    proc = subprocess.run(["bash", os.path.join(HERE, "install.sh")], stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit("diff.py: the official validator could not be installed (see the message above)")
    return proc.stdout.strip().splitlines()[-1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100, help="projects to generate (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="first seed (default 1); project i uses seed+i")
    ap.add_argument("--switchboard", help="switchboard binary (default: target/release/switchboard)")
    ap.add_argument("--poly", help="poly command (default: install with install.sh)")
    ap.add_argument("--jobs", type=int, default=2, help="official validator workers (default 2)")
    ap.add_argument("--keep", metavar="DIR", nargs="?", const="official-diff-failures",
                    help="copy each failing project (as generated) into DIR (default ./official-diff-failures)")
    ap.add_argument("--report", default="official-diff-report.json", help="JSON report path")
    ap.add_argument("--doc", default=DOC, help="document with the checks and the allow-list")
    ap.add_argument("--cli", action="store_true", help="run `poly validate` once per project")
    ap.add_argument("--clean-share", type=float, default=0.2, help="share of unmutated projects")
    args = ap.parse_args(argv)

    cat = Catalogue(args.doc)
    sb = locate_switchboard(args.switchboard)
    poly = locate_poly(args.poly)
    python = None if args.cli else find_venv_python(poly)
    use_api = python is not None
    if not args.cli and not use_api:
        print("diff.py: no interpreter with the ADK found beside the poly command; "
              "running the CLI per project", file=sys.stderr)

    t_start = time.perf_counter()
    # a RAM-backed folder when there is one: thousands of small files are written and removed
    shm = "/dev/shm"
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
    work = tempfile.mkdtemp(prefix="switchboard-official-diff-", dir=base)
    try:
        seeds = [args.seed + i for i in range(args.count)]
        projects = {}
        for s in seeds:
            proj = projectgen.generate(s, clean_share=args.clean_share)
            orig = os.path.join(work, "orig", f"p{s:07d}")
            copy = os.path.join(work, "poly", f"p{s:07d}")
            proj.write(orig)
            shutil.copytree(orig, copy)
            projects[s] = (proj, orig, copy)
        t_gen = time.perf_counter()

        # switchboard, alongside the official validator
        sb_results = {}

        def run_sb():
            for s in seeds:
                sb_results[s] = switchboard_diagnostics(sb, projects[s][1])

        sb_thread = threading.Thread(target=run_sb)
        sb_thread.start()
        t0 = time.perf_counter()
        poly_results = PolyPool(python, poly, max(1, args.jobs), use_api).run(
            [projects[s][2] for s in seeds])
        t_poly = time.perf_counter() - t0
        sb_thread.join()

        report = {"seed": args.seed, "count": args.count, "switchboard": sb, "poly": poly,
                  "mode": "api" if use_api else "cli", "jobs": args.jobs, "projects": []}
        passed = failed = 0
        kinds = collections.Counter()
        allowed_kinds = collections.Counter()
        agreement = collections.Counter()
        for s in seeds:
            proj, orig, copy = projects[s]
            diags, sb_err = sb_results[s]
            pres = poly_results.get(copy, {"output": {"success": False, "error": "no result"}})
            official = on_disk(official_errors(pres, copy, cat), orig)
            if diags is None:
                fails, allowed, notes = [{"kind": "switchboard-crash", "detail": sb_err}], [], []
            else:
                fails, allowed, notes = compare(diags, official, cat)
            sb_has_error = bool(diags) and any(d.get("severity") == "error" for d in diags)
            agreement[("official-invalid" if official else "official-valid",
                       "switchboard-error" if sb_has_error else "switchboard-clean")] += 1
            for f in fails:
                kinds[(f["kind"], f.get("check") or f.get("code") or "")] += 1
            for a in allowed:
                allowed_kinds[(a["kind"], a.get("check") or a.get("code") or "")] += 1
            entry = {"seed": s, "mutations": proj.mutations, "official": [
                {"file": f, "check": c, "message": m} for f, c, m in official],
                "switchboard_errors": sorted({f"{d['file']}: {d['code']}" for d in (diags or [])
                                              if d.get("severity") == "error"}),
                "failures": fails, "allowed": allowed, "notes": notes}
            if fails:
                failed += 1
                report["projects"].append(entry)
                if args.keep:
                    dest = os.path.join(args.keep, f"p{s:07d}")
                    shutil.rmtree(dest, ignore_errors=True)
                    shutil.copytree(orig, dest)
                    with open(os.path.join(dest, "DIFF.json"), "w", encoding="utf-8") as fh:
                        json.dump(entry, fh, indent=2, ensure_ascii=False)
            else:
                passed += 1
                if allowed or notes:
                    report["projects"].append(entry)
        secs = [r.get("seconds", 0) for r in poly_results.values() if r.get("seconds")]
        report["summary"] = {
            "passed": passed, "failed": failed,
            "agreement": {f"{a} / {b}": n for (a, b), n in sorted(agreement.items())},
            "failures_by_kind": {f"{k} {c}": n for (k, c), n in kinds.most_common()},
            "allowed_by_kind": {f"{k} {c}": n for (k, c), n in allowed_kinds.most_common()},
            "timing": {"generate_s": round(t_gen - t_start, 2), "official_s": round(t_poly, 2),
                       "official_mean_per_project_s": round(sum(secs) / len(secs), 4) if secs else None,
                       "total_s": round(time.perf_counter() - t_start, 2)},
        }
        with open(args.report, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2, ensure_ascii=False)
        for line in sorted(report["summary"]["failures_by_kind"].items(), key=lambda x: -x[1]):
            print(f"  {line[1]:5d}  {line[0]}")
        print(f"report: {args.report}  (official validator: {report['mode']}, "
              f"{report['summary']['timing']['official_s']} s for {args.count} projects)")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
