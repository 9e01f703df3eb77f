"""Benchmark batch scoring: per-article speed, ``framing batch`` with 1 and N jobs, memory, Dask.

Everything runs in one process and one run, on synthetic articles recombined (seeded RNG) from
the project's own sentences: the gold articles ``tests/data/gold/*.json`` and the training
sets ``training/*.jsonl`` (never ``../shared``). It prints, and with ``--json PATH`` also
writes:

1. articles/s of ``framing.score_article`` (the default method, then each method), and of
   vaderSentiment's ``SentimentIntensityAnalyzer().polarity_scores`` alone on the same
   articles' sentences (split with ``framing.read.text.clean_article``), and their ratios; run it
   under ``taskset -c 0`` for one core;
   ``sentiment``: what the sentiment toward each party costs, on the same articles: the default
   path (the default method, party-aware sentiment), the default method with sentence VADER,
   the lexicon method with party-aware sentiment (its default), with sentence VADER (the
   lexicon path without the model) and with no sentiment, article by article and in chunks
   (as ``framing batch`` scores), each as a multiple of VADER's time and of the lexicon path
   without party-aware sentiment; the models' caches are cleared before every timed pass;
2. articles/s of ``framing batch`` (a subprocess, start-up included and reported) with 1 and
   ``--jobs`` processes, and the speed-up;
3. the peak memory (RSS, the job's whole process tree) of ``framing batch`` at two corpus
   sizes (``--rss-sizes``), to show it stays flat as the corpus grows;
4. the throughput of ``framing batch --dask`` and of ``framing.batch.dask.score_dask`` on a
   ``LocalCluster`` of ``--jobs`` single-threaded worker processes (cluster start excluded).

``--profile`` adds a cProfile of ``score_article`` on the articles of step 1. Steps whose
packages are missing are skipped.

Usage::

    python benchmarks/bench_batch.py [--articles 300] [--batch-articles 8000] [--jobs 2]
        [--rss-sizes 2000,20000] [--profile] [--json results.json] [--skip dask,rss]

    taskset -c 0 python benchmarks/bench_batch.py --skip article,batch,rss,dask --repeats 3
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "gold"
TRAINING = REPO / "training"
STEPS = ("article", "sentiment", "batch", "rss", "dask")


# -- corpus ---------------------------------------------------------------------------------


def project_sentences() -> list[str]:
    """The story sentences of the gold articles and the sentences of the training sets."""
    from framing import clean_article

    out: list[str] = []
    for path in sorted(GOLD.glob("*.json")):
        art = clean_article(json.loads(path.read_text(encoding="utf-8"))["text"])
        out.extend(s.text for s in art.sentences if not s.is_title)
    for path in sorted(TRAINING.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            out.extend(json.loads(line)["text"] for line in f if line.strip())
    return list(dict.fromkeys(s.strip() for s in out if s.strip()))


def make_article(rng: random.Random, pool: Sequence[str], lo: int, hi: int) -> str:
    """A title line and ``lo..hi`` sentences in paragraphs of 1-3 sentences."""
    body = rng.sample(pool, rng.randint(lo, hi))
    paragraphs, k = [], 0
    while k < len(body):
        n = rng.randint(1, 3)
        paragraphs.append(" ".join(body[k:k + n]))
        k += n
    return "\n".join([rng.choice(pool)[:90], *paragraphs])


def make_corpus(n: int, *, seed: int, pool: Sequence[str], lo: int, hi: int) -> list[dict]:
    rng = random.Random(seed)
    outlets = ["Wire", "Daily", "Herald", "Post"]
    return [{"id": f"a{i:07d}", "outlet": rng.choice(outlets),
             "text": make_article(rng, pool, lo, hi)} for i in range(n)]


def write_jsonl(path: Path, n: int, *, seed: int, pool: Sequence[str], lo: int, hi: int
                ) -> Path:
    """Write ``n`` articles as JSONL without holding them all (for the large RSS corpus)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            art = {"id": f"a{i:07d}", "outlet": "Wire", "text": make_article(rng, pool, lo, hi)}
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return path


# -- measurements ---------------------------------------------------------------------------


def best_of(fn, repeats: int) -> float:
    """The shortest of ``repeats`` wall times of ``fn()``, in seconds."""
    out = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - start)
    return out


def framing_default_method() -> str:
    from framing.labels import DEFAULT_METHOD

    return DEFAULT_METHOD


