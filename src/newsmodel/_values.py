"""
The value rules every class shares: URLs, texts, dates, languages, integers.

Each ``check_*`` function takes a Python value, the JSONPath it stands at and
the list to report into. It appends at most one `ErrorDetail` and returns
nothing, so a caller can check every field of an object and report them all.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ._errors import ErrorDetail, Path, describe, join_path
from ._lazy import LazyPattern

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MAX_INT",
    "canonical_language",
    "check_bool",
    "check_date_or_datetime",
    "check_datetime",
    "check_language",
    "check_positive_int",
    "check_slug",
    "check_text",
    "check_text_line",
    "check_url",
    "encode_unsafe",
    "iri_to_uri",
    "is_url",
    "language_pattern",
    "parse_date",
    "parse_datetime",
    "right_to_left",
    "slugify",
]

Report = list[ErrorDetail]


#: The largest integer every JSON reader keeps exact (2**53 - 1).
MAX_INT = 2**53 - 1

# Control characters (C0, DEL, C1), the Unicode line and paragraph
# separators, and lone surrogates. A "text" may hold "\n"; a "text line" not.
TEXT_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
TEXT_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_SLUG = LazyPattern(r"[^\W_]+(?:-[^\W_]+)*")
_NOT_SLUG_CHARS = LazyPattern(r"[\W_]+")


def _bad_char(value: str, pattern: re.Pattern[str]) -> str | None:
    found = pattern.search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "")
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"{label} at character {found.start()}"


def _text_type_error(
    value: object, parent: Path, key: str | int, report: Report, what: str
) -> None:
    report.append(
        ErrorDetail(join_path(parent, key), "type", f"expected {what}, found {describe(value)}")
    )


def check_text_line(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a one-line text: a non-blank string without control characters."""
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "a one-line text (a string)")
        return
    if TEXT_LINE_BAD.search(value) is not None:
        bad = _bad_char(value, TEXT_LINE_BAD)
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected one line of text without line breaks or control characters, found {bad}",
            )
        )
    elif not value.strip():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                f"expected non-blank text, found {describe(value)}",
            )
        )


