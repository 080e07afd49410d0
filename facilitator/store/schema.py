"""The session file's schema, one migration per version (``PRAGMA user_version``).

A migration is a list of SQL statements that takes a file from version N-1 to N.
Migrations never change once released: a file written by any earlier version
opens in this one, and tests/test_migrations.py opens a file of every version.
"""

from __future__ import annotations

# Version 1: the workshop, its phases and themes, ideas, devices and ballots.
V1 = [
    """CREATE TABLE workshop (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        title TEXT NOT NULL,
        template_key TEXT NOT NULL,
        template_json TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        lang TEXT NOT NULL DEFAULT 'fi',
        join_code TEXT NOT NULL,
        facilitator TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        current_phase TEXT,
        finished_at TEXT,
        room_count INTEGER NOT NULL DEFAULT 0 CHECK (room_count >= 0)
    )""",
    """CREATE TABLE phases (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        minutes INTEGER NOT NULL CHECK (minutes >= 0),
        started_at TEXT,
        ended_at TEXT,
        revealed_at TEXT
    )""",
    """CREATE TABLE themes (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        question TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        lang TEXT NOT NULL DEFAULT 'fi',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE ideas (
        id INTEGER PRIMARY KEY,
        theme_id INTEGER REFERENCES themes(id),
        phase_key TEXT,
        text TEXT NOT NULL,
        original_text TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('phone', 'paper', 'facilitator')),
        device_id INTEGER REFERENCES devices(id),
        status TEXT NOT NULL DEFAULT 'visible'
            CHECK (status IN ('visible', 'hidden', 'merged')),
        merged_into INTEGER REFERENCES ideas(id),
        hide_reason TEXT NOT NULL DEFAULT '',
        cost_cents INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
        created_at TEXT NOT NULL,
        edited_at TEXT,
        CHECK ((status = 'merged') = (merged_into IS NOT NULL))
    )""",
    "CREATE INDEX ideas_device ON ideas(device_id, created_at)",
    """CREATE TABLE ballots (
        id INTEGER PRIMARY KEY,
        phase_id INTEGER NOT NULL REFERENCES phases(id),
        device_id INTEGER REFERENCES devices(id),
        source TEXT NOT NULL CHECK (source IN ('phone', 'paper')),
        marks TEXT NOT NULL,
        idem_key TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((source = 'phone') = (device_id IS NOT NULL)),
        UNIQUE (phase_id, device_id)
    )""",
    """CREATE TABLE paper_tallies (
        phase_id INTEGER NOT NULL REFERENCES phases(id),
        idea_id INTEGER NOT NULL REFERENCES ideas(id),
        count INTEGER NOT NULL CHECK (count >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (phase_id, idea_id)
    )""",
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        idea_id INTEGER NOT NULL UNIQUE REFERENCES ideas(id),
        owner TEXT NOT NULL DEFAULT '',
        next_step TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        phase_key TEXT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
    )""",
]

# Version 2: the quiet channel and the written record of a dialogue
# (Erätauko insights, summary fields, paper participants), idempotency
# receipts so a retried submission counts once, due dates on decisions, the
# moment the current phase began, and an event log that refuses to be rewritten.
V2 = [
    """CREATE TABLE insights (
        id INTEGER PRIMARY KEY,
        phase_id INTEGER NOT NULL REFERENCES phases(id),
        device_id INTEGER REFERENCES devices(id),
        source TEXT NOT NULL CHECK (source IN ('phone', 'paper', 'facilitator')),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE summary (
        field TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE receipts (
        idem_key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        ref_id INTEGER,
        device_id INTEGER REFERENCES devices(id),
        created_at TEXT NOT NULL
    )""",
    "ALTER TABLE decisions ADD COLUMN due TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE workshop ADD COLUMN paper_count INTEGER NOT NULL DEFAULT 0",
    # When the current phase became current: the facilitator's timer survives a crash.
    "ALTER TABLE workshop ADD COLUMN phase_since TEXT",
    """CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
    """CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
]

# Version 3: a workshop can belong to a participation process (core/process.py). Every
# file gets a stable id, so a process's idea register knows which file an idea came from
# even when files are renamed or the process folder is copied elsewhere. New files get
# theirs from the trigger, old ones here.
V3 = [
    "ALTER TABLE workshop ADD COLUMN uid TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE workshop ADD COLUMN process TEXT NOT NULL DEFAULT ''",
    "UPDATE workshop SET uid = lower(hex(randomblob(16))) WHERE uid = ''",
    """CREATE TRIGGER workshop_uid AFTER INSERT ON workshop WHEN NEW.uid = ''
        BEGIN UPDATE workshop SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END""",
]

# Version 4: the facilitator's "not the same" on a suggested duplicate pair
# (core/duplicates.py), so a dismissed pair is not suggested again after a restart.
# The pair is kept in order (idea_a < idea_b); deleting either idea is not possible.
V4 = [
    """CREATE TABLE not_duplicates (
        idea_a INTEGER NOT NULL REFERENCES ideas(id),
        idea_b INTEGER NOT NULL REFERENCES ideas(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (idea_a, idea_b),
        CHECK (idea_a < idea_b)
    )""",
]

# Version 5: further ideation (palvelupaja's "jatkoideointi"). A note written as `#20: ...`
# builds on idea 20: it is kept beside that idea, never counted as a new idea or put on a
# ballot. Its idea is a real reference, so a note cannot point at an idea that is not there.
V5 = [
    """CREATE TABLE build_ons (
        id INTEGER PRIMARY KEY,
        idea_id INTEGER NOT NULL REFERENCES ideas(id),
        phase_key TEXT,
        text TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('phone', 'paper', 'facilitator')),
        device_id INTEGER REFERENCES devices(id),
        created_at TEXT NOT NULL,
        CHECK ((source = 'phone') = (device_id IS NOT NULL))
    )""",
    "CREATE INDEX build_ons_idea ON build_ons(idea_id, id)",
    "CREATE INDEX build_ons_device ON build_ons(device_id, created_at)",
]

# Version 6: the room's own numbers for a dots vote (set before its first ballot), and
# questions to officials from phones and paper, with one upvote per phone per question.
V6 = [
    "ALTER TABLE phases ADD COLUMN vote_json TEXT",
    """CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        phase_id INTEGER NOT NULL REFERENCES phases(id),
        device_id INTEGER REFERENCES devices(id),
        source TEXT NOT NULL CHECK (source IN ('phone', 'paper', 'facilitator')),
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'hidden')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX questions_device ON questions(device_id, created_at)",
    """CREATE TABLE question_votes (
        question_id INTEGER NOT NULL REFERENCES questions(id),
        device_id INTEGER NOT NULL REFERENCES devices(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (question_id, device_id)
    )""",
]

MIGRATIONS: list[list[str]] = [V1, V2, V3, V4, V5, V6]
SCHEMA_VERSION = len(MIGRATIONS)
