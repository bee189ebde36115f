"""``termkit.forms``: how terms are written in running text (plurals, definitions, full-form keys).

Tables of ``(input, expected)``. The expected plurals are those of English and French grammar;
None where the rule declines (a name, a word it cannot read, a word already plural), so that an
irregular plural goes in the termbase's ``plural`` field instead of being guessed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termkit.forms import (
    definition_form,
    english_plural,
    french_plural,
    full_form,
    full_form_key,
    local_replacement,
    parentheses,
    preferred_replacement,
    term_plural,
)
from termkit.model import Concept, Status, Term, TermType

# --- english_plural ------------------------------------------------------------------------------


def _english_plural_by_expressions(phrase: str) -> str | None:
    """english_plural as it was written with regular expressions (issue 17 made it string tests)."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or not last.islower() or len(last) < 3 or last.endswith("s"):
        return None
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(?:s|x|z|ch|sh)$", last):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcehiosuxyzé YÉ\n-", max_size=12))
def test_english_plural_agrees_with_the_expressions_it_replaced(phrase: str) -> None:
    assert english_plural(phrase) == _english_plural_by_expressions(phrase)


@pytest.mark.parametrize(
    "word", ["day", "policy", "ray", "buy", "box", "quiz", "church", "wish", "stomach", "fly"]
)
def test_english_plural_agrees_with_the_expressions_on_words(word: str) -> None:
    assert english_plural(f"the {word}") == _english_plural_by_expressions(f"the {word}")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("agreement", "agreements"),
        ("stakeholder", "stakeholders"),
        ("fee", "fees"),
        ("multilateral environmental agreement", "multilateral environmental agreements"),
        ("working group", "working groups"),
        ("non-governmental organization", "non-governmental organizations"),  # a hyphen before
        # consonant + y → ies; vowel + y → ys
        ("facility", "facilities"),
        ("policy", "policies"),
        ("day", "days"),
        ("survey", "surveys"),
        ("key", "keys"),
        # sibilants take -es
        ("tax", "taxes"),
        ("box", "boxes"),
        ("approach", "approaches"),
        ("wish", "wishes"),
        ("waltz", "waltzes"),
        # None: the rule declines
        ("analysis", None),  # ends in s: plural already, or a word the rule cannot tell
        ("status", None),
        ("ox", None),  # too short to be a regular noun
        ("Global Environment Facility", None),  # a name
        ("follow-up", None),  # not a plain word
        ("COVID-19", None),
        ("", None),
        ("agreement ", None),  # no last word
    ],
)
def test_english_plural(phrase: str, expected: str | None) -> None:
    assert english_plural(phrase) == expected


# --- french_plural -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("accord", "accords"),
        ("partie prenante", "parties prenantes"),
        ("zone côtière", "zones côtières"),
        ("sous-groupe", "sous-groupes"),
        ("proposition non normative", "propositions non normatives"),  # non does not agree
        ("organisation non gouvernementale", "organisations non gouvernementales"),
        ("accord ou arrangement", "accords ou arrangements"),  # nor do et and ou
        # Every word before the first preposition or article agrees; the complement stays.
        ("accord multilatéral sur l'environnement", "accords multilatéraux sur l'environnement"),
        ("groupe de travail à composition non limitée", "groupes de travail à composition non limitée"),
        ("petit État insulaire en développement", "petits États insulaires en développement"),
        ("cadre mondial de la biodiversité", "cadres mondiaux de la biodiversité"),
        ("mise en œuvre", "mises en œuvre"),
        ("chef d'État", "chefs d'État"),
        ("partie contractante d’un accord", "parties contractantes d’un accord"),  # typographic ’
        # -al → -aux, but bal, banal, carnaval, fatal, festival, final, natal, naval take -s
        ("journal", "journaux"),
        ("point focal", "points focaux"),
        ("réseau régional", "réseaux régionaux"),
        ("festival", "festivals"),
        ("carnaval", "carnavals"),
        ("bal", "bals"),
        ("festival final", "festivals finals"),
        # -eau, -au, -eu → -x, but pneu and bleu take -s
        ("bureau", "bureaux"),
        ("eau", "eaux"),
        ("niveau", "niveaux"),
        ("enjeu", "enjeux"),
        ("feu", "feux"),
        ("pneu", "pneus"),
        ("bleu", "bleus"),
        # -s, -x, -z stay
        ("pays", "pays"),
        ("prix", "prix"),
        ("nez", "nez"),
        ("accès à l’information", "accès à l’information"),
        ("peuples autochtones et communautés locales", "peuples autochtones et communautés locales"),
        # None: the rule declines
        ("Programme des Nations Unies pour l'environnement", None),  # a name
        ("l'environnement", None),  # nothing before the complement
        ("de", None),
        ("consentement préalable, donné librement", None),  # a list the rule cannot read
        ("article 5", None),
        ("", None),
    ],
)
def test_french_plural(phrase: str, expected: str | None) -> None:
    assert french_plural(phrase) == expected


