"""The collection server's single writer: the hall's group commit (web/writer.py) on a
collection file. Every waiting job runs in its own savepoint inside one transaction, one
COMMIT (synchronous=FULL, so one fsync) acknowledges the group, and only then does a
request hear "saved".
"""

from __future__ import annotations

import logging

from facilitator.store.collection import CollectionStore
from facilitator.store.sqlite_file import SqliteFile
from facilitator.web.writer import GroupWriter


class CollectionWriter(GroupWriter[CollectionStore]):
    thread_name = "collect-writer"
    log = logging.getLogger("facilitator.collect")

    def open(self) -> CollectionStore:
        return CollectionStore.open(self.path, synchronous="FULL")

    def store_of(self, handle: CollectionStore) -> SqliteFile:
        return handle
