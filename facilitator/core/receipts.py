"""Idempotency: a submission retried with the same key is answered once, counted once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.core.limits import clean_idem_key
from facilitator.errors import InvalidInput
from facilitator.kinds import Source
from facilitator.store import Store

if TYPE_CHECKING:
    from facilitator.core.templates import PhaseSpec
    from facilitator.core.workshop import PhaseState, Workshop


@dataclass(frozen=True)
class Submitted:
    """What a submission produced; `duplicate` is True when a retry was recognised."""

    id: int
    duplicate: bool = False
    builds_on: int | None = None   # a note of further ideation: the idea it was kept with


@dataclass(frozen=True)
class PhoneGate:
    """When a phone may send this kind of thing: what the current phase must accept."""

    accepts: Callable[[PhaseSpec], bool]
    closed_key: str   # the error a phone sees when it may not


def submit_once(ws: Workshop, kind: str, *, source: str, device_id: int | None,
                idem_key: str | None, gate: PhoneGate,
                save: Callable[[PhaseState | None, str | None], int]) -> Submitted:
    """The shared prologue of every submission: clean the key, answer a retry, gate phones.

    In one write transaction: a key seen before returns the earlier result;
    otherwise a phone must be sending into a current phase that accepts this
    kind (`gate`), and `save(phone_phase, idem_key)` stores the thing and
    returns its id (`phone_phase` is None for the other doors).
    """
    idem_key = clean_idem_key(idem_key)
    with ws.store.write():
        earlier = _replayed(ws.store, idem_key, kind, device_id)
        if earlier:
            return earlier
        phone_phase = (ws.phone_phase(device_id, gate.accepts, gate.closed_key)
                       if source == Source.PHONE else None)
        ref_id = save(phone_phase, idem_key)
        if idem_key:
            ws.store.add_receipt(idem_key, kind, ref_id, device_id, ws.now())
    return Submitted(ref_id)


def _replayed(store: Store, idem_key: str | None, kind: str,
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