def bench_article(arts: list[dict], repeats: int) -> dict:
    """articles/s of score_article and of VADER polarity_scores on the same sentences."""
    import framing
    from framing import clean_article

    texts = [a["text"] for a in arts]
    framing.score_article(texts[0])  # load lexicons, dictionaries, Punkt, VADER
    best = best_of(lambda: [framing.score_article(t) for t in texts], repeats)
    out = {"articles": len(texts), "chars_per_article": sum(map(len, texts)) / len(texts),
           "score_article_per_s": len(texts) / best, "score_article_ms": 1000 * best / len(texts)}
    sentences = [[s.text for s in clean_article(t).sentences] for t in texts]
    out["sentences_per_article"] = sum(map(len, sentences)) / len(sentences)
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        out["vader"] = "skipped: vaderSentiment is not installed"
        return out
    sia = SentimentIntensityAnalyzer()
    vbest = best_of(lambda: [sia.polarity_scores(s) for sents in sentences for s in sents],
                    repeats)
    out["vader_per_s"] = len(texts) / vbest
    out["score_article_vs_vader"] = best / vbest  # how many times VADER's time
    # Every method side by side (the default is the one timed above).
    out["methods"] = {}
    for method in framing.labels.METHODS:
        framing.score_article(texts[0], method=method)
        t = best_of(lambda m=method: [framing.score_article(x, method=m) for x in texts], repeats)
        out["methods"][method] = {"per_s": len(texts) / t, "vs_vader": t / vbest}
    lexicon_time = len(texts) / out["methods"]["lexicon"]["per_s"]
    out["stages_vs_vader"] = bench_stages(texts, sentences, lexicon_time, vbest, repeats)
    return out


#: (name, method, sentiment) of the variants of the sentiment step; the name of the reference.
SENTIMENT_VARIANTS = (
    ("default path: ensemble, party-aware", "ensemble", True),
    ("ensemble, sentence VADER", "ensemble", "sentence-vader"),
    ("lexicon, party-aware (its default)", "lexicon", True),
    ("lexicon, sentence VADER", "lexicon", "sentence-vader"),
    ("lexicon, no sentiment", "lexicon", False),
)
SENTIMENT_REFERENCE = "lexicon, sentence VADER"


def bench_sentiment(arts: list[dict], repeats: int, chunk: int) -> dict:
    """Cost of sentiment toward each party: every variant of :data:`SENTIMENT_VARIANTS` article
    by article (``score_article``) and in chunks (``Scorer.score_many``, as ``framing batch``),
    and VADER alone on the same sentences, in this process. The variants take turns in every
    pass (so that a change in the machine's load falls on all of them); best of ``repeats``."""
    import framing
    from framing import clean_article
    from framing.batch.corpus import Scorer, chunked
    from framing.learn.features import clear_caches

    texts = [a["text"] for a in arts]
    chunks = list(chunked(texts, chunk))
    sentences = [s.text for t in texts for s in clean_article(t).sentences]
    scorers = {name: Scorer.build(method=m, sentiment=s) for name, m, s in SENTIMENT_VARIANTS}
    for _, method, sentiment in SENTIMENT_VARIANTS:  # load models and resources
        framing.score_article(texts[0], method=method, sentiment=sentiment)
    one = {name: float("inf") for name, _, _ in SENTIMENT_VARIANTS}
    many = dict(one)
    vader = float("inf")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        sia = SentimentIntensityAnalyzer()
    except ImportError:
        sia = None
    for _ in range(repeats):
        for name, method, sentiment in SENTIMENT_VARIANTS:
            clear_caches()
            start = time.perf_counter()
            for t in texts:
                framing.score_article(t, method=method, sentiment=sentiment)
            one[name] = min(one[name], time.perf_counter() - start)
            clear_caches()
            start = time.perf_counter()
            for c in chunks:
                scorers[name].score_many(c)
            many[name] = min(many[name], time.perf_counter() - start)
        if sia is not None:
            start = time.perf_counter()
            for s in sentences:
                sia.polarity_scores(s)
            vader = min(vader, time.perf_counter() - start)
    n = len(texts)
    items = sum(len(r.targets) for r in
                (framing.score_article(t, method="lexicon") for t in texts)) / n
    out: dict = {"articles": n, "chunk_size": chunk, "items_per_article": items,
                 "reference": SENTIMENT_REFERENCE, "variants": {}}
    if sia is not None:
        out["vader_ms_per_article"] = 1000 * vader / n
    for name, _, _ in SENTIMENT_VARIANTS:
        row = {}
        for way, t in (("article_by_article", one[name]), ("in_chunks", many[name])):
            ref = one if way == "article_by_article" else many
            row[way] = {"ms_per_article": 1000 * t / n, "per_s": n / t,
                        "vs_reference": t / ref[SENTIMENT_REFERENCE]}
            if sia is not None:
                row[way]["vs_vader"] = t / vader
        out["variants"][name] = row
    return out


