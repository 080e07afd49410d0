"""Reading what a phone sends: size-limited bodies, strict form decoding, CSRF and cookies.

Forms are plain `application/x-www-form-urlencoded` posts. The body is read
up to `MAX_BODY_BYTES` (core.limits) and decoded strictly: raw non-ASCII
bytes, invalid UTF-8 after percent-decoding, too many fields or a repeated
field are refused before anything reaches core/. The CSRF token is an HMAC
keyed by the device's own cookie, so it needs no server secret, survives a
restart and cannot be computed by a page that cannot read the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import urllib.parse

from starlette.requests import ClientDisconnect, Request

from facilitator.core.limits import MAX_BODY_BYTES
from facilitator.errors import InvalidInput
from facilitator.web.refusals import Forbidden, Gone, TooLarge, UnsupportedForm

DEVICE_COOKIE = "fdev"
JOIN_COOKIE = "fjoin"
COOKIE_MAX_AGE = 60 * 60 * 24 * 60  # the evening, and the electronic idea collection after it
MAX_FIELDS = 1000
log = logging.getLogger("facilitator.web")


Form = dict[str, str]


async def read_form(request: Request) -> Form:
    """The posted form as single values; any problem is a friendly 4xx."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise TooLarge("web.error.too_large")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise TooLarge("web.error.too_large")
    except ClientDisconnect:
        # A phone walking out of wifi range: normal in a hall. One quiet line, no trace;
        # nothing has reached core/, so nothing is stored.
        log.info("a phone went away while sending %s; nothing stored", request.url.path)
        raise Gone("web.error.gone") from None
    ctype, _, params = request.headers.get("content-type", "").partition(";")
    if ctype.strip().lower() != "application/x-www-form-urlencoded":
        raise UnsupportedForm("web.error.form_type")
    charset = params.strip().lower()
    if charset and charset.replace(" ", "") not in ("charset=utf-8", "charset=\"utf-8\""):
        raise InvalidInput("web.error.encoding")
    return parse_form(bytes(body))


def parse_form(body: bytes) -> Form:
    try:
        text = body.decode("ascii")
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding="utf-8",
                                       errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError as exc:
        raise InvalidInput("web.error.encoding") from exc
    except ValueError as exc:  # too many fields
        raise InvalidInput("error.bad_form") from exc
    form: Form = {}
    for name, value in pairs:
        if name in form:
            raise InvalidInput("error.bad_form")
        form[name] = value
    return form


# -- CSRF -----------------------------------------------------------------------------

def csrf_token(secret: str) -> str:
    return hmac.new(secret.encode("utf-8", "surrogatepass"), b"facilitator csrf v1",
                    hashlib.sha256).hexdigest()[:32]


def check_csrf(request: Request, secret: str | None, form: Form) -> None:
    """Refuse a post without the token of this phone's cookie, or one sent from another site."""
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        host = urllib.parse.urlsplit(origin).netloc
        if host.lower() != request.headers.get("host", "").lower():
            raise Forbidden("web.error.csrf")
    given = form.get("csrf", "")
    if not secret or not hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                                             csrf_token(secret).encode()):
        raise Forbidden("web.error.csrf")


def new_idem_key() -> str:
    """A fresh idempotency key for one rendering of a form: a resend counts once."""
    return secrets.token_urlsafe(16)


def new_join_nonce() -> str:
    return secrets.token_urlsafe(16)