def check_text(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a text: a non-blank string without control characters but newlines."""
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "text (a string)")
        return
    if TEXT_BAD.search(value) is not None:
        bad = _bad_char(value, TEXT_BAD)
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected text without control characters other than newlines, found {bad}",
            )
        )
    elif not value.strip():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                f"expected non-blank text, found {describe(value)}",
            )
        )


# ---------------------------------------------------------------------- URLs
# The one statement of the URL rule: an absolute http(s) IRI (RFC 3987, over
# RFC 3986) with a host. The grammar is written once, below, from the RFC's
# ABNF over tables of code points (`URL_PARTS`); `url_pattern` spells it for
# Python (see `is_url`) and for the JSON Schema (which also runs in ECMA 262
# engines), and `newsmodel.strategies.urls` draws from its parts. Beyond the
# ABNF the rule refuses, on purpose: credentials (``user@``), an empty port
# or one above 65535, a host with an empty label, a label longer than 63
# octets or a name longer than 253 (counted in the ASCII form DNS uses),
# bidirectional formatting characters (RFC 3987 §4.1 forbids them; the
# isolates U+2066-U+2069 came later and are refused alike) and Unicode space
# separators, which the ABNF's ``ucschar`` would let in.

Ranges = tuple[tuple[int, int], ...]


def _chars(text: str) -> Ranges:
    return tuple((ord(char), ord(char)) for char in text)


def minus_ranges(ranges: Ranges, holes: Ranges) -> Ranges:
    """Return *ranges* without the code points of *holes*."""
    result = []
    for low, high in ranges:
        start = low
        for hole_low, hole_high in sorted(holes):
            if hole_high < start or hole_low > high:
                continue
            if hole_low > start:
                result.append((start, hole_low - 1))
            start = max(start, hole_high + 1)
        if start <= high:
            result.append((start, high))
    return tuple(result)


_ALPHA_DIGIT: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))
_SUB_DELIMS = _chars("!$&'()*+,;=")
#: RFC 3987's ``ucschar``.
UCSCHAR: Ranges = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)
#: RFC 3987's ``iprivate``: private-use code points, allowed in the query only.
IPRIVATE: Ranges = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
#: Code points ``ucschar`` holds that the rule refuses: Unicode space
#: separators, line and paragraph separators, and bidirectional formatting
#: characters (RFC 3987 §4.1), isolates included.
REFUSED: Ranges = (
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x200E, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x205F),
    (0x2066, 0x2069),
    (0x3000, 0x3000),
)
_IUNRESERVED = minus_ranges((*_ALPHA_DIGIT, *_chars("-._~"), *UCSCHAR), REFUSED)
_IPCHAR = (*_IUNRESERVED, *_SUB_DELIMS, *_chars(":@"))
#: The characters of each part of a URL, but for percent-escapes (``%`` and
#: two hex digits), which every part may hold.
URL_PARTS: dict[str, Ranges] = {
    # A host name's label: the dots between labels are the grammar's.
    "label": (*minus_ranges(_IUNRESERVED, _chars(".")), *_SUB_DELIMS),
    "path": (*_IPCHAR, *_chars("/")),
    "query": (*_IPCHAR, *_chars("/?"), *IPRIVATE),
    "fragment": (*_IPCHAR, *_chars("/?")),
}
_BMP_END = 0xFFFF
_LATIN1_END = 0xFF


def _spell(ranges: Ranges) -> str:
    def one(code: int) -> str:
        return f"\\u{code:04x}" if code <= _BMP_END else f"\\U{code:08x}"

    return "".join(one(low) if low == high else f"{one(low)}-{one(high)}" for low, high in ranges)


def spell_class(ranges: Ranges, exact_to: int = 0x10FFFF) -> str:
    r"""
    Spell *ranges* as a character class, exact up to *exact_to*, admitting all above it.

    A class reaching beyond *exact_to* is spelled by what it leaves out
    (``[^...]``). With ``exact_to=0xFFFF`` the class means the same in
    Python's `re` and in ECMA 262, which has no spelling of a code point
    above U+FFFF that `re` also reads. With ``exact_to=0xFF`` it compiles
    fast: `re` builds a large class slowly, code point by code point.
    """
    if all(high <= exact_to for _, high in ranges):
        return f"[{_spell(ranges)}]"
    return f"[^{_spell(minus_ranges(((0, exact_to),), ranges))}]"


_HEX = "[0-9A-Fa-f]"
_PCT = f"%{_HEX}{{2}}"
_DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = f"{_DEC_OCTET}(?:\\.{_DEC_OCTET}){{3}}"
_H16 = f"{_HEX}{{1,4}}"
_LS32 = f"(?:{_H16}:{_H16}|{_IPV4})"
#: RFC 3986's ``IPv6address``.
IPV6_PATTERN = (
    "(?:"
    + "|".join(
        [
            f"(?:{_H16}:){{6}}{_LS32}",
            f"::(?:{_H16}:){{5}}{_LS32}",
            f"(?:{_H16})?::(?:{_H16}:){{4}}{_LS32}",
            f"(?:(?:{_H16}:){{0,1}}{_H16})?::(?:{_H16}:){{3}}{_LS32}",
            f"(?:(?:{_H16}:){{0,2}}{_H16})?::(?:{_H16}:){{2}}{_LS32}",
            f"(?:(?:{_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
            f"(?:(?:{_H16}:){{0,4}}{_H16})?::{_LS32}",
            f"(?:(?:{_H16}:){{0,5}}{_H16})?::{_H16}",
            f"(?:(?:{_H16}:){{0,6}}{_H16})?::",
        ]
    )
    + ")"
)
_IP_LITERAL_CHARS = spell_class((*_ALPHA_DIGIT, *_chars("-._~:"), *_SUB_DELIMS))
_IPV_FUTURE = f"[Vv]{_HEX}+\\.{_IP_LITERAL_CHARS}+"
#: A port: a number from 0 to 65535, in at most five digits.
PORT_PATTERN = "(?:[0-9]{1,4}|[0-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
_SCHEME = "[Hh][Tt][Tt][Pp][Ss]?://"


#: RFC 3986's ``IP-literal``: an IPv6 address or an IPvFuture, in brackets.
IP_LITERAL_PATTERN = f"\\[(?:{IPV6_PATTERN}|{_IPV_FUTURE})\\]"


def url_pattern(exact_to: int = 0x10FFFF, *, ip_literal: str = IP_LITERAL_PATTERN) -> str:
    """
    Return the URL grammar as a regular expression, exact up to code point *exact_to*.

    Above *exact_to* every code point is admitted (see `spell_class`). Group
    1 is the host, group 2 the query. Each part is an unrolled loop
    (characters, then percent-escapes each followed by characters), so a
    match takes time linear in the text. *ip_literal* stands for a host in
    brackets.
    """

    def chars(part: str) -> str:
        return spell_class(URL_PARTS[part], exact_to)

    def run(part: str) -> str:
        return f"{chars(part)}*(?:{_PCT}{chars(part)}*)*"

    label = f"(?:{chars('label')}|{_PCT}){run('label')}"
    host = f"({ip_literal}|{label}(?:\\.{label})*\\.?)"
    return (
        f"{_SCHEME}{host}(?::{PORT_PATTERN})?"
        f"(?:/{run('path')})?(?:\\?({run('query')}))?(?:#{run('fragment')})?"
    )


# The library runs the grammar exact up to U+00FF, where `re` compiles it
# fast, and checks the code points above that apart: those no part may hold,
# and the private-use ones only the query may (`URL_PARTS` differ there only).
# An IP literal is matched loosely there and exactly apart (`_ip_literal`):
# the IPv6 grammar takes long to compile, and few URLs need it.
_URL_SHAPE = LazyPattern(url_pattern(_LATIN1_END, ip_literal=f"\\[{_IP_LITERAL_CHARS}+\\]"))
_ALL_PARTS = tuple(code for ranges in URL_PARTS.values() for code in ranges)
_ABOVE_LATIN1 = ((_LATIN1_END + 1, 0x10FFFF),)


@functools.cache
def _beyond_latin1() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # The code points above U+00FF that no part may hold, or only the query
    # may (private use); and private use. Compiled on first use, to keep the
    # import fast.
    suspect = minus_ranges(_ABOVE_LATIN1, minus_ranges(_ALL_PARTS, IPRIVATE))
    return re.compile(f"[{_spell(suspect)}]"), re.compile(f"[{_spell(IPRIVATE)}]")


_MAX_LABEL = 63
_MAX_NAME = 253


def _ascii_size(label: str) -> int:
    # The length of a label in the form DNS carries: Punycode, for IDNs.
    return len(label) if label.isascii() else 4 + len(label.lower().encode("punycode"))


def host_too_long(host: str) -> str | None:
    """Say which label (or the whole name) of *host* is too long, or return None."""
    if host.startswith("[") or (len(host) <= _MAX_LABEL and host.isascii()):
        return None
    labels = host.removesuffix(".").split(".")
    sizes = [_ascii_size(label) for label in labels]
    for label, size in zip(labels, sizes, strict=True):
        if size > _MAX_LABEL:
            return f"the host's label {describe(label)} is {size} octets long (at most 63)"
    if sum(sizes) + len(sizes) - 1 > _MAX_NAME:
        return f"the host name is {sum(sizes) + len(sizes) - 1} octets long (at most 253)"
    return None


def _host_ok(host: str) -> bool:
    if host.startswith("["):
        return _ip_literal().fullmatch(host) is not None
    return host_too_long(host) is None


def _beyond_latin1_ok(value: str, query_start: int, query_end: int) -> bool:
    suspect, private_use = _beyond_latin1()
    found = suspect.search(value)
    while found is not None:
        at = found.start()
        if not query_start <= at < query_end or private_use.match(value, at) is None:
            return False
        found = suspect.search(value, at + 1)
    return True


@functools.cache
def _ip_literal() -> re.Pattern[str]:
    return re.compile(IP_LITERAL_PATTERN)


# The common case, decided by a pattern of plain ASCII classes, which `re`
# runs faster than the grammar's: an ASCII URL whose host is a DNS name of
# letters, digits and hyphens, at most 63 long (so no label is too long),
# with a port of at most four digits. In ASCII, the query and the fragment
# hold the same characters, and the path those but '?', which ends it: one
# class serves them all. `PLAIN_URL` says yes only to what the grammar
# accepts (a test checks); everything else goes there.
_ASCII_URL_CHARS = spell_class(minus_ranges(URL_PARTS["query"], ((0x80, 0x10FFFF),)))
_ASCII_RUN = f"{_ASCII_URL_CHARS}*(?:{_PCT}{_ASCII_URL_CHARS}*)*"
PLAIN_URL = re.compile(
    f"(?:https?|HTTPS?|{_SCHEME[:-3]})://(?![^:/?#]{{64}})[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.?"
    f"(?::[0-9]{{1,4}})?(?:[/?]{_ASCII_RUN})?(?:#{_ASCII_RUN})?"
)


def is_url(value: str) -> bool:
    """
    Whether *value* is an absolute http(s) IRI with a host: the URL rule's yes or no.

    `check_url` is the same rule with a message.
    """
    if value.isascii() and PLAIN_URL.fullmatch(value) is not None:
        return True
    match = _URL_SHAPE.fullmatch(value)
    return (
        match is not None
        and (value.isascii() or _beyond_latin1_ok(value, *match.span(2)))
        and _host_ok(match.group(1))
    )


def iri_to_uri(iri: str) -> str:
    """
    Map an IRI to a URI as RFC 3987 §3.1 says: UTF-8 percent-encode what is not ASCII.

    Every character outside ASCII becomes the ``%XX`` escapes of its UTF-8
    bytes, in the host as elsewhere (RFC 3986 lets a host name hold
    percent-escapes); ASCII is left alone. A URL that keeps the URL rule
    gives a URI (RFC 3986).
    """
    if iri.isascii():
        return iri
    return _NOT_ASCII.sub(_utf8_escapes, iri)


_NOT_ASCII = LazyPattern("[^\\x00-\\x7f]+")


def uri_to_iri(uri: str) -> str:
    """
    Map a URI back to an IRI as RFC 3987 §3.2 says: decode what spells non-ASCII.

    Each run of percent-escapes that is the UTF-8 of characters outside ASCII
    is decoded, run by run, where the URL still keeps the URL rule with it
    decoded (a bidirectional control stays escaped); escapes of ASCII
    characters (``%20``, ``%2F``) and bytes that are not UTF-8 stay as they
    are. ``uri_to_iri(iri_to_uri(iri)) == iri`` for every URL whose
    percent-escapes are all of ASCII; the result is an IRI equivalent to *uri*.
    """
    if "%" not in uri or not is_url(uri):
        return uri
    decoded = uri
    for run in reversed(list(_ESCAPE_RUN.finditer(uri))):
        text = _decode_escapes(run.group())
        if text != run.group():
            candidate = decoded[: run.start()] + text + decoded[run.end() :]
            if is_url(candidate):
                decoded = candidate
    return decoded


_ESCAPE_RUN = LazyPattern("(?:%[0-9A-Fa-f]{2})+")


def _decode_escapes(run: str) -> str:
    """Decode the escapes of *run* that make UTF-8 characters outside ASCII; keep the rest."""
    raw = bytes.fromhex(run.replace("%", ""))
    out: list[str] = []
    at = 0
    while at < len(raw):
        lead = raw[at]
        size = (
            2
            if 0xC2 <= lead <= 0xDF
            else 3
            if 0xE0 <= lead <= 0xEF
            else 4
            if 0xF0 <= lead <= 0xF4
            else 0
        )
        try:
            char = raw[at : at + size].decode("utf-8") if size else ""
        except UnicodeDecodeError:
            char = ""
        if len(char) == 1:
            out.append(char)
            at += size
        else:
            out.append(run[3 * at : 3 * at + 3])
            at += 1
    return "".join(out)


def _utf8_escapes(found: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in found.group().encode("utf-8"))


def _describe_char(value: str, at: int) -> str:
    char = value[at]
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    shown = f"{char!r} ({code})" if char.isprintable() and not char.isspace() else code
    return f"{shown} at character {at}"


# For each part: its first character that may not be there, or a '%' that
# starts no percent-escape.
# (Compiled on first use: large classes compile slowly.)
@functools.cache
def _bad_in_part(part: str) -> re.Pattern[str]:
    ranges = URL_PARTS["label"] + _chars(".") if part == "host" else URL_PARTS[part]
    return re.compile(f"[^{_spell(ranges)}%]|%(?!{_HEX}{{2}})")


_SCHEME_HEAD = LazyPattern(_SCHEME)
_PORT = LazyPattern(PORT_PATTERN)


def _bad_in(value: str, part: str, start: int, end: int) -> str | None:
    found = _bad_in_part(part).search(value, start, end)
    if found is None:
        return None
    if value[found.start()] == "%":
        return (
            f"the '%' at character {found.start()} starts no percent-escape "
            "('%' and two hex digits)"
        )
    return f"{_describe_char(value, found.start())} may not appear in a URL's {part}"


def _host_problem(value: str, start: int, end: int) -> str | None:
    host = value[start:end]
    if not host:
        return "it has no host"
    if host.startswith("["):
        if _ip_literal().fullmatch(host) is None:
            return f"the host {describe(host)} is not an IPv6 address in brackets"
        return None
    bad = _bad_in(value, "host", start, end)
    if bad is not None:
        return bad
    if host.startswith(".") or ".." in host:
        return f"the host {describe(host)} has an empty label"
    return host_too_long(host)


def url_problem(value: str) -> str | None:
    """
    Say why *value* breaks the URL rule, or return None when there is no more to say.

    None also answers a value that does not start with ``http://`` or
    ``https://``: the rule's own statement says it all.
    """
    head = _SCHEME_HEAD.match(value)
    if head is None:
        return None
    start = head.end()
    delimiter = re.compile("[/?#]").search(value, start)
    end = len(value) if delimiter is None else delimiter.start()
    if "@" in value[start:end]:
        return "credentials (a user name and '@' before the host) are not allowed"
    host_end = value.find("]", start, end) + 1 if value.startswith("[", start) else 0
    if value.startswith("[", start) and not host_end:
        return "the IPv6 address has no closing ']'"
    colon = value.find(":", host_end or start, end)
    host_end = host_end or (end if colon < 0 else colon)
    problem = _host_problem(value, start, host_end)
    if problem is None and host_end < end:
        if value[host_end] != ":":
            problem = f"{describe(value[host_end:end])} follows the host, where only a port may"
        elif _PORT.fullmatch(value, host_end + 1, end) is None:
            port = value[host_end + 1 : end]
            problem = f"the port {describe(port)} is not a number from 0 to 65535"
    if problem is not None:
        return problem
    query = value.find("?", end)
    fragment = value.find("#", end)
    fragment = len(value) if fragment < 0 else fragment
    query = fragment if query < 0 or query > fragment else query
    return (
        _bad_in(value, "path", end, query)
        or _bad_in(value, "query", query + 1, fragment)
        or _bad_in(value, "fragment", fragment + 1, len(value))
    )


# The printable ASCII characters after the host that no URL may hold, and a
# '%' that starts no percent-escape: a browser sends them percent-encoded.
_UNSAFE_AFTER_HOST = LazyPattern(f'[ "<>\\[\\]^`{{|}}]|%(?!{_HEX}{{2}})')


def encode_unsafe(value: str) -> str:
    """
    Percent-encode what a browser encodes after the host of an http(s) URL.

    Those are the space, ``"<>[]^`{|}``, a ``%`` that starts no
    percent-escape and every ``#`` after the first. Nothing else changes:
    control characters, a backslash or a bad host stay as they are, so the
    result may still break the URL rule.
    """
    head = _SCHEME_HEAD.match(value)
    if head is None:
        return value
    after_host = re.compile("[/?#]").search(value, head.end())
    if after_host is None:
        return value
    tail = value[after_host.start() :]
    first_hash = tail.find("#")
    if first_hash >= 0:
        tail = tail[: first_hash + 1] + tail[first_hash + 1 :].replace("#", "%23")
    tail = _UNSAFE_AFTER_HOST.sub(lambda found: f"%{ord(found.group()[0]):02X}", tail)
    return value[: after_host.start()] + tail


def check_url(value: object, parent: Path, key: str | int, report: Report) -> None:
    """
    Check an absolute ``http`` or ``https`` URL with a host: an IRI (RFC 3987).

    The message says what is wrong: the character or percent-escape and where,
    or which part of the host. `is_url` is the same rule as a yes or no.
    """
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "a URL (a string)")
        return
    if not is_url(value):
        why = url_problem(value)
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "url",
                "expected an absolute http or https URL with a host and no "
                f"spaces, found {describe(value)}" + (f": {why}" if why else ""),
            )
        )


def check_slug(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a slug: lowercase letters and digits in runs joined by single hyphens."""
    if not isinstance(value, str):
        _text_type_error(value, parent, key, report, "a slug (a string)")
        return
    if _SLUG.fullmatch(value) is None or value != value.lower():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                "expected a slug (lowercase letters and digits joined by single "
                f"hyphens, like 'north-korea'), found {describe(value)}",
            )
        )


