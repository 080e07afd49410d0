"""Idempotency: a submission retried with the same key is answered once, counted once."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.errors import InvalidInput
from facilitator.store import Store


@dataclass(frozen=True)
class Submitted:
    """What a submission produced; `duplicate` is True when a retry was recognised."""

    id: int
    duplicate: bool = False


def replayed(store: Store, idem_key: str | None, kind: str,
             device_id: int | None) -> Submitted | None:
    """The earlier result of this key, or None if the key is new.

    A retry of something already saved is answered as saved even if the phase
    has closed since: the phone was never told. A key reused by another
    device, or for another kind of submission, is refused.
    """
    if not idem_key:
        return None
    seen = store.receipt(idem_key)
    if seen is None:
        return None
    if seen["kind"] != kind or seen["device_id"] != device_id:
        raise InvalidInput("error.bad_form")
    return Submitted(int(seen["ref_id"]), duplicate=True)


def remember(store: Store, idem_key: str | None, kind: str, ref_id: int,
             device_id: int | None, at: str) -> None:
    if idem_key:
        store.add_receipt(idem_key, kind, ref_id, device_id, at)