def print_sentiment(r: dict) -> None:
    print(f"\n[1b] sentiment toward each party: {r['articles']} articles, "
          f"{r['items_per_article']:.1f} (sentence, party) items each; chunks of "
          f"{r['chunk_size']} as framing batch; x ref = multiple of '{r['reference']}'")
    if "vader_ms_per_article" in r:
        print(f"    VADER polarity_scores alone {r['vader_ms_per_article']:6.2f} ms/article "
              "(same sentences)")
    print(f"    {'variant':<38} {'article by article':>30} {'in chunks':>30}")
    for name, row in r["variants"].items():
        cells = []
        for way in ("article_by_article", "in_chunks"):
            x = row[way]
            vader = f"{x['vs_vader']:5.1f}x VADER " if "vs_vader" in x else ""
            cells.append(f"{x['ms_per_article']:6.2f} ms {vader}{x['vs_reference']:4.2f}x ref")
        print(f"    {name:<38} {cells[0]:>30} {cells[1]:>30}")


def bench_stages(texts: list[str], sentences: list[list[str]], total: float, vader: float,
                 repeats: int) -> dict:
    """Where ``score_article``'s time goes, each part as a multiple of VADER's time on the same
    sentences: splitting the articles into sentences (``clean_article``, NLTK's Punkt with our
    parameters; its Punkt part, ``split_paragraph`` of the story paragraphs, is timed apart),
    tokenising every sentence, framing's own VADER compound of every sentence (a lower bound
    of its sentiment work: clauses and quotes are scored too), and everything else (actors,
    cues, coreference, clauses, attribution, results) as the rest of the total."""
    from framing.lexicon.sentiment import sentence_sentiment
    from framing.read.text import clean_article, split_paragraph, tokenize

    flat = [s for sents in sentences for s in sents]
    paragraphs = [line for t in texts for line in t.splitlines()[1:] if line.strip()]
    parts = {"segmentation": best_of(lambda: [clean_article(t) for t in texts], repeats),
             "  of which Punkt": best_of(
                 lambda: [split_paragraph(p, 0, len(p)) for p in paragraphs], repeats),
             "tokenisation": best_of(lambda: [tokenize(s) for s in flat], repeats),
             "sentence sentiment": best_of(lambda: [sentence_sentiment(s) for s in flat],
                                           repeats)}
    parts["everything else"] = max(0.0, total - sum(
        v for k, v in parts.items() if not k.startswith(" ")))
    return {name: seconds / vader for name, seconds in parts.items()}


def profile_article(arts: list[dict], top: int) -> str:
    import framing

    texts = [a["text"] for a in arts]
    framing.score_article(texts[0])
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        framing.score_article(t)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def _tree_rss(proc) -> int:
    """RSS of a process and its children (processes that are gone count 0)."""
    total = 0
    with contextlib.suppress(Exception):
        total += proc.memory_info().rss
        for child in proc.children(recursive=True):
            with contextlib.suppress(Exception):
                total += child.memory_info().rss
    return total


def run_batch(args: list[str], *, env: dict | None = None) -> dict:
    """Run ``framing batch`` in a subprocess; wall time, peak RSS of its process tree."""
    import resource

    cmd = [sys.executable, "-m", "framing.cli.batch", "batch", *args, "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO,
                            env=env)
    peak = 0
    try:
        import psutil

        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            peak = max(peak, _tree_rss(ps))
            time.sleep(0.05)
    except ImportError:
        pass
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"framing batch failed: {err.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # CPU seconds of the job and its workers / wall time: the cores it kept busy. On a
    # machine where other work competes for the cores, the speed-up of --jobs is bounded
    # by this, whatever the code does.
    out = {"seconds": wall, "cpu_seconds": cpu, "cores_busy": cpu / wall,
           "load_average_before": load, "stderr": err.decode().strip().splitlines()[0]}
    if peak:
        out["peak_rss_mb"] = peak / 2**20
    else:  # no psutil: the largest single process, from the kernel
        out["max_child_rss_mb"] = after.ru_maxrss / 1024
    return out