def slugify(name: str) -> str:
    """
    Derive a slug from a tag name.

    Letters and digits of any script are kept, lowercased; every other run of
    characters becomes one hyphen. A name without letters or digits falls back
    to its code points (``u1f600``) so that every tag has a usable slug.
    """
    slug = _NOT_SLUG_CHARS.sub("-", unicodedata.normalize("NFKC", name).lower()).strip("-")
    if _SLUG.fullmatch(slug) and slug == slug.lower():
        return slug
    return "-".join(f"u{ord(char):x}" for char in name.strip()) or "tag"


def check_positive_int(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a JSON integer from 1 to 2**53 - 1 (booleans are not integers)."""
    if value.__class__ is not int and (not isinstance(value, int) or isinstance(value, bool)):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected an integer, found {describe(value)}",
            )
        )
        return
    if not 1 <= value <= MAX_INT:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected an integer from 1 to {MAX_INT}, found {describe(value)}",
            )
        )


def check_bool(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a boolean."""
    if value is not True and value is not False:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected true or false, found {describe(value)}",
            )
        )


_MINUTE = timedelta(minutes=1)


def _in_range(value: datetime) -> bool:
    # An aware datetime whose UTC instant falls outside years 1..9999 cannot be
    # compared or hashed; only values at the very edges can be affected.
    if 1 < value.year < 9999:
        return True
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        return False
    return True