# --- term_plural ---------------------------------------------------------------------------------


def term(
    text: str, lang: str, type: TermType = TermType.FULL, plural: str | None = None
) -> Term:
    return Term(text, lang, type, Status.PREFERRED, "X", plural=plural)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # the termbase's plural wins over any rule
        (term("person with disabilities", "en", plural="persons with disabilities"),
         "persons with disabilities"),
        (term("personne handicapée", "fr", plural="personnes handicapées"), "personnes handicapées"),
        (term("PWD", "en", TermType.ACRONYM, plural="PWDs"), "PWDs"),
        # the language's regular plural
        (term("multilateral environmental agreement", "en"), "multilateral environmental agreements"),
        (term("accord multilatéral sur l'environnement", "fr"),
         "accords multilatéraux sur l'environnement"),
        (term("accord", "fr-CA"), "accords"),
        # an acronym takes an s, none after an S; English acronyms in Chinese too (NGOs)
        (term("NGO", "en", TermType.ACRONYM), "NGOs"),
        (term("SIDS", "en", TermType.ACRONYM), "SIDS"),
        (term("NGO", "zh", TermType.ACRONYM), "NGOs"),
        # Chinese and Japanese do not inflect
        (term("多边环境协定", "zh"), "多边环境协定"),
        (term("多数国間環境協定", "ja"), "多数国間環境協定"),
        # no rule: None
        (term("Global Environment Facility", "en"), None),
        (term("Programme des Nations Unies pour l'environnement", "fr"), None),
        (term("acuerdo", "es"), None),
    ],
)
def test_term_plural(given: Term, expected: str | None) -> None:
    assert term_plural(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (term("Global Environment Facility", "en"), "Global Environment Facility"),
        (term("agreement", "en"), "agreements"),
        # Only English names: a French one the rule cannot make a plural of stays None.
        (term("Programme des Nations Unies pour l'environnement", "fr"), None),
    ],
)
def test_term_plural_names_as_they_are(given: Term, expected: str | None) -> None:
    assert term_plural(given, names_as_they_are=True) == expected


# --- full_form -----------------------------------------------------------------------------------

MEA = Concept(
    "MEA",
    (
        Term("multilateral environment agreement", "en", TermType.FULL, Status.ADMITTED, "MEA"),
        Term("multilateral environmental agreement", "en", TermType.FULL, Status.PREFERRED, "MEA"),
        Term("MEA", "en", TermType.ACRONYM, Status.PREFERRED, "MEA"),
        Term("多边环境协定", "zh", TermType.FULL, Status.PREFERRED, "MEA"),
        Term("AME", "fr", TermType.ACRONYM, Status.PREFERRED, "MEA"),
    ),
)
GEF = Concept(
    "GEF", (Term("Global Environment Facility", "en", TermType.FULL, Status.PREFERRED, "GEF"),)
)


@pytest.mark.parametrize(
    ("concept", "lang", "plural", "expected"),
    [
        (MEA, "en", False, "multilateral environmental agreement"),  # the preferred one first
        (MEA, "en", True, "multilateral environmental agreements"),
        (MEA, "zh", True, "多边环境协定"),
        (MEA, "fr", False, None),  # an acronym and no full form
        (MEA, "es", False, None),
        (GEF, "en", True, "Global Environment Facility"),  # a name stays as it is
    ],
)
def test_full_form(concept: Concept, lang: str, plural: bool, expected: str | None) -> None:
    assert full_form(concept, lang, plural=plural) == expected


