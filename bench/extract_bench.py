"""Benchmark: claims extraction on a generated corpus, against dateparser's search_dates.

    python bench/extract_bench.py [--articles 10000] [--baseline 300] [--dense-mb 1] [--repeat 3]

Builds N articles from seeds/ with perturbed figures and dates, then measures, on one core
(CPU time, median of --repeat runs):
  1. in-process extraction (articles/s, MB/s),
  2. dateparser.search.search_dates(languages=["it"]) over the same texts (the baseline),
     and the ratio of the two throughputs, measured side by side in this run,
  3. dense text: the seeds' most figure-heavy sentence repeated to --dense-mb MB, one document
     (MB/s, and its ratio to the corpus's MB/s in this run),
  4. the whole `factcheck claims DIR --format json` process on the N articles (wall time).
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]
NUMBER = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+\b")
MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def italian(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def perturb(text: str, rng: random.Random) -> str:
    def number(match):
        value = int(match.group().replace(".", ""))
        if 1900 <= value <= 2100:  # a year: move it a little
            return str(value + rng.randint(-3, 1))
        return italian(max(1, int(value * rng.uniform(0.5, 1.6))))

    text = NUMBER.sub(number, text)
    return MONTH.sub(lambda m: rng.choice(MONTHS), text)


def build_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [perturb(seeds[i % len(seeds)], rng) for i in range(n)]


def dense_sentence() -> str:
    """The seeds' one-line sentence with the most numerals: "... circa 11.000 soldati ..., con circa
    300 tra loro uccisi e oltre 2.700 feriti." (three figures in 150 characters)."""
    sentences = [s.strip() for p in sorted((ROOT / "seeds").glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if "\n" not in s.strip()]
    return max(sentences, key=lambda s: (len(NUMBER.findall(s)), -len(s)))


def dense_text(megabytes: float) -> str:
    sentence = dense_sentence() + " "
    return sentence * max(1, int(megabytes * 1e6 / len(sentence.encode("utf-8"))))


def timed(work, repeat: int) -> float:
    """The median CPU seconds of `repeat` runs of `work()` (CPU time: the machine is shared)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def rate(count: int, size: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} articles/s, {size / seconds / 1e6:.2f} MB/s ({seconds:.2f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=300, help="articles given to search_dates (it is slow)")
    parser.add_argument("--dense-mb", type=float, default=1.0, help="size of the dense text")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is shown)")
    args = parser.parse_args()

    start = time.perf_counter()
    import factcheck  # noqa: F401
    light = not any(m in sys.modules for m in ("pandas", "dateparser"))
    print(f"import factcheck: {(time.perf_counter() - start) * 1000:.0f} ms, "
          f"pandas/dateparser not loaded: {light}")

    from factcheck.extraction import extract_document
    from factcheck.documents import Document
    from factcheck.check.ruleset import load_rules

    corpus = build_corpus(args.articles)
    size = sum(len(t.encode("utf-8")) for t in corpus)
    print(f"corpus: {len(corpus):,} articles, {size / 1e6:.1f} MB")
    rules = load_rules()
    documents = [Document(f"{i:05d}.txt", text, "it") for i, text in enumerate(corpus)]
    extract_document(documents[0], rules)  # compile the patterns outside the timing

    claims = sum(len(extract_document(d, rules)) for d in documents)
    ours = timed(lambda: [extract_document(d, rules) for d in documents], args.repeat)
    print(f"factcheck extraction: {rate(len(corpus), size, ours)}; {claims:,} claims")

    from dateparser.search import search_dates

    sample = corpus[:args.baseline]
    sample_size = sum(len(t.encode("utf-8")) for t in sample)
    search_dates(sample[0][:200], languages=["it"])  # load its data outside the timing
    theirs = timed(lambda: [search_dates(text, languages=["it"]) for text in sample], args.repeat)
    print(f"baseline search_dates(languages=['it']): {rate(len(sample), sample_size, theirs)}")
    ratio = (len(corpus) / ours) / (len(sample) / theirs)
    print(f"ratio: factcheck is {ratio:,.0f}x search_dates")

    dense = Document("dense.txt", dense_text(args.dense_mb), "it")
    dense_size = len(dense.text.encode("utf-8"))
    dense_claims = len(extract_document(dense, rules))
    dense_time = timed(lambda: extract_document(dense, rules), args.repeat)
    print(f"dense text ({dense_size / 1e6:.1f} MB, one sentence with three figures, repeated): "
          f"{dense_size / dense_time / 1e6:.2f} MB/s ({dense_time:.2f} s), {dense_claims} claims; "
          f"{(dense_size / dense_time) / (size / ours):.2f}x the corpus's MB/s")

    with tempfile.TemporaryDirectory() as folder:
        for document in documents:
            (Path(folder) / document.source).write_text(document.text, encoding="utf-8")
        command = [sys.executable, "-m", "factcheck", "claims", folder, "--format", "json"]
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        whole = time.perf_counter() - start
    if result.returncode:
        print(result.stderr, file=sys.stderr)
        return 1
    print(f"factcheck claims on {len(corpus):,} files, whole process: {whole:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
