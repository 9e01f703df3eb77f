"""Crash a large ``framing batch`` job with kill -9 and finish it with ``--resume``.

Writes ``--articles`` synthetic articles (default 100,000; recombined with a seeded RNG from
the project's own sentences, as in ``bench_batch.py``; one record in the middle is corrupted
on purpose), starts ``framing batch --jobs N``, sends SIGKILL to its whole process group at a
random moment (seeded) after a random number of committed records, restarts it with
``--resume`` (again killed ``--kills`` times in all) and lets the last run finish. Then it
reads the output and checks:

* every input record is in it exactly once, in input order (the corrupted line as one error
  row naming its line);
* no (id, party) row is duplicated and no line is torn;
* the peak RSS of the job's process tree (sampled every 0.2 s) in each run.

It prints one JSON document (also written with ``--json PATH``). ``tests/test_corpus.py``
does the same at 2,000 records in CI; this script is for the full-size run.

Usage::

    python benchmarks/bench_resume.py [--articles 100000] [--jobs 2] [--kills 2] [--seed 5]
        [--format jsonl|sqlite] [--workdir DIR] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import REPO, _tree_rss, make_article, project_sentences


def write_corpus(path: Path, n: int, seed: int, pool: Sequence[str]) -> int:
    """Write ``n`` articles, the middle one a torn JSON line; return its line number."""
    rng = random.Random(seed)
    bad = n // 2
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i == bad:
                f.write('{"id": "a' + f"{i:07d}" + '", "text": "cut off\n')
                continue
            art = {"id": f"a{i:07d}", "outlet": rng.choice(["Wire", "Daily", "Herald"]),
                   "text": make_article(rng, pool, 1, 3)}
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return bad + 1


def committed(out: Path) -> int:
    """Records committed so far, from the job's own progress record."""
    if out.suffix == ".sqlite":
        try:
            with sqlite3.connect(out, timeout=5) as con:
                row = con.execute("SELECT records FROM _framing_batch WHERE tbl = 'parties'"
                                  ).fetchone()
            return row[0] if row else 0
        except sqlite3.Error:
            return 0
    from framing.batch.io import progress_path

    try:
        return json.loads(progress_path(out).read_text())["records"]
    except (OSError, ValueError, KeyError):
        return 0


def run(args: list[str], n: int, kill_share: float | None, rng: random.Random) -> dict:
    """One run; kill -9 its process group once ``kill_share`` of the records left are
    committed."""
    import psutil

    cmd = [sys.executable, "-m", "framing.cli.batch", "batch", *args, "--no-progress"]
    out = Path(args[args.index("-o") + 1])
    before = committed(out)
    kill_at = None if kill_share is None else before + max(1, int(kill_share * (n - before)))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO,
                            start_new_session=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(ps))
        if kill_at is not None and committed(out) >= kill_at:
            time.sleep(rng.uniform(0, 0.5))  # a random moment, likely mid-chunk
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    _, err = proc.communicate()
    killed = proc.returncode == -signal.SIGKILL
    return {"committed_before": before, "committed_after": committed(out),
            "returncode": proc.returncode, "killed": killed,
            "seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": round(peak / 2**20),
            "summary": [line for line in err.decode().splitlines()
                        if line.startswith("framing batch:")] if not killed else []}


def check_jsonl(out: Path, n: int, bad_line: int) -> dict:
    """Every record once and in order, no duplicate (id, party) row, no torn line."""
    data = out.read_bytes()
    assert data.endswith(b"\n"), "output does not end with a newline"
    ids: list[str] = []
    pairs: set[tuple[str, str]] = set()
    duplicates = errors = rows = 0
    for line in data.split(b"\n")[:-1]:
        row = json.loads(line)  # a torn line would raise here
        rows += 1
        rid = str(row["id"])
        if not ids or ids[-1] != rid:
            ids.append(rid)
        key = (rid, str(row.get("actor")))
        duplicates += key in pairs
        pairs.add(key)
        errors += bool(row.get("error"))
    want = [f"a{i:07d}" for i in range(n)]
    want[bad_line - 1] = f"record {bad_line - 1}"  # no id: its position (no blank lines)
    return {"rows": rows, "records": len(ids), "records_in_order": ids == want,
            "distinct_records": len(set(ids)), "duplicate_rows": duplicates,
            "error_rows": errors}


def check_sqlite(out: Path, n: int, bad_line: int) -> dict:
    with sqlite3.connect(out) as con:
        rows = con.execute("SELECT COUNT(*) FROM parties").fetchone()[0]
        records = con.execute("SELECT COUNT(DISTINCT id) FROM parties").fetchone()[0]
        dup = con.execute("SELECT COUNT(*) FROM (SELECT id, actor FROM parties GROUP BY id, "
                          "actor HAVING COUNT(*) > 1)").fetchone()[0]
        errors = con.execute("SELECT COUNT(*) FROM parties WHERE error IS NOT NULL AND "
                             "error != ''").fetchone()[0]
    return {"rows": rows, "records": records, "distinct_records": records,
            "duplicate_rows": dup, "error_rows": errors}


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--kills", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--format", choices=("jsonl", "sqlite"), default="jsonl")
    ap.add_argument("--workdir")
    ap.add_argument("--json")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(dir=a.workdir) as d:
        work = Path(d)
        src = work / "corpus.jsonl"
        bad = write_corpus(src, a.articles, a.seed, project_sentences())
        out = work / f"scores.{a.format}"
        args = [str(src), "-o", str(out), "--jobs", str(a.jobs)]
        runs = []
        for k in range(a.kills):
            # kill once a random share (10-40%) of what is left has been committed
            runs.append(run(args + (["--resume"] if k else []), a.articles,
                            rng.uniform(0.1, 0.4), rng))
        runs.append(run([*args, "--resume"], a.articles, None, rng))
        check = (check_jsonl if a.format == "jsonl" else check_sqlite)(out, a.articles, bad)
    result = {"articles": a.articles, "jobs": a.jobs, "format": a.format,
              "corrupted_line": bad, "runs": runs, "check": check,
              "ok": (check["distinct_records"] == a.articles and check["duplicate_rows"] == 0
                     and check.get("records_in_order", True) and check["error_rows"] == 1
                     and all(r["killed"] for r in runs[:-1]) and runs[-1]["returncode"] == 0)}
    print(json.dumps(result, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    sys.exit(0 if main()["ok"] else 1)
