"""Anonymous participant devices: a random token on the phone, only its hash on disk."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from facilitator.i18n import normalize_lang
from facilitator.store.records import DeviceRow

if TYPE_CHECKING:
    from facilitator.core.workshop import Workshop

TOKEN_BYTES = 32  # 256 bits


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Participants:
    """Joining and recognising phones. Nothing personal is stored: no name, no address."""

    def __init__(self, workshop: Workshop) -> None:
        self.ws = workshop

    def join(self, lang: str | None = None) -> tuple[str, DeviceRow]:
        """A new device: the token for the phone's cookie, and the stored row."""
        token = new_token()
        device_id = self.ws.store.add_device(token_hash(token), normalize_lang(lang),
                                             self.ws.now())
        device = self.ws.store.device_by_token(token_hash(token))
        assert device is not None and device.id == device_id
        return token, device

    def recognise(self, token: str | None) -> DeviceRow | None:
        """The device a cookie belongs to, or None for a missing, forged or foreign token."""
        if not token or len(token) > 200:
            return None
        return self.ws.store.device_by_token(token_hash(token))

    def set_lang(self, device: DeviceRow, lang: str) -> None:
        self.ws.store.set_device_lang(device.id, normalize_lang(lang))

    def count(self) -> int:
        return self.ws.store.count_devices()
