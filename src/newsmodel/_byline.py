r"""
Bylines: the one home of what a byline holds besides names.

A byline as publishers write it (``By STEVE PEOPLES, AP National Political
Writer``) holds a prefix, one or more names, and perhaps a job title,
credentials or an outlet after the names. The import splits bylines with
these rules (`split_byline`) and `newsmodel.lint` flags a name that still
holds any of them (`parse_byline`, `mentions_job_title`): so what the import
repaired, lint does not flag, and the other way round.

Every pattern here is linear in its input (bylines come from strangers): a
run of whitespace is entered only at its start (``(?<!\s)``) or after a word
(``\b``), where a match, if there is one, begins; and no repeat can run past
the next bracket.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from ._errors import Finding, Path, describe, join_path

__all__ = [
    "CONJUNCTIONS",
    "CREDENTIALS",
    "JOB_TITLES",
    "OUTLET_WORDS",
    "PREFIXES",
    "Byline",
    "is_link",
    "mentions_job_title",
    "parse_byline",
    "split_byline",
    "suffix_field",
]

#: Words that open a byline before the names ("By", "Von", "Text:").
PREFIXES = ("by", "von", "par", "por", "di", "door", "av", "przez", "text", "текст", "редактор")
#: Words that may come before "by" ("Posted by", "Words by").
PREFIX_LEADS = ("posted", "written", "reported", "words", "text", "story", "photo", "photos")
#: Words that join two names ("A and B"); "y", "i" and "e" are `SHORT_CONJUNCTIONS`.
CONJUNCTIONS = ("and", "und", "et", "og", "och", "и")
#: Conjunctions that also join the halves of a compound surname ("José Ortega y Gasset").
SHORT_CONJUNCTIONS = ("y", "e", "i")
#: The nouns of a job title ("Staff Writer", "Bureau Chief"); a plural "s" may follow.
JOB_TITLES = (
    "writer", "reporter", "correspondent", "editor-in-chief", "editor", "columnist",
    "contributor", "journalist", "producer", "photographer", "photojournalist", "analyst",
    "anchor", "intern", "critic", "bureau chief", "staff",
)  # fmt: skip
#: Words that may come before a job title's noun ("Senior", "Foreign").
JOB_TITLE_MODIFIERS = (
    "staff", "senior", "chief", "deputy", "managing", "executive", "contributing", "special",
    "political", "foreign", "investigative", "freelance", "news", "sports", "business",
)  # fmt: skip
#: Credentials and name suffixes written after a name ("MS, RDN", "PhD").
CREDENTIALS = ("ms", "md", "phd", "rdn", "rd", "jr", "sr")
#: Words of an outlet or a desk written after the names ("Associated Press").
OUTLET_WORDS = (
    "desk", "chief", "senior", "national", "political", "sports", "associated press", "press",
    "news", "business", "times", "today", "journal", "post", "herald", "tribune", "agency",
    "bureau",
)  # fmt: skip


def _words(words: tuple[str, ...]) -> str:
    # Longest first, so that "editor-in-chief" wins over "editor"; a space
    # inside a phrase matches any run of whitespace.
    spelled = (re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len)[::-1])
    return "|".join(spelled)


_PREFIX = re.compile(
    rf"^(?:(?:{_words(PREFIX_LEADS)})\s+by|{_words(PREFIXES)})\s*[:\s]\s*", re.IGNORECASE
)
_AND = re.compile(rf"(?<!\s)(?:\s+(?:{_words(CONJUNCTIONS)}|&)\s+|\s*&\s*)", re.IGNORECASE)
_SHORT_AND = re.compile(rf"((?<!\s)\s+(?:{_words(SHORT_CONJUNCTIONS)})\s+)", re.IGNORECASE)
_LEADING_AND = re.compile(r"^(?:and|und|et|y|e|&)\s+", re.IGNORECASE)
_JOB_TITLE = re.compile(
    rf"\b(?:(?:{_words(JOB_TITLE_MODIFIERS)})\s+)?(?:{_words(JOB_TITLES)})s?\b", re.IGNORECASE
)
_CREDENTIAL_WORD = re.compile(rf"\b(?:{_words(CREDENTIALS)})\b", re.IGNORECASE)
_OUTLET_WORD = re.compile(rf"\b(?:{_words(OUTLET_WORDS)})\b", re.IGNORECASE)
_DOMAIN = re.compile(r"^\S+\.(?:com|org|net|co\.uk|de|fr|it|es|in|ru|ua|io)$", re.IGNORECASE)
# A part that is all credentials: an abbreviation in capitals, or a degree.
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")
_CAPITALS = re.compile(r"[A-Z, .]+")
_WITH = re.compile(r"(?<!\s)\s*\((?:avec|with|mit|con|com)\s+([^()]*)\)", re.IGNORECASE)
#: The marks between the people of a byline, and between the names and a title.
_SEPARATOR = re.compile(r"[,;|]")  # the parts are stripped: no \s* around it to backtrack


class Byline(NamedTuple):
    """A byline taken apart: what `split_byline` reports, as values."""

    #: The prefix removed before the (first) name ("By", "Posted by"), or None.
    prefix: str | None
    #: The names, one per person, in the byline's order.
    names: tuple[str, ...]
    #: What followed the names after a separator: a job title, credentials
    #: or an outlet ("AP National Political Writer"), or None.
    suffix: str | None


def is_link(text: str) -> bool:
    """
    Whether an author given as text is a link ("https://…", "//…"), not a name.

    Open Graph's ``article:author`` and some JSON-LD give a profile page
    where a byline belongs: the importers drop it (reported), never read a
    name from it.
    """
    return text.strip().lower().startswith(("http://", "https://", "//"))


def mentions_job_title(text: str) -> bool:
    """Whether *text* holds a job title ("Staff Writer", "Reporter"): the one list of them."""
    return _JOB_TITLE.search(text) is not None


def suffix_field(suffix: str) -> Literal["job_title", "affiliation"]:
    """
    Say which field what followed a byline's names belongs in.

    A job title ("Photographer") or credentials ("MS, RDN", "AP") go in
    ``job_title``; anything else (an outlet: "Associated Press",
    "Cleveland.com") is the person's ``affiliation``.
    """
    if (
        mentions_job_title(suffix)
        or _CREDENTIAL_WORD.search(suffix)
        or _CAPITALS.fullmatch(suffix) is not None
    ):
        return "job_title"
    return "affiliation"


def _is_title_or_outlet(part: str) -> bool:
    if _AND.search(part) or _SHORT_AND.search(part):
        return False
    return bool(
        mentions_job_title(part)
        or _CREDENTIAL_WORD.search(part)
        or _OUTLET_WORD.search(part)
        or _DOMAIN.match(part)
        or _CREDENTIAL.match(part)
    )


def _strip_prefix(text: str) -> tuple[str, str | None]:
    found = _PREFIX.match(text)
    if found is None:
        return text, None
    return text[found.end() :].strip(), found.group().strip()


def parse_byline(text: str) -> Byline:
    """
    Take a byline apart into its prefix, its names and what followed them.

    ``By MEG KINNARD and ERRIN HAINES, Associated Press`` holds two names and
    an outlet; ``By STEVE PEOPLES, AP National Political Writer`` one name
    and a job title; ``NDTV Sports Desk`` one name (a byline of one part is
    a name, whatever its words).
    """
    text, prefix = _strip_prefix(text.strip())
    text = _WITH.sub(r", \1", text)  # "A (avec B et C)": B and C are bylines too
    parts = [part.strip() for part in _SEPARATOR.split(text) if part.strip()]
    trailing: list[str] = []
    while len(parts) > 1 and _is_title_or_outlet(parts[-1]):
        trailing.insert(0, parts.pop())
    names: list[str] = []
    for part in parts:
        # _LEADING_AND: the Oxford comma's "and" in "A, B, and C".
        for name in _AND.split(_LEADING_AND.sub("", part)):
            if name and name.strip():
                names.extend(_split_short_and(name.strip()))
    kept: list[str] = []
    for name in names:
        bare, inner = _strip_prefix(name)
        prefix = prefix or inner
        if bare:
            kept.append(bare)
    return Byline(prefix, tuple(kept), ", ".join(trailing) or None)


def _split_short_and(text: str) -> list[str]:
    # Split at "y", "i" or "e" only where a full name (two words or more)
    # follows: "María García y Pedro López" is two people, "José Ortega y
    # Gasset" one.
    pieces = _SHORT_AND.split(text)  # name, conjunction, name, ...
    names = [[pieces[0]]]  # each name's parts, joined once (no quadratic +=)
    for conjunction, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if len(piece.split()) >= 2:
            names.append([piece])
        else:
            names[-1] += (conjunction, piece)
    return ["".join(parts) for parts in names]


def split_byline(text: str, path: Path, findings: list[Finding]) -> list[tuple[str, str | None]]:
    """
    Split a byline into one (name, job title or affiliation) pair per person.

    ``By MEG KINNARD and ERRIN HAINES, Associated Press`` gives two people;
    ``By STEVE PEOPLES, AP National Political Writer`` one person with a job
    title. Every split and strip is reported at *path*. The second element
    is what followed the names after a separator (a title or an outlet:
    `suffix_field` says which), or None.
    """
    where = join_path(*path) if isinstance(path, tuple) else path
    byline = parse_byline(text)
    if byline.prefix is not None:
        findings.append(Finding(where, "repaired", "removed the byline prefix before the name"))
    if byline.suffix:
        findings.append(
            Finding(
                where, "repaired", f"moved {byline.suffix!r} out of the name (a title or outlet)"
            )
        )
    if len(byline.names) > 1:
        findings.append(
            Finding(where, "repaired", f"split the byline into {len(byline.names)} names")
        )
    if not byline.names:
        findings.append(
            Finding(
                where,
                "dropped",
                f"expected a byline with a name, found {describe(text)}; left it out",
            )
        )
    return [(name, byline.suffix) for name in byline.names]
