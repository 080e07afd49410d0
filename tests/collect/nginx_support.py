"""A real nginx (Debian's) with a self-signed certificate on loopback, in front of a real
`facilitator collect serve`, and a small HTTPS client that can choose its source address.

nginx connects to the app from 127.0.0.2 (`proxy_bind`), which is the only trusted proxy;
clients come from 127.0.0.1 or other loopback addresses, so a client's own
X-Forwarded-For can be told apart from the proxy's.
"""

from __future__ import annotations

import functools
import http.client
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROXY_ADDRESS = "127.0.0.2"

NGINX_CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream collect {{ server 127.0.0.1:{app_port}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        location = /baseline.txt {{ root {tmp}/www; }}
        location / {{
            proxy_pass http://collect;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_bind {proxy};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def self_signed(tmp: Path) -> None:
    """A certificate for 127.0.0.1: `cryptography` if installed, else the system's openssl."""
    try:
        import cryptography  # noqa: F401
    except ImportError:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
                       check=True, capture_output=True, timeout=30)
        return
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    (tmp / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (tmp / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


@dataclass
class Nginx:
    tmp: Path
    port: int
    app_port: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, binary: str) -> None:
        self_signed(self.tmp)
        (self.tmp / "www").mkdir(exist_ok=True)
        (self.tmp / "www" / "baseline.txt").write_text("hello")
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(user=user, tmp=self.tmp, port=self.port,
                                          app_port=self.app_port, proxy=PROXY_ADDRESS))
        self.proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(self.tmp), "-g",
                                      "daemon off;"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        wait_port(self.port, self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wait_port(port: int, proc: subprocess.Popen[Any], timeout: float = 20) -> None:
    import socket
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"exited: {out!r} {err!r}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing answered on port {port}")


@dataclass
class CollectServer:
    """`facilitator collect serve` as a real process."""

    file: Path
    port: int
    public_url: str
    extra: tuple[str, ...] = ()
    proc: subprocess.Popen[str] | None = None

    def start(self) -> CollectServer:
        cmd = [sys.executable, "-m", "facilitator", "collect", "serve", str(self.file),
               "--host", "127.0.0.1", "--port", str(self.port), "--behind-proxy",
               "--trusted-proxy", PROXY_ADDRESS, "--public-url", self.public_url, *self.extra]
        self.log = open(self.file.parent / f"serve-{self.port}.log", "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT,
                                     text=True, env={**os.environ, "FACILITATOR_LANG": "fi"})
        wait_port(self.port, self.proc)
        return self

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.file.parent / f"serve-{self.port}.log").read_text()


@functools.cache
def _tls() -> ssl.SSLContext:
    """Self-signed on loopback: no verification (loading the CA store costs 0.2 s a time)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


@dataclass
class Client:
    """One browser-like client over http(s) from a chosen loopback address."""

    host: str
    port: int
    tls: bool = True
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    last: str = ""

    def connection(self) -> http.client.HTTPConnection:
        if self.tls:
            return http.client.HTTPSConnection(self.host, self.port, context=_tls(), timeout=10,
                                               source_address=(self.source, 0))
        return http.client.HTTPConnection(self.host, self.port, timeout=10,
                                          source_address=(self.source, 0))

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        conn = self.connection()
        h = dict(headers or {})
        if self.cookies:
            h["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            h["content-type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            text = r.read().decode("utf-8", "replace")
            for raw in r.headers.get_all("set-cookie") or []:
                name, _, rest = raw.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            self.last = text
            return r.status, {k.lower(): v for k, v in r.getheaders()}, text
        finally:
            conn.close()

    def open_form(self, theme: str, headers: dict[str, str] | None = None) -> str:
        status, _, text = self.request("GET", f"/t/{theme}", headers=headers)
        assert status == 200, (status, text[:300])
        m = re.search(r'name="csrf" value="([^"]*)"', text)
        assert m, text[:300]
        return m.group(1)

    def send(self, theme: str, text: str, csrf: str, headers: dict[str, str] | None = None
             ) -> int:
        body = urllib.parse.urlencode({"csrf": csrf, "k": secrets.token_urlsafe(12),
                                       "text": text}).encode()
        status, _, _ = self.request("POST", f"/t/{theme}", body=body, headers=headers)
        return status


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
