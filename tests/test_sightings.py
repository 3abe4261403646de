"""The cross-template store: the same answers in memory and once spilled to disk."""

from __future__ import annotations

from linter.sightings import Sightings


def _replay(sightings: Sightings, keys: list[int]) -> list[tuple[str, int, str | None] | None]:
    return [sightings.first(key, ("f.json", index, f"t{index}" if index % 2 else None))
            for index, key in enumerate(keys)]


def test_answers_do_not_change_when_the_store_spills_to_disk() -> None:
    keys = [7, 3, 7, -2**63, 3, 2**63 - 1, 9, -2**63, 7, 2**63 - 1] * 3
    in_memory = _replay(Sightings(spill_after=10**6), keys)
    spilled = Sightings(spill_after=2)
    assert _replay(spilled, keys) == in_memory
    assert spilled._database is not None and not spilled._recent  # it did spill
    assert in_memory[:4] == [None, None, ("f.json", 0, None), None]
    assert in_memory[4] == ("f.json", 1, "t1")


def test_duplicate_names_are_found_across_a_spill(monkeypatch) -> None:
    from linter import sightings
    from linter.config import Config
    from linter.engine import Linter
    from tests.conftest import make_raw, make_template

    monkeypatch.setattr(sightings, "SPILL_AFTER", 3)
    linter = Linter(Config(select=("NM004",)))
    templates = [make_template(make_raw(name=f"name_{i % 5}"), index=i) for i in range(12)]
    found = [p.index for t in templates for p in linter.lint(t)]
    assert found == list(range(5, 12))
    assert linter._contexts["NM004"].sightings._database is not None  # it did spill
