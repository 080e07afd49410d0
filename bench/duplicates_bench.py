"""How good and how fast the duplicate suggestions are (facilitator/core/duplicates.py).

    .venv/bin/python bench/duplicates_bench.py

Quality: precision and recall on the labelled Finnish pairs in bench/duplicates/pairs.tsv at
the shipped threshold, per split (`tune`: the matcher was tuned on these; `heldout`: written
after it was frozen), with a small threshold sweep. Speed: 500 ideas of a workshop; the
incremental step (one new idea against the 499 held) and a full recompute of every pair.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core import duplicates
from facilitator.core.duplicates import THRESHOLD, DuplicateIndex, Idea, similarity

PAIRS = Path(__file__).parent / "duplicates" / "pairs.tsv"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: bool
    split: str


def load(path: Path = PAIRS) -> list[Pair]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return [Pair(r["a"], r["b"], r["label"] == "1", r["split"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@dataclass(frozen=True)
class Quality:
    n: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def quality(scored: list[tuple[Pair, float]], threshold: float) -> Quality:
    tp = sum(1 for p, s in scored if s >= threshold and p.label)
    fp = sum(1 for p, s in scored if s >= threshold and not p.label)
    fn = sum(1 for p, s in scored if s < threshold and p.label)
    return Quality(len(scored), tp, fp, fn)


def score(pairs: list[Pair]) -> list[tuple[Pair, float]]:
    return [(p, similarity(p.a, p.b)) for p in pairs]


def workshop_ideas(n: int = 500, seed: int = 15) -> list[Idea]:
    """`n` ideas as a big evening might have them: the set's texts, then recombined words."""
    texts = list(dict.fromkeys(t for p in load() for t in (p.a, p.b)))
    rng = random.Random(seed)
    vocab = [w for t in texts for w in t.split()]
    while len(texts) < n:
        texts.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(2, 6))).capitalize())
    rng.shuffle(texts)
    themes = 6
    return [Idea(i + 1, t, i % themes) for i, t in enumerate(texts[:n])]


def timings(n: int = 500, last: int = 10) -> dict[str, float]:
    """A full recompute of `n` ideas, and the cost of each of the evening's `last` ideas."""
    ideas = workshop_ideas(n)
    duplicates.word_similarity.cache_clear()
    start = time.perf_counter()
    index = DuplicateIndex()
    index.sync(ideas)
    index.suggestions()
    full = time.perf_counter() - start
    # The evening as it happens: n - last ideas are held, then the last ones arrive one by
    # one; each step is the new idea against all held, and the list of suggestions again.
    duplicates.word_similarity.cache_clear()
    index = DuplicateIndex()
    index.sync(ideas[:-last])
    steps: list[float] = []
    for idea in ideas[-last:]:
        start = time.perf_counter()
        index.add(idea)
        index.suggestions()
        steps.append(time.perf_counter() - start)
    return {"full": full, "step_median": statistics.median(steps), "step_max": max(steps),
            "suggested": float(len(index.suggestions()))}


def main() -> int:
    pairs = load()
    scored = score(pairs)
    by_split = {s: [(p, v) for p, v in scored if p.split == s] for s in ("tune", "heldout")}
    print(f"pairs: {len(pairs)} ({sum(p.label for p in pairs)} duplicates), "
          f"tune {len(by_split['tune'])}, held-out {len(by_split['heldout'])}")
    print(f"threshold {THRESHOLD}:")
    for name, part in (("tune", by_split["tune"]), ("held-out", by_split["heldout"]),
                       ("all", scored)):
        if part:
            q = quality(part, THRESHOLD)
            print(f"  {name:9} precision {q.precision:.2f}  recall {q.recall:.2f}  "
                  f"(tp {q.tp}, fp {q.fp}, fn {q.fn})")
    print("sweep (all pairs):   threshold  precision  recall")
    for t in (0.50, 0.55, 0.58, 0.62, 0.66, 0.70, 0.75, 0.80):
        q = quality(scored, t)
        print(f"{'':21}{t:.2f}       {q.precision:.2f}       {q.recall:.2f}")
    if "-v" in sys.argv:
        for p, v in sorted(scored, key=lambda x: x[1]):
            wrong = (v >= THRESHOLD) != p.label
            if wrong:
                print(f"  {'FP' if not p.label else 'FN'} {v:.2f} {p.split:7} {p.a} | {p.b}")
    t = timings()
    print(f"500 ideas ({os.cpu_count()} cores): full recompute {t['full'] * 1000:.0f} ms; "
          "each of the last 10 ideas against those held: median "
          f"{t['step_median'] * 1000:.1f} ms, "
          f"max {t['step_max'] * 1000:.1f} ms; {t['suggested']:.0f} pairs suggested")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
