"""Collection server benchmark (not a test): `python bench/collect_bench.py`.

The real deployment on loopback: Debian's nginx with a self-signed certificate in
front of `facilitator collect serve` (as docs/deploy.md sets it up), loaded by wrk over
https. Measures, in the same run and through the same nginx:

- nginx's own static file (`/baseline.txt`): the ceiling of the proxy and TLS here;
- ideas (`POST /t/nuoret`, a random browser's cookie and CSRF token, a fresh
  idempotency key each: every 303 is one idea committed with fsync);

at 50 and 300 concurrent connections (a closed loop), each for `--seconds`; then the
collection file's size after 10,000 ideas. The per-address limits are lifted for the
run (wrk is one address); the per-browser limit is not, so ideas come from 20,000
browsers. Bounded: about a minute. Figures to stdout as Markdown and bench/results.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from facilitator.collect.prepare import prepare  # noqa: E402
from facilitator.core.process import Process  # noqa: E402
from facilitator.store.collection import CollectionStore  # noqa: E402
from facilitator.web.forms import csrf_token  # noqa: E402
from tests.collect.nginx_support import CollectServer, Nginx, nginx_binary  # noqa: E402
from tests.collect.support import THEMES  # noqa: E402
from tests.machine import free_port  # noqa: E402

LUA = HERE / "collect_idea.lua"
BROWSERS = 20_000
UNLIMITED = ("--ideas-per-hour", "1000000000", "--requests-per-2s", "1000000000",
             "--ideas-per-day", "1000000000")


def wrk(url: str, clients: int, seconds: int, script: list[str] | None = None
        ) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", script[0], url, "--", *script[1:]]
    else:
        cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def ms(label: str) -> float:
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"),
            "non_2xx_3xx": float(bad.group(1)) if bad else 0.0,
            "socket_errors": 1.0 if errors else 0.0}


def file_size_after(n: int, folder: Path, template: Path) -> int:
    """The collection file's size with `n` ideas of a typical length (~120 characters)."""
    path = folder / "size.sqlite"
    shutil.copy(template, path)
    with CollectionStore.open(path) as cs:
        with cs.write():
            for i in range(n):
                cs.add_idea(theme=("nuoret", "tilat")[i % 2],
                            text=f"Idea {i}: nuorisotila vanhaan kouluun, auki perjantaisin ja "
                                 "lauantaisin, ja kesällä myös ulkona urheilukentän laidalla",
                            created_at="2027-01-12T14", device=secrets.token_hex(16),
                            idem=secrets.token_urlsafe(16), day="2027-01-12")
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path.stat().st_size


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    args = ap.parse_args()
    binary = nginx_binary()
    if binary is None or shutil.which("wrk") is None:
        print("needs nginx and wrk (make system-deps)", file=sys.stderr)
        return 1
    results: dict[str, object] = {"machine": {"python": platform.python_version(),
                                              "cpus": __import__("os").cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        with Process.create(tmp / "p", name="Penkkitesti", municipality="Mansikkala") as proc:
            proc.set_themes(THEMES)
            file = prepare(proc, until="2099-12-31", public_url="https://127.0.0.1").path
        pristine = tmp / "pristine.sqlite"
        shutil.copy(file, pristine)
        devices = tmp / "devices.tsv"
        devices.write_text("".join(f"{t}\t{csrf_token(t)}\n" for t in
                                   (secrets.token_urlsafe(24) for _ in range(BROWSERS))))
        nginx = Nginx(tmp, free_port(), free_port())
        nginx.start(binary)
        server = CollectServer(file, nginx.app_port, nginx.base, UNLIMITED).start()
        try:
            for clients in (50, 300):
                base = wrk(f"{nginx.base}/baseline.txt", clients, args.seconds)
                ideas = wrk(f"{nginx.base}/t/nuoret", clients, args.seconds,
                            [str(LUA), str(devices), "__Host-fcol", f"r{clients}"])
                results[f"c{clients}"] = {"static": base, "ideas": ideas}
                time.sleep(1)
        finally:
            server.stop()
            nginx.stop()
        with CollectionStore.open(file) as cs:
            stored = len(cs.ideas())
        results["stored_ideas"] = stored
        results["bytes_10000"] = file_size_after(10_000, tmp, pristine)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "collect.json").write_text(json.dumps(results, indent=2))
    print("| clients | nginx static req/s (p99) | ideas/s through nginx (p50 / p99) | "
          "ideas ÷ static | refused |")
    print("|---:|---:|---:|---:|---:|")
    for clients in (50, 300):
        r = results[f"c{clients}"]
        assert isinstance(r, dict)
        s, i = r["static"], r["ideas"]
        print(f"| {clients} | {s['rps']:,.0f} ({s['p99']:.1f} ms) | {i['rps']:,.0f} "
              f"({i['p50']:.1f} / {i['p99']:.1f} ms) | {i['rps'] / s['rps']:.0%} | "
              f"{i['non_2xx_3xx']:.0f} |")
    print(f"\nIdeas stored in the run: {stored:,}. Collection file after 10,000 ideas: "
          f"{results['bytes_10000'] / 1e6:.1f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
