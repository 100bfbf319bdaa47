"""Tests for bylines: one home for what a byline holds, used by the import and by lint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel._byline import (
    CONJUNCTIONS,
    PREFIXES,
    parse_byline,
    split_byline,
    suffix_field,
)

if TYPE_CHECKING:
    from newsmodel import Finding

BYLINE_CODES = {
    "author_name_by",
    "author_name_job_title",
    "author_name_affiliation",
    "author_name_several_people",
}


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Abbey Fenbert", [("Abbey Fenbert", None)]),
        ("By Tom Rogan", [("Tom Rogan", None)]),
        ("Текст: Лида Буслаева", [("Лида Буслаева", None)]),
        (
            "By MEG KINNARD and ERRIN HAINES, Associated Press",
            [("MEG KINNARD", "Associated Press"), ("ERRIN HAINES", "Associated Press")],
        ),
        (
            "By STEVE PEOPLES, AP National Political Writer",
            [("STEVE PEOPLES", "AP National Political Writer")],
        ),
        ("Ilana Muhlstein, MS, RDN", [("Ilana Muhlstein", "MS, RDN")]),
        ("Troy L. Smith, Cleveland.com", [("Troy L. Smith", "Cleveland.com")]),
        (
            "Dana A. Ford, James S.A. Corey, and Tom Watkins",
            [("Dana A. Ford", None), ("James S.A. Corey", None), ("Tom Watkins", None)],
        ),
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            [("Martin Untersinger", None), ("Damien Leloup", None), ("Morgane Tual", None)],
        ),
        (
            "Orhan Coskun & Suleiman Al-Khalidi",
            [("Orhan Coskun", None), ("Suleiman Al-Khalidi", None)],
        ),
        ("NDTV Sports Desk", [("NDTV Sports Desk", None)]),
        # "y", "i" and "e" also join the halves of a compound surname: a name
        # is split there only when a full name (two words or more) follows.
        ("José Ortega y Gasset", [("José Ortega y Gasset", None)]),
        ("Por Jordi Pujol i Soley", [("Jordi Pujol i Soley", None)]),
        ("Ana Sousa e Silva", [("Ana Sousa e Silva", None)]),
        ("María García y Pedro López", [("María García", None), ("Pedro López", None)]),
        ("Jan Kowalski i Anna Nowak", [("Jan Kowalski", None), ("Anna Nowak", None)]),
        (
            "Marta Roig i Puig i Pere Vila",
            [("Marta Roig i Puig", None), ("Pere Vila", None)],
        ),
        ("Ana y Pedro López", [("Ana", None), ("Pedro López", None)]),
    ],
)
def test_split_byline(byline: str, expected: list[tuple[str, str | None]]) -> None:
    """Bylines split into one name each, with prefixes and titles moved out."""
    assert expected == split_byline(byline, "$.author", [])


def test_byline_repairs_are_reported() -> None:
    """Every change to a byline is a finding at its path."""
    findings: list[Finding] = []
    split_byline("By A and B, AP Writer", "$.author.name", findings)

    assert [
        "removed the byline prefix before the name",
        "moved 'AP Writer' out of the name (a title or outlet)",
        "split the byline into 2 names",
    ] == [finding.message for finding in findings]
    assert {"$.author.name"} == {finding.path for finding in findings}


@pytest.mark.parametrize("byline", ["By:", "Von: ", ", ,", "&", " | "])
def test_a_byline_without_a_name_is_reported_as_dropped(byline: str) -> None:
    findings: list[Finding] = []

    assert [] == split_byline(byline, "$.author", findings)
    assert ("$.author", "dropped") in [(f.path, f.code) for f in findings]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe, Photographer", [("Jane Doe", "Photographer")]),
        ("Jane Doe, Staff", [("Jane Doe", "Staff")]),
        ("Jane Doe, Editor-in-Chief", [("Jane Doe", "Editor-in-Chief")]),
        ("Posted by Jane Doe", [("Jane Doe", None)]),
        ("Words by Jane Doe", [("Jane Doe", None)]),
        ("Jane Doe; John Roe", [("Jane Doe", None), ("John Roe", None)]),
    ],
)
def test_titles_prefixes_and_separators_are_the_ones_lint_knows(
    byline: str, expected: list[tuple[str, str | None]]
) -> None:
    """The job titles, prefixes and separators lint flags are the ones the split repairs."""
    assert expected == split_byline(byline, "$.author", [])


def test_a_prefix_before_a_later_name_is_reported() -> None:
    findings: list[Finding] = []

    assert [("Jane Doe", None), ("John Roe", None)] == split_byline(
        "Jane Doe and by John Roe", "$.author", findings
    )
    assert "removed the byline prefix before the name" in [f.message for f in findings]


@pytest.mark.parametrize(
    ("suffix", "field"),
    [
        ("Photographer", "job_title"),
        ("AP National Political Writer", "job_title"),
        ("MS, RDN", "job_title"),
        ("AP", "job_title"),
        ("Associated Press", "affiliation"),
        ("Cleveland.com", "affiliation"),
    ],
)
def test_suffix_field(suffix: str, field: str) -> None:
    assert field == suffix_field(suffix)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe, Photographer", [{"name": "Jane Doe", "job_title": "Photographer"}]),
        ("Posted by Jane Doe", [{"name": "Jane Doe"}]),
        (
            "Troy L. Smith, Cleveland.com",
            [{"name": "Troy L. Smith", "affiliation": {"name": "Cleveland.com"}}],
        ),
    ],
)
def test_import_repairs_bylines(byline: str, expected: list[dict[str, Any]]) -> None:
    """A title after the name is its job title; a "Posted by" before it is left out."""
    findings: list[Finding] = []
    article = nm.from_jsonld(document(byline), findings=findings)

    assert expected == [author_summary(author) for author in article.authors]
    assert [] == byline_findings(article)
    assert {"$.author"} == {f.path for f in findings if f.code == "repaired"}


def author_summary(author: nm.Person | nm.Organization) -> dict[str, Any]:
    summary: dict[str, Any] = {"name": author.name}
    if isinstance(author, nm.Person) and author.job_title is not None:
        summary["job_title"] = author.job_title
    if isinstance(author, nm.Person) and author.affiliation is not None:
        summary["affiliation"] = {"name": author.affiliation.name}
    return summary


def document(author: object) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "One",
        "url": "https://a.example/1",
        "datePublished": "2024-01-01T00:00:00Z",
        "inLanguage": "en",
        "author": author,
    }


def byline_findings(article: nm.Article) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in nm.lint(article) if f.code in BYLINE_CODES]


# Names drawn for the property: words that are none of the byline's other parts.
_NOT_NAMES = {word.casefold() for word in (*PREFIXES, *CONJUNCTIONS, "y", "e", "i")}
_WORDS = st.from_regex(r"[A-Z][a-z]{1,9}|[A-Z]\.|[ÁÉÖŁŻ][a-zà-ÿ]{2,6}", fullmatch=True).filter(
    lambda word: (
        word.casefold() not in _NOT_NAMES and parse_byline(f"Jane Doe, {word}").suffix is None
    )
)
_NAMES = st.lists(_WORDS, min_size=2, max_size=3).map(" ".join)
_PREFIXES = st.sampled_from(["", "By ", "by: ", "Posted by ", "Written by ", "Von ", "Text: "])
_SEPARATORS = st.sampled_from([", ", " and ", " & ", " | ", "; ", " und ", ", and "])
_SUFFIXES = st.sampled_from(
    [
        "",
        ", Photographer",
        ", Staff Writer",
        ", AP National Political Writer",
        ", Associated Press",
        ", MS, RDN",
        ", Cleveland.com",
        ", Senior Editor",
    ]
)


@st.composite
def bylines(draw: st.DrawFn) -> str:
    """A byline as publishers write it: a prefix, names, separators, a title or outlet."""
    names = draw(st.lists(_NAMES, min_size=1, max_size=3))
    text = names[0]
    for name in names[1:]:
        text += draw(_SEPARATORS) + name
    return draw(_PREFIXES) + text + draw(_SUFFIXES)


@given(bylines(), st.booleans())
def test_lint_finds_no_byline_problem_in_what_the_import_repaired(
    byline: str, as_person: bool
) -> None:
    """What the import made of a byline it repaired, lint does not flag; and each is reported."""
    findings: list[Finding] = []
    author = {"@type": "Person", "name": byline} if as_person else byline
    article = nm.from_jsonld(document(author), findings=findings)

    assert [] == byline_findings(article)
    original = nm.Person(name=byline, url="https://a.example/author")
    flagged = byline_findings(attrs.evolve(article, authors=[original]))
    repaired = [f for f in findings if f.path.startswith("$.author") and f.code == "repaired"]
    assert bool(flagged) == bool(repaired), (flagged, repaired)


@given(st.text(max_size=200))
def test_any_byline_splits_into_clean_names(text: str) -> None:
    """Whatever the text, the split gives stripped, non-empty names, each without a prefix."""
    findings: list[Finding] = []
    for name, _ in split_byline(text, "$.author", findings):
        assert name
        assert name == name.strip()
        assert parse_byline(name).prefix is None
    assert all(f.path == "$.author" for f in findings)


@pytest.mark.parametrize(
    "author", ["https://a.example/author/jane", " //a.example/author/jane", "HTTP://A.EXAMPLE/"]
)
def test_an_author_given_as_a_link_is_dropped(author: str) -> None:
    """A profile link where a name belongs is no name: dropped and reported, by every importer."""
    findings: list[Finding] = []
    article = nm.from_jsonld(document(author), findings=findings)

    assert () == tuple(article.authors)
    assert [("$.author", "dropped")] == [
        (f.path, f.code) for f in findings if f.path.startswith("$.author")
    ]