def check_datetime(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a timezone-aware `datetime`."""
    if not isinstance(value, datetime):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected an ISO 8601 datetime with a UTC offset, found {describe(value)}",
            )
        )
        return
    offset = value.utcoffset()
    if offset is None:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "timezone",
                f"expected a datetime with a UTC offset, found the naive datetime {value}",
            )
        )
    elif offset % _MINUTE:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "timezone",
                "expected a UTC offset of whole minutes (ISO 8601 writes ±hh:mm), "
                f"found {offset} in {value}",
            )
        )
    elif not _in_range(value):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected a datetime within years 1 to 9999 UTC, found {value}",
            )
        )


def check_date_or_datetime(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a calendar `date` or a timezone-aware `datetime`."""
    if isinstance(value, datetime) or not isinstance(value, date):
        check_datetime(value, parent, key, report)


# ----------------------------------------------------------------- languages

#: RFC 5646's grandfathered tags, in the registry's case: the one list of
#: them (the language pattern here and the JSON Schema's are built from it).
GRANDFATHERED = (
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
    "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL",
    "sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka",
    "zh-min", "zh-min-nan", "zh-xiang",
)  # fmt: skip
#: RFC 5646's grandfathered tags: lowercase form -> the registry's form.
GRANDFATHERED_TAGS = {tag.lower(): tag for tag in GRANDFATHERED}
_ALNUM = "[A-Za-z0-9]"


def language_pattern(*, groups: bool = True, spell: Callable[[str], str] = str) -> str:
    """
    Return the RFC 5646 grammar of a language tag as a regular expression.

    The primary language subtag is two or three letters (see
    `canonical_language`). With *groups*, the parts are named groups
    (``language``, ``script``, ``region``, ``variants``, ``extensions``,
    ``private``, ``private_only``, ``grandfathered``) for Python, matched
    ignoring case; without, the same grammar with no group names, as ECMA 262
    reads it (the JSON Schema), where *spell* writes each grandfathered tag
    (in any case there).
    """

    def part(name: str, body: str, *, bare: bool = True) -> str:
        if groups:
            return f"(?P<{name}>{body})"
        return body if bare else f"(?:{body})"

    return (
        part("language", "[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}")
        + f"(?:-{part('script', '[A-Za-z]{4}')})?"
        + f"(?:-{part('region', '[A-Za-z]{2}|[0-9]{3}', bare=False)})?"
        + part("variants", f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*")
        + part("extensions", f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*")
        + part("private", f"-[Xx](?:-{_ALNUM}{{1,8}})+", bare=False)
        + "?"
        + f"|{part('private_only', f'[Xx](?:-{_ALNUM}{{1,8}})+')}"
        + f"|{part('grandfathered', '|'.join(map(spell, GRANDFATHERED)))}"
    )


_LANGUAGE = LazyPattern(language_pattern(), re.IGNORECASE)
canonical_cache: dict[str, str | None] = {}


def _canonical(tag: str) -> str | None:
    match = _LANGUAGE.fullmatch(tag)
    if match is None:
        return None
    if match["language"] is None:
        # Private use is lowercase; grandfathered tags keep the registry's case.
        return GRANDFATHERED_TAGS.get(tag.lower(), tag.lower())
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    rest = (match["variants"] or "") + (match["extensions"] or "") + (match["private"] or "")
    return "-".join(parts) + rest.lower()


def canonical_language(tag: str) -> str | None:
    """
    Return *tag* in the canonical case of BCP 47, or None if it is not well formed.

    Language subtags are lowercase, scripts titlecase, regions uppercase
    (``zh-hant-tw`` becomes ``zh-Hant-TW``). Well-formedness is checked
    against the RFC 5646 grammar, with the primary language subtag limited to
    two or three letters: the grammar's 4-letter (reserved) and 5-to-8-letter
    forms have no registered subtags, and allowing them would let ``english``
    pass. Subtags are not otherwise looked up in the registry.
    """
    try:
        return canonical_cache[tag]
    except KeyError:
        pass
    canonical = _canonical(tag) if len(tag) <= 80 else None
    if len(canonical_cache) < 4096:
        canonical_cache[tag] = canonical
    return canonical


#: Languages written right to left when the tag names no script: their
#: usual script (CLDR's likely subtags) is Arabic, Hebrew, Thaana, Syriac or
#: N'Ko. Kurdish ``ku`` is not here: its likely script is Latin; Sorani is
#: ``ckb``, and ``ku-Arab`` is right to left by its script.
RTL_LANGUAGES = frozenset(
    [
        "ar",
        "arc",
        "azb",
        "bal",
        "bgn",
        "bqi",
        "ckb",
        "dv",
        "fa",
        "glk",
        "he",
        "iw",
        "ji",
        "khw",
        "ks",
        "lrc",
        "luz",
        "mzn",
        "nqo",
        "pnb",
        "prs",
        "ps",
        "sd",
        "sdh",
        "syr",
        "ug",
        "ur",
        "yi",
    ]
)
#: ISO 15924 scripts written right to left (Unicode's bidirectional class R or AL).
RTL_SCRIPTS = frozenset(
    [
        "Adlm",
        "Arab",
        "Aran",
        "Armi",
        "Avst",
        "Chrs",
        "Cprt",
        "Elym",
        "Hebr",
        "Hung",
        "Khar",
        "Lydi",
        "Mand",
        "Mani",
        "Mend",
        "Merc",
        "Mero",
        "Narb",
        "Nbat",
        "Nkoo",
        "Orkh",
        "Ougr",
        "Palm",
        "Phli",
        "Phlp",
        "Phnx",
        "Prti",
        "Rohg",
        "Samr",
        "Sarb",
        "Sogd",
        "Sogo",
        "Syrc",
        "Syre",
        "Syrj",
        "Syrn",
        "Thaa",
        "Yezi",
    ]
)


def right_to_left(tag: str) -> bool:
    """
    Tell whether text in the language *tag* is written right to left.

    A script subtag decides when there is one (``az-Arab`` is, ``ku-Latn``
    and ``ar-Latn`` are not); else the language subtag (`RTL_LANGUAGES`).
    Private-use, grandfathered and ill-formed tags are left to right.
    """
    match = _LANGUAGE.fullmatch(tag) if len(tag) <= 80 else None
    if match is None or match["language"] is None:
        return False
    if match["script"]:
        return match["script"].title() in RTL_SCRIPTS
    return match["language"].split("-", 1)[0].lower() in RTL_LANGUAGES


def check_language(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a well-formed BCP 47 language tag in canonical case."""
    if not isinstance(value, str):
        _text_type_error(value, parent, key, report, "a BCP 47 language tag (a string)")
        return
    canonical = canonical_language(value)
    if canonical is None:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "language",
                f"expected a BCP 47 language tag like 'en' or 'en-GB', found {describe(value)}",
            )
        )
    elif canonical != value:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "language",
                f"expected the language tag in canonical case, {canonical!r}, "
                f"found {describe(value)}",
            )
        )


# --------------------------------------------------------------------- dates

_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:\.[0-9]{1,9})?)?"
    r"(?P<offset>[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fromisoformat_310(text: str) -> datetime:  # pragma: no cover - Python 3.10 only
    head, sep, tail = text.partition(".")
    if sep:
        digits = re.match("[0-9]*", tail)
        fraction = digits.group() if digits else ""
        text = f"{head}.{(fraction + '000000')[:6]}{tail[len(fraction) :]}"
    text = text.replace("t", "T").replace("Z", "+00:00").replace("z", "+00:00")
    return datetime.fromisoformat(text)


_fromisoformat = datetime.fromisoformat if sys.version_info >= (3, 11) else _fromisoformat_310


class DateParseError(ValueError):
    """Why a date text could not be read: carries the error code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_datetime(text: str) -> datetime:
    """
    Parse a strict ISO 8601 datetime with a UTC offset (RFC 3339 shape).

    Raises:
        DateParseError: With code ``invalid`` for text that is not such a
            datetime, ``timezone`` for one without an offset.
    """
    match = _ISO_DATETIME.fullmatch(text)
    if match is None:
        raise DateParseError(
            "invalid",
            "expected an ISO 8601 datetime like '2024-10-13T21:04:00+03:00', "
            f"found {describe(text)}",
        )
    try:
        value = _fromisoformat(text.upper())  # 3.11 refuses a lowercase t or z
    except ValueError:
        raise DateParseError(
            "invalid", f"expected a real calendar date and time, found {describe(text)}"
        ) from None
    if match["offset"] is None:
        raise DateParseError(
            "timezone",
            f"expected a datetime with a UTC offset (like +03:00 or Z), found {describe(text)}",
        )
    return value


def parse_date(text: str) -> date | datetime:
    """Parse an ISO 8601 calendar date (``2024-10-13``) or a datetime with offset."""
    if len(text) == 10 and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise DateParseError(
                "invalid", f"expected a real calendar date, found {describe(text)}"
            ) from None
    return parse_datetime(text)
