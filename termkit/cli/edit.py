"""``termkit add`` and ``termkit merge``: edit TOML termbases from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from termkit.cli.options import EXIT_ERROR, config_option, fail, load_config_from, user_errors
from termkit.i18n import T_, _, translated

# option name -> term key of the format (docs/termbase-format.md)
TERM_OPTIONS = {
    "full": "preferred full form",
    "acronym": "preferred acronym",
    "short": "preferred short form",
    "admitted": "admitted full form",
    "admitted-acronym": "admitted acronym",
    "admitted-short": "admitted short form",
    "deprecated": "deprecated full form",
    "deprecated-acronym": "deprecated acronym",
    "deprecated-short": "deprecated short form",
}


def _term_options(func: click.decorators.FC) -> click.decorators.FC:
    for key, meaning in reversed(TERM_OPTIONS.items()):
        func = click.option(
            f"--{key}",
            key.replace("-", "_"),
            multiple=True,
            metavar="TERM",
            help=f"Add {'an' if meaning[0] in 'aeiou' else 'a'} {meaning} (repeatable).",
        )(func)
    return func


@click.command(
    epilog="""\b
Examples:
  termkit add OEWG --lang fr --full "groupe de travail à composition non limitée"
  termkit add IPLC --lang en --acronym IPLCs --note "plural is usual" --source UN
  termkit add ASGM --lang zh --deprecated 手工采金 --termbase my-terms.toml
"""
)
@click.argument("concept")
@click.option("--lang", "-l", required=True, help="The language of the terms (en, fr, zh…).")
@_term_options
@click.option("--note", help="A note on every term this call adds.")
@click.option("--source", help="The source of every term this call adds.")
@click.option("--plural", help="A plural the English rule does not produce (one term only).")
@click.option(
    "--termbase",
    "-t",
    "termbase",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The TOML termbase to edit (default: the first configured one).",
)
@click.option("--dry-run", is_flag=True, help="Print the edited file instead of writing it.")
@config_option
def add(
    concept: str,
    lang: str,
    note: str | None,
    source: str | None,
    plural: str | None,
    termbase: Path | None,
    dry_run: bool,
    config_path: Path | None,
    **terms: tuple[str, ...],
) -> None:
    """Add terms to CONCEPT (created when new) in a TOML termbase, in place.

    Comments, order and layout of the file are kept. The edit is refused
    (exit 2, file untouched) when it would not validate: a term the concept
    already has, a full form another concept holds, an undeclared language.
    """
    from termkit.editing import TermToAdd, add_terms, extension_of

    with user_errors():
        to_add = [
            TermToAdd(key, text, note=note, source=source, plural=plural)
            for key in TERM_OPTIONS
            for text in terms[key.replace("-", "_")]
        ]
        if not to_add:
            fail(T_("give a term: --full, --acronym, --short, --admitted, --deprecated…"))
        if plural is not None and len(to_add) > 1:
            fail(T_("--plural applies to one term: add the terms one at a time"))
        config = load_config_from(config_path)
        target = termbase or (config.termbases[0] if config.termbases else None)
        if target is None:
            fail(T_("no termbase to edit: give --termbase FILE or configure termbases"))
        assert target is not None
        others = _loaded_with(config, target)
        extension = extension_of(concept, lang, to_add, others, target)
        if extension.extends is not None:
            # A later termbase extends a concept with the same id: only the difference is written.
            said = "termkit: " + _("{concept} extends the concept of {termbase}").format(
                concept=concept, termbase=extension.extends)
            if extension.known:
                said += _("; it already has {terms}").format(
                    terms=", ".join(repr(t.text) for t in extension.known))
            click.echo(said, err=True)
            if not extension.new:
                click.echo("termkit: " + _("nothing to add; {target} is unchanged").format(
                    target=target), err=True)
                return
        text = add_terms(target, concept, lang, extension.new, others=others, dry_run=dry_run)
        if dry_run:
            click.echo(text, nl=False)
        else:
            from termkit.langtags import normalize_tag

            added = ", ".join(repr(t.text) for t in extension.new)
            shown = normalize_tag(lang)  # as the file now holds it (add_terms checked it)
            click.echo("termkit: " + _("added {terms} to {concept} ({lang}) in {target}").format(
                terms=added, concept=concept, lang=shown, target=target), err=True)


def _loaded_with(config: object, target: Path) -> list[Path]:
    """The termbases loaded together with ``target``: a clash with them is refused too."""
    from termkit.termbase import default_termbase_paths

    paths: list[Path] = []
    if getattr(config, "default_termbase", True):
        paths.extend(default_termbase_paths())
    paths.extend(p for p in getattr(config, "termbases", ()) if p != target)
    return paths


@click.command(
    epilog="""\b
Examples:
  termkit merge ours.toml theirs.toml -o merged.toml
  termkit merge ours.toml theirs.toml -o merged.toml --prefer second
"""
)
@click.argument("first", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("second", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The merged TOML termbase to write.",
)
@click.option(
    "--prefer",
    type=click.Choice(["first", "second"]),
    help="Which side wins where they conflict (without it, conflicts are an error).",
)
def merge(first: Path, second: Path, output: Path, prefer: str | None) -> None:
    """Combine two TOML termbases into a third, listing conflicts.

    Concepts of either file are kept; a concept in both gets the terms and
    fields of both. Conflicts (different preferred terms, statuses, fields
    for one concept id) are listed; without --prefer they stop the merge
    (exit 2). The first file's comments and layout are kept.
    """
    from termkit.editing import MergeConflictError, merge_files_into

    with user_errors():
        try:
            result = merge_files_into(first, second, output, prefer=prefer)
        except MergeConflictError as exc:
            for conflict in exc.conflicts:
                click.echo(f"conflict: {conflict}", err=True)
            click.echo(f"termkit: error: {translated(exc.message)}", err=True)
            raise SystemExit(EXIT_ERROR) from None
        for conflict in result.conflicts:
            click.echo(f"conflict: {conflict} -> kept {prefer}", err=True)
        click.echo(
            "termkit: " + _(
                "merged {count} concepts into {output} ({conflicts} conflict(s) resolved)"
            ).format(count=len(result.termbase), output=output, conflicts=len(result.conflicts)),
            err=True,
        )
