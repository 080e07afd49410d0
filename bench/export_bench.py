"""Benchmark: every export of a very large evening (1,000 ideas, 300 ballots). Target: < 3 s.

    .venv/bin/python bench/export_bench.py [--ideas 1000] [--ballots 300] [--runs 5]

Builds the session first (not timed) through the domain, as the tests do, then
times `export_all` (results, minutes, CSV, JSON) plus `export_handouts` (poster,
table cards, paper ballots): once cold in this process (imports, font loading
included), then warm runs, of which the median is reported. Each file's share
comes from the progress callback.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "export"))   # the same session builder as the tests

TARGET_SECONDS = 3.0


def run_once(ws, out: Path) -> tuple[float, dict[str, float]]:
    from facilitator.export.bundle import export_all, export_handouts

    shares: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(done: int, total: int, label: str) -> None:
        now = time.perf_counter()
        if last[1]:
            shares[str(last[1])] = now - float(last[0])
        last[0], last[1] = now, label

    start = time.perf_counter()
    export_all(ws, out, progress=progress)
    export_handouts(ws, out, base_url="http://192.168.1.20:8000", wifi_ssid="Kylätalo",
                    wifi_password="salasana", progress=progress)
    return time.perf_counter() - start, shares


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5, help="warm runs after the cold one")
    args = parser.parse_args()

    import export_builders

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        ws = export_builders.big(folder / "iso.db", ideas=args.ideas, ballots=args.ballots)
        built = time.perf_counter() - t0
        cold_start = time.perf_counter()
        cold, _ = run_once(ws, folder / "cold")
        cold_total = time.perf_counter() - cold_start
        warm = []
        shares: dict[str, float] = {}
        for n in range(args.runs):
            seconds, shares = run_once(ws, folder / f"warm{n}")
            warm.append(seconds)
        sizes = {p.name: p.stat().st_size for p in (folder / "warm0").iterdir()}
        ws.close()

    median = statistics.median(warm)
    print(f"session: {args.ideas} ideas, {args.ballots} ballots (built in {built:.1f} s)")
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    print(f"cold (first in process, imports and fonts included): {cold_total:.2f} s")
    print(f"warm median of {args.runs}: {median:.2f} s  (min {min(warm):.2f}, "
          f"max {max(warm):.2f})")
    print("per file (last warm run):")
    for name, seconds in shares.items():
        print(f"  {name:<28} {seconds:6.2f} s  {sizes.get(name, 0) / 1024:8.0f} KiB")
    verdict = "OK" if cold_total < TARGET_SECONDS else "OVER"
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if cold_total < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
