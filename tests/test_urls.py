"""
The URL rule: absolute http(s) IRIs (RFC 3987) with a host, stated once in ``_values``.

The rule is checked against tables of valid and invalid IRIs, against its own
exact grammar (the library runs a faster, equivalent form), and against the
``rfc3987`` package as a reference: what the library accepts, the reference
accepts; what the reference accepts and the library refuses, one of the
library's stated, stricter rules explains.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from typing import Any

import pytest
import rfc3987
from hypothesis import given
from hypothesis import strategies as st
from rfc3986_validator import validate_rfc3986

import newsmodel as nm
from newsmodel import _values as v
from newsmodel import strategies as nst

VALID = [
    "https://kyivindependent.com/",
    "http://example.com",
    "HTTPS://EXAMPLE.COM/",
    "https://example.com:8443/a/b?c=d&e=f#g",
    "https://example.com:0/",
    "https://example.com:65535/",
    "https://example.com./",
    "https://ru.wikipedia.org/wiki/Киев",
    "https://пример.испытание/путь",
    "https://例子.测试/新闻?标题=中国#段落",
    "https://example.com/%D0%9A%d0%b8",
    "https://example.com/😀",
    "https://example.com/?q=\ue000",
    "https://example.com/?q=\U000f0000",
    "https://example.com/!$&'()*+,;=:@-._~/?/?#/?",
    "https://localhost/x%20y",
    "https://a-b.c_d~e!$&'()*+,;=/",
    "https://[2001:db8::1]/x",
    "https://[::1]:8080/",
    "https://[::]/",
    "https://[::ffff:192.0.2.1]/",
    "https://[1:2:3:4:5:6:7:8]/",
    "https://[v1.fe80::a+en1]/",
    "https://" + "a" * 63 + ".example/",
    "https://" + ".".join(["a" * 61] * 4) + "/",
]

INVALID = [
    # the four of issue 9
    ("https://{", "'{' (U+007B LEFT CURLY BRACKET) at character 8 may not appear in a URL's host"),
    ("https://ex<ample.com/", "'<' (U+003C LESS-THAN SIGN) at character 10"),
    ('https://x.com/"onmouseover=', "'\"' (U+0022 QUOTATION MARK) at character 14"),
    ("https://x.com/a%zz", "the '%' at character 15 starts no percent-escape"),
    # characters no IRI may hold
    ("https://x.com/a b", "U+0020 SPACE at character 15 may not appear in a URL's path"),
    ("https://x.com/\x00", "U+0000 at character 14"),
    ("https://x.com/a\nb", "U+000A at character 15"),
    ("https://x.com/\x7f", "U+007F at character 14"),
    ("https://x.com/\x85", "U+0085 at character 14"),
    ("https://x.com/a>b", "'>' (U+003E GREATER-THAN SIGN)"),
    ("https://x.com/a|b", "'|' (U+007C VERTICAL LINE)"),
    ("https://x.com/a\\b", "'\\\\' (U+005C REVERSE SOLIDUS)"),
    ("https://x.com/a^b", "'^' (U+005E CIRCUMFLEX ACCENT)"),
    ("https://x.com/a`b", "'`' (U+0060 GRAVE ACCENT)"),
    ("https://x.com/a}b", "'}' (U+007D RIGHT CURLY BRACKET)"),
    ("https://x.com/?a[]=1", "'[' (U+005B LEFT SQUARE BRACKET) at character 16"),
    ("https://x.com/#a#b", "'#' (U+0023 NUMBER SIGN) at character 16 may not appear in a URL's "),
    ("https://x.com/\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("https://x.com/\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("https://x.com/\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("https://x.com/\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("https://x.com/\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("https://x.com/\u00a0", "U+00A0 NO-BREAK SPACE"),
    ("https://x.com/\u3000", "U+3000 IDEOGRAPHIC SPACE"),
    ("https://x.com/\u2028", "U+2028 LINE SEPARATOR"),
    ("https://x.com/\ud800", "U+D800 at character 14"),
    ("https://x.com/\ufdd0", "U+FDD0 at character 14"),
    ("https://x.com/\ufffe", "U+FFFE at character 14"),
    ("https://x.com/\U0001fffe", "U+1FFFE at character 14"),
    ("https://x.com/\U000e0001", "U+E0001 LANGUAGE TAG"),
    ("https://x.com/\ue000", "U+E000 at character 14 may not appear in a URL's path"),
    ("https://x.com/?#\U00100000", "U+100000 at character 16 may not appear in a URL's fragment"),
    ("https://\ue000.com/", "U+E000 at character 8 may not appear in a URL's host"),
    # percent-escapes
    ("https://x.com/%", "the '%' at character 14 starts no percent-escape"),
    ("https://x.com/%4", "the '%' at character 14"),
    ("https://x.com/?q=%G1", "the '%' at character 17"),
    ("https://x%2.com/", "the '%' at character 9"),
    # hosts
    ("https://", "it has no host"),
    ("https:///path", "it has no host"),
    ("https://:80/", "it has no host"),
    ("https://a..b/", "the host 'a..b' has an empty label"),
    ("https://.a/", "the host '.a' has an empty label"),
    ("https://[::1/", "the IPv6 address has no closing ']'"),
    ("https://[1:2]/", "the host '[1:2]' is not an IPv6 address in brackets"),
    ("https://[::1::2]/", "is not an IPv6 address"),
    ("https://[12345::]/", "is not an IPv6 address"),
    ("https://[::ffff:1.2.3.256]/", "is not an IPv6 address"),
    ("https://[::ffff:1.2.3.04]/", "is not an IPv6 address"),
    ("https://[fe80::1%25eth0]/", "is not an IPv6 address"),
    ("https://[::1]x/", "'x' follows the host, where only a port may"),
    ("https://x.com:99999/", "the port '99999' is not a number from 0 to 65535"),
    ("https://x.com:65536/", "the port '65536'"),
    ("https://x.com:/", "the port ''"),
    ("https://x.com:8a/", "the port '8a'"),
    ("https://x.com:1:2/", "the port '1:2'"),
    ("https://" + "a" * 64 + ".example/", "is 64 octets long (at most 63)"),
    ("https://" + "я" * 60 + ".example/", "octets long (at most 63)"),
    ("https://" + ".".join(["a" * 63] * 4) + "/", "the host name is 255 octets long (at most 253)"),
    ("https://user:pass@example.com/", "credentials (a user name and '@' before the host)"),
    ("https://@example.com/", "credentials"),
    # not an absolute http(s) URL at all
    ("javascript:alert(1)", None),
    ("ftp://example.com/", None),
    ("/relative/path", None),
    ("//example.com/", None),
    ("example.com", None),
    (" https://example.com/", None),
    ("", None),
]


def url_errors(value: object) -> list[nm.ErrorDetail]:
    report: list[nm.ErrorDetail] = []
    v.check_url(value, "$", "url", report)
    return report


@pytest.mark.parametrize("url", VALID)
def test_valid_iris_pass(url: str) -> None:
    """Absolute http(s) IRIs with a host pass: Unicode paths and hosts, IPv6, ports."""
    assert [] == url_errors(url)
    assert v.is_url(url)


@pytest.mark.parametrize(("url", "why"), INVALID)
def test_invalid_iris_are_url_errors_that_say_why(url: str, why: str | None) -> None:
    """Each refused URL is one `url` error naming what was expected, found, and where."""
    [error] = url_errors(url)

    assert ("$.url", "url") == (error.path, error.code)
    assert error.message.startswith(
        "expected an absolute http or https URL with a host and no spaces, found "
    )
    if why is None:
        assert error.message.endswith(nm._errors.describe(url))
    else:
        assert why in error.message
    assert not v.is_url(url)


def test_a_non_string_is_a_type_error() -> None:
    """A URL that is not a string is a `type` error."""
    assert ["expected a URL (a string), found the integer 42"] == [
        error.message for error in url_errors(42)
    ]


@pytest.mark.parametrize("url", VALID)
def test_valid_iris_load(url: str) -> None:
    """The loaders decide URLs by the same rule as the classes."""
    payload = {
        "url": url,
        "headline": "H",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    assert url == nm.loads(json.dumps(payload)).url


@pytest.mark.parametrize(("url", "why"), INVALID)
def test_invalid_iris_do_not_load(url: str, why: str | None) -> None:
    """An invalid URL anywhere in a payload is reported where it stands."""
    payload = {
        "url": "https://example.com/",
        "headline": "H",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
        "images": [{"url": url}],
    }
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(payload)  # loads: JSON itself refuses a lone surrogate

    assert [("$.images[0].url", "url")] == [(e.path, e.code) for e in caught.value.errors]


# ------------------------------------------------------------ one statement


def test_the_parts_differ_above_latin1_only_by_private_use() -> None:
    """`is_url` checks code points above U+00FF apart, assuming only the query differs there."""
    above = ((0x100, 0x10FFFF),)
    path = v.minus_ranges(above, v.minus_ranges(above, v.URL_PARTS["path"]))
    for part in ("label", "fragment"):
        assert path == v.minus_ranges(above, v.minus_ranges(above, v.URL_PARTS[part]))
    query = v.minus_ranges(above, v.minus_ranges(above, v.URL_PARTS["query"]))
    assert v.minus_ranges(query, v.IPRIVATE) == path


def test_in_ascii_query_and_fragment_hold_the_path_and_a_question_mark() -> None:
    """`PLAIN_URL` serves path, query and fragment with one class, assuming this."""
    ascii_only = ((0x80, 0x10FFFF),)
    path, query, fragment = (
        set(v.minus_ranges(v.URL_PARTS[part], ascii_only)) for part in ("path", "query", "fragment")
    )
    assert query == fragment == path | {(ord("?"), ord("?"))}


@functools.cache
def exact() -> re.Pattern[str]:
    """The URL grammar spelled exactly, in one pattern (slow to compile, so only here)."""
    return re.compile(v.url_pattern())


def exact_rule(value: str) -> bool:
    match = exact().fullmatch(value)
    return match is not None and v.host_too_long(match.group(1)) is None


_ODD = list(" \t\n\x00\x7f\x85\xa0\u200e\u2028\u3000\ud800\ue000\ufffe\U0001fffe\U000e0001")
_ODD += list("\U0010fffd%%/:?#@[]\\<>\"{}|^`.-_~!$&'()*+,;=0123456789aZéЯ😀")
_CHARS = st.sampled_from(_ODD) | st.characters()


@st.composite
def near_urls(draw: st.DrawFn) -> str:
    """A valid URL with a few characters inserted, deleted, replaced or cut."""
    value = draw(nst.urls())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(value)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        if how == "insert":
            value = value[:at] + draw(_CHARS) + value[at:]
        elif how == "delete":
            value = value[:at] + value[at + 1 :]
        elif how == "replace":
            value = value[:at] + draw(_CHARS) + value[at + 1 :]
        else:
            value = value[:at]
    return value


_ANY = near_urls() | st.text(_CHARS, max_size=20).map("https://".__add__) | st.text(_CHARS)


@given(nst.urls())
def test_drawn_urls_pass(url: str) -> None:
    """Every URL the strategy draws keeps the rule, the exact grammar and the reference."""
    assert v.is_url(url)
    assert exact_rule(url)
    assert rfc3987.match(url, rule="IRI") is not None


@given(_ANY)
def test_the_fast_form_is_the_exact_grammar(value: str) -> None:
    """`is_url` (a pattern exact to U+00FF plus checks) decides as the one exact pattern."""
    assert exact_rule(value) == v.is_url(value)


@given(_ANY | nst.urls())
def test_the_plain_url_shortcut_only_says_yes_to_valid_urls(value: str) -> None:
    """`PLAIN_URL`, which the loaders try first, accepts nothing the grammar refuses."""
    if v.PLAIN_URL.fullmatch(value) is not None:
        assert exact_rule(value)


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * 64 + "/",
        "https://" + "a" * 64,
        "https://" + "a" * 30 + "." + "b" * 33 + "/",
        "https://x.com:65536/",
        "https://a..b/",
        "https://x.com/%4",
        "https://x.com/#a#b",
        "https://x.com/\u0435",
    ],
)
def test_the_plain_url_shortcut_leaves_the_edges_to_the_grammar(url: str) -> None:
    """Long hosts, five-digit ports, odd labels and escapes are not decided by the shortcut."""
    assert v.PLAIN_URL.fullmatch(url) is None


def _stricter(value: str) -> str | None:
    """Name the library's stated rule, beyond RFC 3987, that *value* breaks."""
    head = re.match(r"[Hh][Tt][Tt][Pp][Ss]?://([^/?#]*)", value)
    if head is None:
        return "not an absolute http(s) URL with an authority"
    authority = head.group(1)
    host = authority.rpartition("@")[2]
    host = host[: host.find("]") + 1] if host.startswith("[") else host.partition(":")[0]
    if "@" in authority:
        return "credentials"
    if not host:
        return "no host"
    if re.search(r"\](?::[0-9]*)?$", authority) is None and authority.startswith("["):
        return "text after an IP literal"
    port = authority[len(authority.rpartition("@")[0]) :][len(host) :]
    if port and (port == ":" or int(port[1:]) > 65535):
        return "port empty or above 65535"
    if re.search(r"(?:^|\.)\.", host) or v.host_too_long(host):
        return "empty or long host label"
    if re.search(r"(?:^|[:.])0[0-9]", host) and host.startswith("["):
        return "IPv4 octet with a leading zero (RFC 3986 has none; rfc3987 allows it)"
    if any(low <= ord(char) <= high for char in value for low, high in v.REFUSED):
        return "Unicode space or bidirectional formatting character"
    return None


