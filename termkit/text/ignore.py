"""What git ignores is not a document to check: ``.gitignore`` files in folder walks, as ruff and
typos respect them. Only inside a git work tree (a folder with ``.git`` at or above the walk's
root), as ripgrep does: elsewhere a ``.gitignore`` is just a file. The patterns are git's
(pathspec's ``GitIgnoreSpec`` implements gitignore's matching and negation); a deeper
``.gitignore`` decides before a shallower one, as in git."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = ["GitIgnores"]


class GitIgnores:
    """The ``.gitignore`` rules of one walk: those of the folders from the repository's top down
    to the walk's root, then each folder's own as the walk enters it (:meth:`enter`)."""

    def __init__(self, root: Path) -> None:
        root = root.absolute()
        self._specs: dict[Path, GitIgnoreSpec] = {}
        self._any: dict[Path, re.Pattern[str]] = {}
        self._prefix_cache: list[tuple[Path, str]] = []
        # The patterns that ignore the walk's root itself: the user named that folder, so it is
        # walked (as ripgrep walks a folder given to it), and they decide nothing below it.
        self._naming_root: dict[Path, int] = {}
        top = next((p for p in (root, *root.parents) if (p / ".git").exists()), None)
        self.active = top is not None
        if top is not None:
            for folder in (*reversed(root.parents), root):
                if folder == top or folder.is_relative_to(top):
                    self.enter(folder)
            for folder, spec in self._specs.items():
                if folder != root:
                    hit = spec.check_file(root.relative_to(folder).as_posix() + "/")
                    if hit.include and hit.index is not None:
                        self._naming_root[folder] = hit.index
                        # It matches every path below the root, and decides none: a path no
                        # other pattern matches is decided without pathspec (the walk of 1,000
                        # files in an ignored folder, pathspec imported: 15.6 -> 11.3 ms).
                        self._any[folder] = _any_pattern(spec, hit.index)

    def enter(self, folder: Path) -> None:
        """Read ``folder/.gitignore``, if there is one, for the paths below it."""
        if not self.active:
            return
        folder = folder.absolute()
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        if lines:
            from pathspec import GitIgnoreSpec

            spec = GitIgnoreSpec.from_lines(lines)
            self._specs[folder] = spec
            self._any[folder] = _any_pattern(spec)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Does a ``.gitignore`` read so far ignore ``path``?"""
        if not self._specs:
            return False
        # Strings, not pathlib: this runs for every file of a walk.
        name = os.path.abspath(path).replace(os.sep, "/") + ("/" if is_dir else "")
        for folder, prefix in self._prefixes:  # deepest first
            if not name.startswith(prefix):
                continue
            relative = name[len(prefix):]
            if not self._any[folder].match(relative):
                continue
            hit = self._specs[folder].check_file(relative)
            if hit.include is not None and hit.index != self._naming_root.get(folder):
                return bool(hit.include)
        return False

    @property
    def _prefixes(self) -> list[tuple[Path, str]]:
        if len(self._prefix_cache) != len(self._specs):
            self._prefix_cache = sorted(
                ((f, f.as_posix().rstrip("/") + "/") for f in self._specs),
                key=lambda item: -len(item[1]),
            )
        return self._prefix_cache


def _any_pattern(spec: GitIgnoreSpec, skip: int | None = None) -> re.Pattern[str]:
    """One regex for "does any pattern of ``spec`` (but the one at index ``skip``) match at
    all": most paths match none, and this spares them pathspec's pattern-by-pattern check
    (0.28 s over 1,000 files)."""
    patterns = [
        re.sub(r"\(\?P<[^>]+>", "(?:", pattern.regex.pattern)
        for index, pattern in enumerate(spec.patterns)
        if index != skip and pattern.include is not None and pattern.regex is not None
    ]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")
