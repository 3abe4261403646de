"""--jobs: several processes give exactly the results of one."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linter.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"


def findings(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_two_processes_find_what_one_finds_duplicates_across_files_included(tmp_path: Path) -> None:
    template = {"name": "same_name", "language": "en", "category": "UTILITY",
                "body": "Hi {{1}}, your order {{2}} has shipped and arrives soon.", "examples": ["a", "b"]}
    for number in range(3):
        (tmp_path / f"t{number}.jsonl").write_text(json.dumps(template) + "\n" + json.dumps(
            {**template, "name": f"Other {number}"}) + "\n")
    args = ("--ignore", "CA", str(tmp_path), str(EXAMPLES))
    serial = findings("--jobs", "1", *args)
    parallel = findings("--jobs", "2", *args)
    assert parallel == serial
    assert sum(f["code"] == "NM004" for f in parallel) == 2  # the 2nd and 3rd file repeat the 1st
    assert sum(f["code"] == "CT007" for f in parallel) == 5


def test_a_dask_cluster_finds_what_one_process_finds(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    args = ("--ignore", "CA,CT", str(EXAMPLES))
    serial = findings(*args)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = findings("--scheduler", cluster.scheduler_address, *args)
    assert distributed == serial and serial
