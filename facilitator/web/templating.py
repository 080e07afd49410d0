"""Jinja2 (autoescape on) and the static files, versioned so phones cache them for the evening."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse, Response

WEB_DIR = Path(__file__).resolve().parent
PAGES_DIR = WEB_DIR / "pages"
STATIC_DIR = WEB_DIR / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str
    version: str


@cache
def assets() -> dict[str, Asset]:
    """Every file in static/, read once; the version is a hash of the content."""
    out = {}
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file():
            body = path.read_bytes()
            media = STATIC_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or (
                "application/octet-stream")
            out[path.name] = Asset(body, media, hashlib.sha256(body).hexdigest()[:10])
    return out


def static_url(name: str) -> str:
    return f"/static/{name}?v={assets()[name].version}"


def static_response(name: str, version: str | None) -> Response | None:
    asset = assets().get(name)
    if asset is None:
        return None
    # A versioned URL never changes: cache it for good. Unversioned: revalidate.
    cache_control = ("public, max-age=31536000, immutable" if version == asset.version
                     else "public, max-age=60")
    return Response(asset.body, media_type=asset.media_type,
                    headers={"cache-control": cache_control, "etag": f'"{asset.version}"'})


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(PAGES_DIR),
                      autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["static"] = static_url
    return env


def render(template: str, status: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)
