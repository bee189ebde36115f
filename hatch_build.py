"""Build hook: compile the gettext catalogues (termkit/locale/*/LC_MESSAGES/termkit.po) into the .mo
files that the wheel ships and an editable install reads; the .mo files are never committed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import (  # type: ignore[import-not-found]
    BuildHookInterface,
)


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.root, "termkit", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as stream:
                catalog = read_po(stream, abort_invalid=True)
            with po.with_suffix(".mo").open("wb") as out:
                write_mo(out, catalog)
        # git-ignored, so not picked up by default: ship them all the same
        build_data["artifacts"].append("termkit/locale/*/LC_MESSAGES/*.mo")