def startup_seconds() -> float:
    """Time of ``framing batch`` on a one-article corpus: start-up cost to subtract (imports,
    and the resources the first article loads: the article has a paragraph of two sentences,
    so that the sentence splitter, NLTK, is imported as in a real job)."""
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "one.jsonl"
        text = "Kyiv rejected the offer. Moscow said talks would go on."
        src.write_text(json.dumps({"id": 1, "text": text}) + "\n")
        return run_batch([str(src), "-o", str(Path(d) / "o.jsonl")])["seconds"]


def bench_batch(src: Path, n: int, jobs: int, chunk: int, work: Path, startup: float) -> dict:
    out: dict = {"articles": n, "startup_seconds": startup}
    for j in sorted({1, jobs}):
        r = run_batch([str(src), "-o", str(work / f"batch{j}.jsonl"), "--jobs", str(j),
                       "--chunk-size", str(chunk)])
        r["articles_per_s"] = n / r["seconds"]
        r["articles_per_s_after_startup"] = n / max(r["seconds"] - startup, 1e-9)
        out[f"jobs_{j}"] = r
    if jobs != 1:
        out["speedup"] = out[f"jobs_{jobs}"]["articles_per_s"] / out["jobs_1"]["articles_per_s"]
        out["speedup_after_startup"] = (out[f"jobs_{jobs}"]["articles_per_s_after_startup"]
                                        / out["jobs_1"]["articles_per_s_after_startup"])
    return out


def bench_rss(sizes: list[int], pool: Sequence[str], seed: int, jobs: int, work: Path) -> list:
    rows = []
    for n in sizes:
        src = write_jsonl(work / f"rss{n}.jsonl", n, seed=seed, pool=pool, lo=1, hi=2)
        r = run_batch([str(src), "-o", str(work / f"rss{n}.sqlite"), "--jobs", str(jobs),
                       "--no-sentiment"])
        r.update(articles=n, input_mb=src.stat().st_size / 2**20,
                 articles_per_s=n / r["seconds"])
        rows.append(r)
        src.unlink()
    return rows