@given(_ANY)
def test_the_rule_agrees_with_the_rfc3987_reference(value: str) -> None:
    """Accepted values are IRIs; IRIs the library refuses break a stated stricter rule."""
    library = v.is_url(value)
    reference = rfc3987.match(value, rule="IRI") is not None
    if library:
        assert reference
    elif reference:
        assert _stricter(value) is not None


@given(_ANY)
def test_every_refused_http_url_is_told_why(value: str) -> None:
    """A refused value that starts like an http(s) URL gets a reason in its message."""
    if not v.is_url(value) and re.match("(?i)https?://", value):
        assert v.url_problem(value) is not None


def test_huge_and_hostile_values_are_checked() -> None:
    """Values of a million characters are refused or accepted without blowing up."""
    long_path = "https://x.com/" + "a" * 1_000_000
    assert v.is_url(long_path)
    assert not v.is_url(long_path + "<")
    assert not v.is_url("https://" + "a." * 500_000 + "<")
    assert not v.is_url("https://x.com/" + "%41" * 300_000 + "%4")
    assert (
        "starts no percent-escape"
        in url_errors("https://x.com/" + "%41" * 300_000 + "%4")[0].message
    )


# --------------------------------------------------------------- IRI to URI


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        ("https://example.com/a?b#c", "https://example.com/a?b#c"),
        (
            "https://ru.wikipedia.org/wiki/Киев",
            "https://ru.wikipedia.org/wiki/%D0%9A%D0%B8%D0%B5%D0%B2",
        ),
        ("https://пример.рф/", "https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/"),
        ("https://x.com/😀?\ue000", "https://x.com/%F0%9F%98%80?%EE%80%80"),
        ("https://x.com/%D0%9A", "https://x.com/%D0%9A"),
    ],
)
def test_iri_to_uri_percent_encodes_utf8(iri: str, uri: str) -> None:
    """RFC 3987 §3.1: characters outside ASCII become the escapes of their UTF-8 bytes."""
    assert uri == v.iri_to_uri(iri)


