"""Where each key was first seen in a run, for the rules that compare templates (NM004, CT007).

A run over millions of templates would keep millions of keys. The first ``spill_after`` live in
a dict; past that they move to a private temporary SQLite database on disk (deleted when the
run ends), whose page cache is bounded, so memory stays flat however long the run.
"""

from __future__ import annotations

import sqlite3

Place = tuple[str, int, str | None]  # path, index in the file, template name

SPILL_AFTER = 20_000  # a few MiB of keys in memory; the disk store is as fast on long runs


class Sightings:
    def __init__(self, spill_after: int | None = None) -> None:
        self._spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._recent: dict[int, Place] = {}
        self._database: sqlite3.Connection | None = None

    def first(self, key: int, here: Place) -> Place | None:
        """Where ``key`` was seen before, or None when this is its first sighting (recorded)."""
        if self._database is None:
            found = self._recent.setdefault(key, here)
            if found is here:
                if len(self._recent) > self._spill_after:
                    self._spill()
                return None
            return found
        row = self._database.execute("SELECT path, position, name FROM seen WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return row[0], row[1], row[2]
        self._database.execute("INSERT INTO seen VALUES (?, ?, ?, ?)", (key, *here))
        return None

    def _spill(self) -> None:
        # "" opens a private temporary database on disk, removed when the connection closes;
        # nothing here needs durability, so no journal and no syncing.
        database = sqlite3.connect("", isolation_level=None)
        database.execute("PRAGMA journal_mode = OFF")
        database.execute("PRAGMA synchronous = OFF")
        database.execute("CREATE TABLE seen (key INTEGER PRIMARY KEY, path TEXT, position INTEGER, name TEXT)")
        database.executemany("INSERT INTO seen VALUES (?, ?, ?, ?)",
                             ((key, *place) for key, place in self._recent.items()))
        self._recent.clear()
        self._database = database