def bench_dask(src: Path, arts: list[dict], jobs: int, chunk: int, work: Path) -> dict:
    try:
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError as e:
        return {"skipped": f"dask/distributed not installed ({e})"}
    from framing.batch.dask import score_dask

    out: dict = {"workers": jobs, "articles": len(arts)}
    start = time.perf_counter()
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        out["cluster_start_seconds"] = time.perf_counter() - start
        client.run(_warm)  # load the lexicons in every worker, as a long job would have
        r = run_batch([str(src), "-o", str(work / "dask.jsonl"), "--chunk-size", str(chunk),
                       "--dask", cluster.scheduler_address])
        r["articles_per_s"] = len(arts) / r["seconds"]
        out["batch_cli"] = r
        # The workers read the corpus file themselves, as on a real cluster (a DataFrame built
        # in the client would be shipped inside the task graph).
        blocksize = -(-src.stat().st_size // max(4 * jobs, 1))
        ddf = dd.read_json(str(src), lines=True, blocksize=blocksize)
        start = time.perf_counter()
        res = score_dask(ddf).compute()
        secs = time.perf_counter() - start
        out["score_dask"] = {"seconds": secs, "articles_per_s": len(arts) / secs,
                             "rows": len(res)}
    return out


def _warm() -> None:
    import framing

    framing.score_article("Kyiv rejected the offer.")


# -- main -----------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:,.1f}"


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300,
                        help="articles for score_article vs VADER (default 300)")
    parser.add_argument("--batch-articles", type=int, default=8000,
                        help="articles for framing batch and Dask (default 8000: each process "
                             "starts in about 2 s, imports and NLTK included, so a smaller "
                             "corpus measures start-up more than throughput)")
    parser.add_argument("--sentences", default="4,14",
                        help="sentences per article, min,max (default 4,14)")
    parser.add_argument("--jobs", type=int, default=2, help="processes / Dask workers (2)")
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("--rss-sizes", default="2000,20000",
                        help="corpus sizes for the peak-memory runs (short articles, no "
                             "sentiment); e.g. 10000,100000")
    parser.add_argument("--repeats", type=int, default=2, help="passes of step 1 (best of)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {STEPS}")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile score_article on the step-1 articles")
    parser.add_argument("--top", type=int, default=25, help="profile rows to print")
    parser.add_argument("--json", metavar="PATH", help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    skip = {s for s in args.skip.split(",") if s}
    lo, hi = (int(x) for x in args.sentences.split(","))

    pool = project_sentences()
    results: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "corpus": {"source": "tests/data/gold/*.json + training/*.jsonl sentences",
                   "pool_sentences": len(pool), "seed": args.seed,
                   "sentences_per_article": [lo, hi]},
    }
    print(f"corpus: {len(pool)} project sentences, {lo}-{hi} per article, seed {args.seed}; "
          f"{os.cpu_count()} CPUs, load {results['machine']['load_average']}")

    arts = make_corpus(max(args.articles, args.batch_articles), seed=args.seed, pool=pool,
                       lo=lo, hi=hi)
    if "article" not in skip:
        r = bench_article(arts[:args.articles], args.repeats)
        results["score_article"] = r
        print(f"\n[1] {r['articles']} articles, {r['chars_per_article']:.0f} chars, "
              f"{r['sentences_per_article']:.1f} sentences each")
        print(f"    score_article            {_fmt(r['score_article_per_s']):>9} articles/s "
              f"({r['score_article_ms']:.1f} ms/article)")
        if "vader_per_s" in r:
            print(f"    VADER polarity_scores    {_fmt(r['vader_per_s']):>9} articles/s "
                  "(same sentences)")
            print(f"    ratio                    score_article takes "
                  f"{r['score_article_vs_vader']:.1f}x VADER's time (default method "
                  f"{framing_default_method()})")
            for method, m in r["methods"].items():
                print(f"    method {method:<17} {_fmt(m['per_s']):>9} articles/s, "
                      f"{m['vs_vader']:.1f}x VADER's time")
            print("    where the lexicon path's time goes, each as a multiple of VADER's time:")
            for name, x in r["stages_vs_vader"].items():
                print(f"      {name:<22} {x:5.2f}x")
        else:
            print(f"    VADER: {r['vader']}")
    if "sentiment" not in skip:
        r = bench_sentiment(arts[:args.articles], args.repeats, args.chunk_size)
        results["sentiment"] = r
        print_sentiment(r)
    if args.profile:
        text = profile_article(arts[:args.articles], args.top)
        results["profile"] = text
        print("\n[profile] score_article\n" + text)

    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        batch_arts = arts[:args.batch_articles]
        src = work / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for a in batch_arts:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        if "batch" not in skip:
            startup = startup_seconds()
            r = bench_batch(src, len(batch_arts), args.jobs, args.chunk_size, work, startup)
            results["batch"] = r
            print(f"\n[2] framing batch, {len(batch_arts)} articles (start-up "
                  f"{startup:.1f} s included; after start-up in brackets)")
            for j in sorted({1, args.jobs}):
                x = r[f"jobs_{j}"]
                print(f"    --jobs {j}   {_fmt(x['articles_per_s']):>9} articles/s  "
                      f"({_fmt(x['articles_per_s_after_startup'])})  {x['seconds']:.1f} s, "
                      f"{x['cores_busy']:.2f} cores busy (load before "
                      f"{x['load_average_before']:.1f})")
            if "speedup" in r:
                print(f"    speed-up   {r['speedup']:.2f}x  ({r['speedup_after_startup']:.2f}x)")
        if "rss" not in skip:
            sizes = [int(x) for x in args.rss_sizes.split(",") if x]
            rows = bench_rss(sizes, pool, args.seed, args.jobs, work)
            results["rss"] = rows
            print(f"\n[3] peak memory of framing batch (--jobs {args.jobs}, --no-sentiment, "
                  "1-2 sentence articles, SQLite output)")
            for x in rows:
                mem = x.get("peak_rss_mb", x.get("max_child_rss_mb"))
                what = "process tree" if "peak_rss_mb" in x else "largest process"
                print(f"    {x['articles']:>9,} articles ({x['input_mb']:.1f} MB)  peak RSS "
                      f"{mem:.0f} MB ({what})  {_fmt(x['articles_per_s'])} articles/s")
        if "dask" not in skip:
            r = bench_dask(src, batch_arts, args.jobs, args.chunk_size, work)
            results["dask"] = r
            print(f"\n[4] Dask LocalCluster, {args.jobs} worker processes")
            if "skipped" in r:
                print(f"    {r['skipped']}")
            else:
                print(f"    cluster start {r['cluster_start_seconds']:.1f} s (excluded)")
                print(f"    framing batch --dask   {_fmt(r['batch_cli']['articles_per_s']):>9} "
                      f"articles/s  ({r['batch_cli']['seconds']:.1f} s, client start-up "
                      "included)")
                print(f"    score_dask().compute() {_fmt(r['score_dask']['articles_per_s']):>9}"
                      f" articles/s  ({r['score_dask']['seconds']:.1f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"\nwritten: {args.json}")
    return results


if __name__ == "__main__":
    main()