@given(nst.urls())
def test_every_url_maps_to_a_uri(url: str) -> None:
    """The URI of every valid URL is a URI (RFC 3986) and still keeps the URL rule."""
    uri = v.iri_to_uri(url)

    assert uri.isascii()
    assert validate_rfc3986(uri, rule="URI") is not None
    assert v.is_url(uri)


# ------------------------------------------------------------ the importer


def imported(url: Any, key: str) -> tuple[dict[str, Any], list[nm.Finding]]:
    """Import a minimal NewsArticle whose *key* is *url*; return it as a dict, and the findings."""
    document = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": "https://example.com/a",
        "headline": "H",
        "inLanguage": "en",
        "datePublished": "2024-10-13T21:04:00+03:00",
        key: url,
    }
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(json.dumps(document), url="https://example.com/", findings=findings)
    return nm.to_dict(article), findings


@pytest.mark.parametrize(
    "url", ["//[", "//[::1", "//[x]/", "https://[", "http://[::1", "https://[x]/"]
)
def test_bracketed_junk_as_the_url_is_dropped_with_a_finding(url: str) -> None:
    """Where urljoin raises 'Invalid IPv6 URL', the value is dropped and said, not raised."""
    document = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": url,
        "headline": "H",
        "inLanguage": "en",
        "datePublished": "2024-10-13T21:04:00+03:00",
    }
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(document, url="https://example.com/", findings=findings)

    assert "https://example.com/" == article.url
    assert ("$.url", "dropped") in [(f.path, f.code) for f in findings]


