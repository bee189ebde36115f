"""Write termkit's outputs on the examples, the shared samples and the benchmark workload to a folder,
so that two versions can be compared byte for byte (``diff -r``) around a refactor.

    python benchmarks/snapshot_outputs.py OUT [--work benchmarks/_work] [--termkit "python -m termkit"]

For each document it writes ``check --format json`` (every rule selected, so that rules off by
default are compared too, and once with the defaults), ``check --diff``, ``expand``,
``expand --mode all``, ``glossary --format json`` and ``extract --format json``; for the workload
(generated with ``make_workload.py`` into ``--work`` when it is not there) the JSON findings of the
10 MB corpus and of the 1,000 Markdown files. Run it once per version, with ``PYTHONPATH`` pointing at
that version's tree, into two folders, and compare them:

    PYTHONPATH=/tmp/before python benchmarks/snapshot_outputs.py /tmp/snap-before
    python benchmarks/snapshot_outputs.py /tmp/snap-after
    diff -r /tmp/snap-before /tmp/snap-after && echo identical

Each command's exit status is written next to its output. ``../shared`` is used where present.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared" / "samples"

DOCUMENT_COMMANDS: dict[str, list[str]] = {
    "check-all.json": ["check", "--format", "json", "--select", "ALL", "--fail-on", "never"],
    "check.json": ["check", "--format", "json", "--fail-on", "never"],
    "check.diff": ["check", "--diff", "--select", "ALL"],
    "expand.txt": ["expand"],
    "expand-all.txt": ["expand", "--mode", "all"],
    "glossary.json": ["glossary", "--format", "json"],
    "extract.json": ["extract", "--format", "json"],
}


def documents() -> list[Path]:
    """The example drafts and, where ``../shared`` is present, the samples."""
    found = sorted((REPO / "examples").glob("*.md"))
    if SHARED.is_dir():
        found += sorted(SHARED.glob("gimm-bulletin-*.txt")) + sorted(SHARED.glob("*.md"))
    return found


def run(termkit: list[str], args: list[str], out: Path, cwd: Path) -> None:
    """Run one command; write its stdout (and exit status) to ``out``."""
    result = subprocess.run(
        [*termkit, *args], capture_output=True, cwd=cwd, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    out.write_bytes(result.stdout)
    out.with_name(out.name + ".status").write_text(f"{result.returncode}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the outputs into")
    parser.add_argument("--work", type=Path, default=HERE / "_work", help="the workload's folder")
    parser.add_argument("--termkit", default=f"{sys.executable} -m termkit",
                        help="the command that runs termkit")
    parser.add_argument("--no-workload", action="store_true", help="documents only")
    args = parser.parse_args(argv)
    termkit = shlex.split(args.termkit)
    args.out.mkdir(parents=True, exist_ok=True)
    for document in documents():
        # Relative paths, so that the outputs do not name the tree they were made in.
        for name, command in DOCUMENT_COMMANDS.items():
            run(termkit, [*command, document.name], args.out / f"{document.name}.{name}",
                document.parent)
    if not args.no_workload:
        if not (args.work / "termbase.toml").is_file():
            subprocess.run([sys.executable, str(HERE / "make_workload.py"), str(args.work)],
                           check=True)
        base = ["check", "--termbase", "termbase.toml", "--no-default-termbase", "--format",
                "json", "--fail-on", "never"]
        run(termkit, [*base, "corpus.txt"], args.out / "workload-corpus.json", args.work)
        run(termkit, [*base, "md"], args.out / "workload-md.json", args.work)
    print(f"outputs written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