# --- definition_form and parentheses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "acronym", "lang", "expected"),
    [
        ("open-ended working group", "OEWG", "en", "open-ended working group (OEWG)"),
        ("groupe de travail", "GT", "fr", "groupe de travail (GT)"),
        ("accord multilatéral sur l'environnement", "AME", "fr-CA",
         "accord multilatéral sur l'environnement (AME)"),
        ("不限成员名额的工作组", "OEWG", "zh", "不限成员名额的工作组（OEWG）"),
        ("不限成员名额的工作组", "OEWG", "zh-Hans", "不限成员名额的工作组（OEWG）"),
        ("国連環境計画", "UNEP", "ja", "国連環境計画（UNEP）"),
    ],
)
def test_definition_form(full: str, acronym: str, lang: str, expected: str) -> None:
    assert definition_form(full, acronym, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ("（", "）")),
        ("zh-Hant-TW", ("（", "）")),
        ("zh_CN", ("（", "）")),
        ("ZH", ("（", "）")),
        ("ja", ("（", "）")),
        ("en", (" (", ")")),
        ("en-GB", (" (", ")")),
        ("fr", (" (", ")")),
    ],
)
def test_parentheses(lang: str, expected: tuple[str, str]) -> None:
    assert parentheses(lang) == expected


# --- full_form_key -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Open-Ended Working Group", "openendedworkinggroup"),
        ("pour l’environnement", "pourl'environnement"),
        ("\uff35\uff2e\uff25\uff30（联合国）", "unep(联合国)"),
    ],
)
def test_full_form_key(term: str, expected: str) -> None:
    assert full_form_key(term) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Open-Ended  Working Group", "open ended working group"),  # case, spaces, hyphens
        ("open\u2010ended\u2013working\u2014group", "openendedworkinggroup"),  # dashes
        ("non\u2011governmental", "NonGovernmental"),
        ("working\ngroup", "working group"),
        ("pour l’environnement", "pour l'environnement"),  # typographic apostrophes
        ("\uff35\uff2e\uff25\uff30（联合国）", "UNEP(联合国)"),  # full-width forms
    ],
)
def test_same_full_form_key(a: str, b: str) -> None:
    assert full_form_key(a) == full_form_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("working group", "working groups"),
        ("l'environnement", "lenvironnement"),  # the apostrophe is kept
        ("accord (AME)", "accord AME"),
    ],
)
def test_different_full_form_key(a: str, b: str) -> None:
    assert full_form_key(a) != full_form_key(b)


# --- preferred_replacement and local_replacement -------------------------------------------------


def _term(text: str, lang: str, type: TermType, status: Status = Status.PREFERRED) -> Term:
    return Term(text, lang, type, status, "ASGM")


ASGM = Concept(
    "ASGM",
    (
        _term("artisanal and small-scale gold mining", "en", TermType.FULL),
        _term("ASGM", "en", TermType.ACRONYM),
        _term("extraction minière artisanale et à petite échelle d'or", "fr", TermType.FULL),
        _term("extraction artisanale et à petite échelle de l'or", "fr", TermType.FULL),
        _term("EMAPE", "fr", TermType.ACRONYM, Status.ADMITTED),  # ASM's acronym
        _term("EMAPE d'or", "fr", TermType.SHORT),
        _term("手工和小规模采金", "zh", TermType.FULL),
        _term("小型采金", "zh", TermType.FULL, Status.DEPRECATED),
    ),
)


@pytest.mark.parametrize(
    ("lang", "term_type", "expected"),
    [
        ("en", TermType.ACRONYM, "ASGM"),
        ("zh", TermType.FULL, "手工和小规模采金"),  # the deprecated one is no replacement
        ("fr", TermType.FULL, None),  # two preferred: no one replacement
        ("fr", TermType.ACRONYM, None),  # only admitted
        ("fr", TermType.SHORT, "EMAPE d'or"),
        ("zh", TermType.ACRONYM, None),
    ],
)
def test_preferred_replacement(lang: str, term_type: TermType, expected: str | None) -> None:
    found = preferred_replacement(ASGM, lang, term_type)
    assert (None if found is None else found.text) == expected


@pytest.mark.parametrize(
    ("lang", "term_type", "expected"),
    [
        ("en", TermType.ACRONYM, "ASGM"),
        ("fr", TermType.ACRONYM, "EMAPE d'or"),  # no preferred acronym: the preferred short form
        ("fr", TermType.FULL, None),  # the fallback is for acronyms only
        ("zh", TermType.ACRONYM, None),
    ],
)
def test_local_replacement(lang: str, term_type: TermType, expected: str | None) -> None:
    found = local_replacement(ASGM, lang, term_type)
    assert (None if found is None else found.text) == expected