def test_unsafe_characters_are_percent_encoded_with_a_finding() -> None:
    """As a browser does: a space or '|' in an image URL is encoded, and that is said."""
    article, findings = imported("https://x.com/a b|c.jpg", "image")

    assert "https://x.com/a%20b%7Cc.jpg" == article["images"][0]["url"]
    assert [("$.image", "repaired")] == [
        (f.path, f.code) for f in findings if "percent-encoded" in f.message
    ]


def test_a_relative_url_is_resolved_and_encoded_with_one_finding() -> None:
    """A relative url with a space resolves against the page and is encoded; both are said."""
    article, findings = imported("/news/a b", "url")

    assert "https://example.com/news/a%20b" == article["url"]
    [finding] = [f for f in findings if f.path == "$.url"]
    assert "repaired" == finding.code
    assert "resolved the relative URL '/news/a b'" in finding.message
    assert "percent-encoded" in finding.message


def test_a_refused_url_is_dropped_with_the_reason() -> None:
    """The finding of a dropped URL says why the URL was refused."""
    article, findings = imported("https://x.com/\u202e", "image")

    assert "images" not in article
    [finding] = [f for f in findings if f.path == "$.image"]
    assert "dropped" == finding.code
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in finding.message


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | _ANY,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["@id", "id", "url", "contentUrl", "x"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


@pytest.mark.parametrize("key", ["url", "sameAs", "image", "mainEntityOfPage"])
@given(value=_JSONISH)
def test_any_url_value_gives_an_article_or_a_validation_error(key: str, value: Any) -> None:
    """Whatever a JSON-LD url, sameAs or image holds, the importer never raises another error."""
    document = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "H",
        "inLanguage": "en",
        "datePublished": "2024-10-13T21:04:00+03:00",
        "author": {"@type": "Person", "name": "A B", "sameAs": value if key == "sameAs" else []},
        key: value,
    }
    with contextlib.suppress(nm.ValidationError):
        nm.from_jsonld(document, url="https://example.com/")
