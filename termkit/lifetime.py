"""Whether this process ends when its command does: what may be left to the operating system.

``termkit check`` reads, checks and leaves (with ``os._exit``, see :func:`termkit.cli.run`): what it
built while the garbage collector was paused stays alive until then, and walking it in a collection is
time for nothing. ``termkit server`` and a worker of a cluster serve request after request, and must
free what each leaves behind.
"""

from __future__ import annotations

__all__ = ["long_lived_process", "one_shot", "one_shot_process"]

_ONE_SHOT: list[bool] = []  # non-empty: this process ends when its command does


def one_shot_process() -> None:
    """Say that this process ends when its command does: :func:`termkit.termbase.cache.paused_gc`
    then freezes what was built while the collector was paused (``gc.freeze``) instead of
    leaving it to the next collection, which walks it all (0.13 s of a 4.5 s check of 10 MB).
    Not for a long-lived process: frozen objects in a reference cycle are never freed."""
    _ONE_SHOT.append(True)


def long_lived_process() -> None:
    """Undo :func:`one_shot_process`: this process serves request after request."""
    _ONE_SHOT.clear()


def one_shot() -> bool:
    """Does this process end when its command does?"""
    return bool(_ONE_SHOT)
