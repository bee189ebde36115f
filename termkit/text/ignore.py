"""What git ignores is not a document to check: ``.gitignore`` files in folder walks, as ruff and
typos respect them. Only inside a git work tree (a folder with ``.git`` at or above the walk's
root), as ripgrep does: elsewhere a ``.gitignore`` is just a file. The patterns are git's
(pathspec's ``GitIgnoreSpec`` implements gitignore's matching and negation); a deeper
``.gitignore`` decides before a shallower one, as in git."""

from __future__ import annotations

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

            self._specs[folder] = GitIgnoreSpec.from_lines(lines)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Does a ``.gitignore`` read so far ignore ``path``?"""
        if not self._specs:
            return False
        path = path.absolute()
        for folder in path.parents:  # deepest first
            spec = self._specs.get(folder)
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            hit = spec.check_file(relative)
            if hit.include is not None and hit.index != self._naming_root.get(folder):
                return hit.include
        return False
