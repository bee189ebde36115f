"""The Dask recipe of docs/dask.md against ``termkit check --jobs 2``, on the 1,000 Markdown files.

The workload is ``make_workload.py``'s (its 20,000-concept termbase and 1,000 Markdown files,
generated into ``--work`` when missing). Both check the same files with the same termbase (compiled
cache warm) and must find the same findings. The command line is timed as users run it (median of
``--repeat`` runs); the recipe on a ``LocalCluster`` of two single-threaded worker processes, its
cluster start timed apart, then its first ``compute`` (each worker maps the termbase's cache entry
and builds its matcher) and the following ones (warm workers).

Run: ``python benchmarks/bench_dask.py [--repeat 3]`` (needs ``pip install 'termkit[dask]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _make_workload() -> ModuleType:
    sys.path.insert(0, str(HERE))
    import make_workload

    return make_workload


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    args = parser.parse_args(argv)
    work = args.work
    if not (work / "md").is_dir():
        _make_workload().main([str(work)])
    os.environ["TERMKIT_CACHE_DIR"] = str(work / "cache")
    os.environ["NO_COLOR"] = "1"
    termbase_path = work / "termbase.toml"
    command = ["termkit", "check", "--termbase", str(termbase_path), "--no-default-termbase",
               "--fail-on", "never", "--jobs", "2", "--format", "json", str(work / "md")]
    out = work / "dask-cli.json"
    times = []
    for _run in range(args.repeat + 1):  # the first warms the cache
        start = time.perf_counter()
        with out.open("w") as sink:
            subprocess.run(command, stdout=sink, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    cli = statistics.median(times[1:])
    expected = [(f["path"], f["line"], f["column"], f["code"])
                for f in json.loads(out.read_text(encoding="utf-8"))]

    import dask.bag as db
    from distributed import Client, LocalCluster

    from termkit import CheckSettings, RunOptions, check_paths, load_termbase
    from termkit.text import iter_document_paths

    # the recipe's steps (docs/dask.md; tests/test_dask.py runs it as printed), timed apart
    start = time.perf_counter()
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(cluster)  # type: ignore[no-untyped-call]
    started = time.perf_counter() - start
    termbase = load_termbase([termbase_path], include_default=False)
    settings = CheckSettings()
    files = [str(path) for path in iter_document_paths([str(work / "md")])]

    def check_partition(paths: list[str]) -> list[object]:
        return list(check_paths(paths, termbase, settings, RunOptions(jobs=1)).findings)

    runs = []
    found: list[object] = []
    for _run in range(args.repeat + 1):
        start = time.perf_counter()
        bag = db.from_sequence(files, partition_size=50)  # type: ignore[no-untyped-call]
        found = bag.map_partitions(check_partition).compute(scheduler=client.get)
        runs.append(time.perf_counter() - start)
    client.close()  # type: ignore[no-untyped-call]
    cluster.close()
    got = sorted((f.path, f.line, f.column, f.code) for f in found)  # type: ignore[attr-defined]
    same = got == sorted(expected)
    print(f"1,000 Markdown files, {len(expected)} findings; the same from both: {same}")
    print(f"termkit check --jobs 2 (median of {args.repeat}): {cli:.2f} s")
    warm = statistics.median(runs[1:])
    print(f"dask, 2 local workers: cluster start {started:.2f} s; first compute {runs[0]:.2f} s; "
          f"then {warm:.2f} s (median of {args.repeat}); {warm / cli:.2f}x the command line")


if __name__ == "__main__":
    main()
