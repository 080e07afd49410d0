"""Participant server benchmark (not a test): `python bench/web_bench.py`.

Runs the real `facilitator serve` on a palvelupaja session in its vote
phase, with 1,000 phones joined, and measures with wrk (a C load generator:
not the bottleneck, unlike a Python client):

- the same server's hello-world route (`/hello`), the baseline;
- vote submissions (`POST /j/CODE/vote`, a real dots ballot from a random phone,
  a fresh idempotency key each: every 303 is one write committed with fsync);

at 50, 300 and 1,000 concurrent connections (a closed loop: each connection sends
again as soon as it is answered); before that, 300 phones each voting once at
a human pace (an open loop: the latency one person sees); then the server's
memory with
1,000 open live-update streams and how long a phase change takes to reach
all of them; then the compressed first-load weight of every participant page.

`--flood` measures only what one flooding phone costs the others: 50 phones
vote at a steady pace (each ballot from another joined phone) while nothing
else happens, then while one phone posts ballots as fast as wrk can send them
(all but the first few refused with 429 by the per-device limit, before the
writer), alternately, several rounds; it compares the 50 phones' p99.

wrk's storm picks a random phone per ballot from 19,000 joined phones, so that
the per-device ballot limit (core/limits.py) is not what it measures.
Figures go to stdout as Markdown and to bench/results/web.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from facilitator.core.demo import DEMO_IDEAS
from facilitator.core.templates import load_template
from facilitator.core.workshop import Workshop
from facilitator.paths import shipped_templates_dir
from facilitator.web.forms import csrf_token

HERE = Path(__file__).resolve().parent
LUA = HERE / "web_vote.lua"
PHONES = 1000          # live-update streams
STORM_PHONES = 19_000  # joined phones wrk's ballots come from (under the server's 20,000 cache)
IDEAS = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_session(folder: Path, key: str = "palvelupaja", ideas: int = IDEAS,
                 phones: int = PHONES) -> tuple[Path, list[tuple[str, str]], list[str]]:
    """A session in its vote phase: ideas on the ballot and joined phones (token, csrf)."""
    path = folder / f"{key}.db"
    template = load_template(shipped_templates_dir() / f"{key}.toml")
    with Workshop.create(path, template, title="Penkkitesti") as ws:
        themes = [t.key for t in ws.themes()] or [None]
        texts = [t for group in DEMO_IDEAS.values() for t in group]
        ids = [str(ws.ideas.submit(f"{texts[n % len(texts)]} ({n})", theme=themes[n % len(themes)],
                                   source="paper").id) for n in range(ideas)]
        devices = []
        with ws.store.write():
            for _ in range(phones):
                token, _row = ws.participants.join("fi")
                devices.append((token, csrf_token(token)))
        vote = next((p for p in ws.phases() if p.kind == "vote"), None)
        if vote is not None:
            ws.goto(vote.key)
    return path, devices, ids


def on_cpu(cpu: int | None) -> dict[str, Any]:
    """Popen arguments that run a child on CPU `cpu` only (Linux, 2+ cores), when asked."""
    if cpu is None or not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return {}
    return {"preexec_fn": lambda: os.sched_setaffinity(0, {cpu})}


def start_server(path: Path, port: int, cpu: int | None = None) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "facilitator", "serve",
                             str(path), "--port", str(port), "--host", "127.0.0.1"], **on_cpu(cpu),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server did not start: {proc.stderr.read() if proc.stderr else ''}")


def parse_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, clients: int, seconds: int, script: list[str] | None = None) -> dict[str, Any]:
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        cmd += ["-s", script[0], url, "--", *script[1:]]
    else:
        cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M))
    if "50" not in lat:
        raise SystemExit(f"wrk said:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    return {"command": " ".join(cmd), "rps": float(re.search(  # type: ignore[union-attr]
                r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": parse_ms(lat["50"]), "p99_ms": parse_ms(lat["99"]),
            "requests": requests, "non_2xx_3xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0}


async def open_streams(port: int, path: str, n: int) -> list[tuple[Any, Any]]:
    async def one() -> tuple[Any, Any]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        while b"data:" not in await reader.readline():
            pass
        return reader, writer

    streams = []
    for start in range(0, n, 100):  # not all at the very same moment: like a hall, not a flood
        streams += await asyncio.gather(*(one() for _ in range(min(100, n - start))))
    return streams


async def wait_all_changed(streams: list[tuple[Any, Any]]) -> None:
    async def one(reader: Any) -> None:
        while b"data:" not in await reader.readline():
            pass
    await asyncio.gather(*(one(r) for r, _ in streams))


def live_memory(path: Path, port: int, pid: int, code: str, n: int) -> dict[str, Any]:
    proc = psutil.Process(pid)
    idle = proc.memory_info().rss

    async def run() -> dict[str, Any]:
        streams = await open_streams(port, f"/j/{code}/live", n)
        held = proc.memory_info().rss
        with Workshop.open(path) as ws:  # the facilitator moves on: time to reach every phone
            started = time.monotonic()
            nxt = next(p for p in ws.phases() if p.status == "upcoming")
            ws.goto(nxt.key)
            await asyncio.wait_for(wait_all_changed(streams), 30)
            fanout = time.monotonic() - started
        for _, writer in streams:
            writer.close()
        return {"streams": n, "rss_idle_mb": idle / 2**20, "rss_streams_mb": held / 2**20,
                "per_stream_kb": (held - idle) / n / 1024, "phase_change_to_all_s": fanout}

    return asyncio.run(run())


def open_loop(port: int, code: str, phase: str, devices: list[tuple[str, str]],
              ideas: list[str], phones: int, within: float) -> dict[str, Any]:
    """`phones` phones each send one ballot at an even pace over `within` seconds, each on
    its own connection (a hall, not a load generator): the latency one person sees."""
    async def one(n: int, at: float, out: list[float], loop: Any) -> None:
        await asyncio.sleep(at)
        token, csrf = devices[n % len(devices)]
        body = (f"csrf={csrf}&phase={phase}&k=open-{within}-{n}&m.{ideas[n % len(ideas)]}=3"
                ).encode()
        started = loop.time()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"POST /j/{code}/vote HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     f"Cookie: fdev={token}\r\nConnection: close\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        status = await reader.readline()
        await reader.read()
        writer.close()
        assert b" 303 " in status, status
        out.append((loop.time() - started) * 1000)

    async def run() -> list[float]:
        loop = asyncio.get_running_loop()
        out: list[float] = []
        await asyncio.gather(*(one(n, n * within / phones, out, loop) for n in range(phones)))
        return sorted(out)

    lat = asyncio.run(run())
    return {"phones": phones, "within_s": within, "p50_ms": lat[len(lat) // 2],
            "p99_ms": lat[int(len(lat) * 0.99) - 1], "max_ms": lat[-1]}


def steady_voters(port: int, code: str, phase: str, devices: list[tuple[str, str]],
                  ideas: list[str], seconds: float, voters: int = 50, pause: float = 0.2,
                  tag: str = "s") -> list[float]:
    """`voters` phones' worth of steady voting for `seconds`: each task sends a ballot (from
    the next unused phone, on its own connection), waits `pause`, again. Latencies in ms."""
    pool = itertools.cycle(devices)  # a phone again after thousands of others: within its limit

    async def one(n: int, out: list[float], loop: Any, until: float) -> None:
        count = 0
        while loop.time() < until:
            token, csrf = next(pool)
            count += 1
            body = (f"csrf={csrf}&phase={phase}&k={tag}-{n}-{count}&"
                    f"m.{ideas[(n + count) % len(ideas)]}=2").encode()
            started = loop.time()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"POST /j/{code}/vote HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         f"Cookie: fdev={token}\r\nConnection: close\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            status = await reader.readline()
            rest = await reader.read()
            writer.close()
            assert b" 303 " in status, (status, re.findall(rb"role=.alert.[^<]*<[^<]*", rest))
            out.append((loop.time() - started) * 1000)
            await asyncio.sleep(pause)

    async def run() -> list[float]:
        loop = asyncio.get_running_loop()
        out: list[float] = []
        until = loop.time() + seconds
        await asyncio.gather(*(one(n, out, loop, until) for n in range(voters)))
        return sorted(out)

    return asyncio.run(run())


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * q))]


def flood(path: Path, port: int, code: str, phase: str, devices: list[tuple[str, str]],
          ideas: list[str], folder: Path, pid: int, seconds: float = 8, rounds: int = 3,
          connections: int = 1) -> dict[str, Any]:
    """50 steady voters, alone and next to one phone flooding ballots (on `connections`
    connections at once), `rounds` times each; wrk runs on this process's CPUs."""
    flooder = folder / "flooder.tsv"
    flooder.write_text("{}\t{}\n".format(*devices[0]))
    voters = devices[1:]
    rows: list[dict[str, Any]] = []
    used = 0
    for n in range(rounds):
        # quiet-flood, then flood-quiet: the server slows a little as its file grows, and an
        # order that alternates keeps that drift out of the comparison
        for flooding in ((False, True) if n % 2 == 0 else (True, False)):
            proc = None
            if flooding:
                proc = subprocess.Popen(
                    ["wrk", "-t1", f"-c{connections}", f"-d{seconds + 1:.0f}s",
                     "--timeout", "10s",
                     "-s", str(LUA), f"http://127.0.0.1:{port}/j/{code}/vote", "--",
                     str(flooder), ",".join(ideas), phase, f"flood{connections}x{n}"],
                    stdout=subprocess.PIPE, text=True)  # on this process's CPU, as the voters
                time.sleep(0.5)
            start = used % len(voters)
            share = voters[start:] + voters[:start]
            cpu = sum(psutil.Process(pid).cpu_times()[:2])
            lat = steady_voters(port, code, phase, share, ideas, seconds,
                                tag=f"{'f' if flooding else 'q'}{connections}x{n}")
            used += len(lat)
            row: dict[str, Any] = {"round": n + 1, "flooding": flooding, "ballots": len(lat),
                                   "p50_ms": percentile(lat, 0.5),
                                   "p99_ms": percentile(lat, 0.99), "max_ms": lat[-1],
                                   "server_cpu_s": sum(psutil.Process(pid).cpu_times()[:2])
                                   - cpu}
            if proc is not None:
                out, _ = proc.communicate(timeout=seconds + 30)
                reqs = re.search(r"(\d+) requests in", out)
                bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                row["flood_requests"] = int(reqs.group(1)) if reqs else 0
                row["flood_refused"] = int(bad.group(1)) if bad else 0
            rows.append(row)
    with Workshop.open(path) as ws:
        flooded = ws.store.db.execute(
            "SELECT COUNT(*) FROM receipts WHERE idem_key LIKE ?",
            (f"flood{connections}x%",)).fetchone()[0]
    quiet = [r["p99_ms"] for r in rows if not r["flooding"]]
    loud = [r["p99_ms"] for r in rows if r["flooding"]]
    per_ballot = sum(r["server_cpu_s"] for r in rows if not r["flooding"]) / sum(
        r["ballots"] for r in rows if not r["flooding"])
    per_refusal = sum(r["server_cpu_s"] - r["ballots"] * per_ballot for r in rows
                      if r["flooding"]) / max(1, sum(r.get("flood_requests", 0) for r in rows))
    return {"rows": rows, "flood_writes_in_file": flooded, "connections": connections,
            "server_cpu_ms_per_ballot": per_ballot * 1000,
            "server_cpu_ms_per_refusal": per_refusal * 1000,
            "quiet_p99_median_ms": sorted(quiet)[len(quiet) // 2],
            "flood_p99_median_ms": sorted(loud)[len(loud) // 2]}


def page_weights() -> dict[str, int]:
    """First load (page + CSS + JS, gzip) of every page of every template, busiest case."""
    from starlette.testclient import TestClient

    from facilitator.web.app import create_app
    weights: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key in ("palvelupaja", "eratauko", "kumppanuuspoyta", "osallistuva-budjetointi"):
            path, devices, _ = make_session(Path(tmp), key, ideas=150, phones=1)
            with Workshop.open(path) as ws, TestClient(
                    create_app(path, base_url="http://192.168.1.20:8000")) as client:
                if key == "osallistuva-budjetointi":
                    for idea in ws.ideas.all():
                        ws.ideas.set_cost(idea.id, 1_234_50 * (idea.id % 9 + 1))
                client.cookies.set("fdev", devices[0][0])
                for phase in ws.phases():
                    ws.goto(phase.key)
                    if phase.kind in ("vote", "feedback"):
                        ws.reveal(phase.key)
                    page = client.get(f"/j/{ws.join_code}", headers={"accept-encoding": "gzip"})
                    total = page.num_bytes_downloaded
                    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js)[^"]*)"',
                                            page.text):
                        total += client.get(asset, headers={"accept-encoding": "gzip"}
                                            ).num_bytes_downloaded
                    weights[f"{key}/{phase.key}"] = total
    return weights


def machine() -> dict[str, Any]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()[:12]
    return {"nproc": os.cpu_count(), "lscpu": lscpu, "python": platform.python_version(),
            "platform": platform.platform(),
            "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(
                "\n")[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", default="50,300,1000")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "web.json")
    parser.add_argument("--flood", action="store_true",
                        help="only the flooding phone against 50 steady voters")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", default="1,20",
                        help="the flooding phone's connections at once, one run each")
    parser.add_argument("--no-pin", action="store_true",
                        help="do not pin the server to CPU 0 and the phones and wrk to CPU 1")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    results: dict[str, Any] = {"machine": machine(), "runs": []}
    if args.flood:
        with tempfile.TemporaryDirectory() as tmp:
            path, devices, ideas = make_session(Path(tmp), phones=STORM_PHONES)
            with Workshop.open(path) as ws:
                code, phase = ws.join_code, ws.current().key  # type: ignore[union-attr]
            # The phones in a hall are other machines: the server gets a core of its own,
            # and the 50 voters (this process) and the flooder (wrk) share the other.
            server_cpu, phones_cpu = (None, None) if args.no_pin else (0, 1)
            if on_cpu(phones_cpu):
                os.sched_setaffinity(0, {phones_cpu})  # type: ignore[arg-type]
            results["pinned"] = bool(on_cpu(phones_cpu))
            port = free_port()
            server = start_server(path, port, server_cpu)
            try:
                wrk(f"http://127.0.0.1:{port}/hello", 50, 2)  # warm up
                results["flood"] = [
                    flood(path, port, code, phase, devices[n * 10_000:], ideas, Path(tmp),
                          server.pid, rounds=args.rounds, connections=int(c))
                    for n, c in enumerate(args.connections.split(","))]
            finally:
                server.send_signal(signal.SIGINT)
                server.wait(20)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.with_name("web-flood.json").write_text(json.dumps(results, indent=2))
        for run in results["flood"]:
            print(flood_report(run))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path, devices, ideas = make_session(Path(tmp), phones=STORM_PHONES)
        devices_file = Path(tmp) / "devices.tsv"
        devices_file.write_text("".join(f"{t}\t{c}\n" for t, c in devices))
        with Workshop.open(path) as ws:
            code, phase = ws.join_code, ws.current().key  # type: ignore[union-attr]
        port = free_port()
        server = start_server(path, port)
        base = f"http://127.0.0.1:{port}"
        try:
            wrk(f"{base}/hello", 50, 2)  # warm up
            # A hall first (a fresh server, phones voting at a human pace), then wrk's storm.
            results["open_loop"] = [open_loop(port, code, phase, devices, ideas, 300, within)
                                    for within in (10.0, 1.0)]
            for clients in map(int, args.clients.split(",")):
                hello = wrk(f"{base}/hello", clients, args.seconds)
                vote = wrk(f"{base}/j/{code}/vote", clients, args.seconds,
                           [str(LUA), str(devices_file), ",".join(ideas), phase, f"c{clients}"])
                with Workshop.open(path) as ws:
                    receipts = ws.store.db.execute(
                        "SELECT COUNT(*) FROM receipts WHERE idem_key LIKE ?",
                        [f"c{clients}-%"]).fetchone()[0]
                acked = vote["requests"] - vote["non_2xx_3xx"]
                results["runs"].append({"clients": clients, "hello": hello, "vote": vote,
                                        "vote_writes_in_file": receipts,
                                        "ratio": vote["rps"] / hello["rps"]})
                assert receipts >= acked - vote["socket_errors"], (receipts, acked)
            results["live"] = live_memory(path, port, server.pid, code, PHONES)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(20)
    results["weights"] = page_weights()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(report(results))


def flood_report(f: dict[str, Any]) -> str:
    flood_posts = sum(r.get("flood_requests", 0) for r in f["rows"])
    lines = [f"One phone flooding on {f['connections']} connection(s) at once:\n",
             "| round | one phone flooding | 50 phones' ballots | p50 ms | p99 ms | max ms |"
             " flood requests (refused) |", "|---:|---|---:|---:|---:|---:|---:|"]
    for r in f["rows"]:
        extra = (f"{r['flood_requests']} ({r['flood_refused']})" if r["flooding"] else "–")
        lines.append(f"| {r['round']} | {'yes' if r['flooding'] else 'no'} | {r['ballots']} | "
                     f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {extra} |")
    lines.append(f"\nMedian p99: quiet {f['quiet_p99_median_ms']:.1f} ms, with the flood "
                 f"{f['flood_p99_median_ms']:.1f} ms "
                 f"({f['flood_p99_median_ms'] / f['quiet_p99_median_ms']:.2f}×); the flood's "
                 f"ballots in the file: {f['flood_writes_in_file']}. Server CPU: "
                 f"{f['server_cpu_ms_per_ballot']:.2f} ms per accepted ballot"
                 + (f", {f['server_cpu_ms_per_refusal']:.2f} ms per refused flood post."
                    if flood_posts >= 500 else " (too few flood posts to cost one)."))
    return "\n".join(lines)


def report(r: dict[str, Any]) -> str:
    lines = ["| clients | hello req/s | hello p50 / p99 ms | vote req/s | vote p50 / p99 ms |"
             " votes / hello | non-3xx | votes in file |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in r["runs"]:
        h, v = run["hello"], run["vote"]
        lines.append(f"| {run['clients']} | {h['rps']:.0f} | {h['p50_ms']:.1f} / "
                     f"{h['p99_ms']:.1f} | {v['rps']:.0f} | {v['p50_ms']:.1f} / "
                     f"{v['p99_ms']:.1f} | {run['ratio']:.0%} | {v['non_2xx_3xx']} | "
                     f"{run['vote_writes_in_file']} |")
    for o in r["open_loop"]:
        lines.append(f"\nOpen loop: {o['phones']} phones, one ballot each within "
                     f"{o['within_s']:g} s: p50 {o['p50_ms']:.1f} ms, p99 {o['p99_ms']:.1f} ms, "
                     f"max {o['max_ms']:.1f} ms.")
    live = r["live"]
    lines += ["", f"Live updates: {live['streams']} open streams, server RSS "
                  f"{live['rss_idle_mb']:.1f} MB idle → {live['rss_streams_mb']:.1f} MB "
                  f"({live['per_stream_kb']:.1f} KB per stream); a phase change reached all "
                  f"of them in {live['phase_change_to_all_s']:.2f} s.", "",
              f"Page weights (first load, gzip): max {max(r['weights'].values())} bytes "
              f"({max(r['weights'], key=r['weights'].get)}), min {min(r['weights'].values())}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
