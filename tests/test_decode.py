"""Tests for decoding a page's bytes as browsers do (WHATWG encoding sniffing)."""

from __future__ import annotations

import json

import pytest
import webencodings
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel._decode import PRESCAN_BYTES, decode_page

GERMAN = "Überraschung für München"
RUSSIAN = "Сюрприз для Москвы"
JAPANESE = "東京の驚き"
BOMS = (b"\xff\xfe", b"\xfe\xff")


def page(headline: str, head: str = "", lang: str = "de") -> str:
    node = {
        "@type": "NewsArticle",
        "headline": headline,
        "url": "https://a.example/",
        "datePublished": "2024-01-01T00:00:00Z",
    }
    script = json.dumps(node, ensure_ascii=False).replace("<", "\\u003c")
    return (
        f'<!doctype html><html lang="{lang}"><head>{head}'
        f'<script type="application/ld+json">{script}</script></head><body></body></html>'
    )


def headline_and_findings(data: bytes, encoding: str | None = None) -> tuple[str, list[str]]:
    findings: list[nm.Finding] = []
    [article] = nm.extract(data, findings=findings, encoding=encoding)
    return article.headline, [str(f) for f in findings if f.path == "$"]


@pytest.mark.parametrize(
    ("headline", "head", "codec"),
    [
        (GERMAN, '<meta charset="iso-8859-1">', "latin-1"),
        (GERMAN, '<meta charset="latin1">', "latin-1"),
        (
            GERMAN,
            "<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>",
            "cp1252",
        ),
        (RUSSIAN, '<meta charset="windows-1251">', "cp1251"),
        (RUSSIAN, '<meta http-equiv="content-type" content="text/html;charset=koi8-r">', "koi8-r"),
        (JAPANESE, '<meta charset="Shift_JIS">', "shift_jis"),
        (JAPANESE, '<META CHARSET="euc-jp">', "euc-jp"),
    ],
)
def test_meta_charset_decides(headline: str, head: str, codec: str) -> None:
    """The page's <meta> charset, by its WHATWG label, decodes the page, silently."""
    assert (headline, []) == headline_and_findings(page(headline, head).encode(codec))


@pytest.mark.parametrize(
    ("bom", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"", "utf-8-sig")]
)
def test_byte_order_mark_wins(bom: bytes, codec: str) -> None:
    """A BOM decides, over the page's meta and over the caller's hint."""
    data = bom + page(RUSSIAN, '<meta charset="iso-8859-1">').encode(codec)

    assert (RUSSIAN, []) == headline_and_findings(data, encoding="windows-1252")


def test_the_hint_wins_over_the_meta() -> None:
    """The caller's encoding (an HTTP header's charset) wins over the page's meta."""
    data = page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")

    assert (RUSSIAN, []) == headline_and_findings(data, encoding="cp1251")


def test_a_meta_after_the_prescan_is_not_read() -> None:
    """Only the first 1024 bytes are searched for a <meta>, as browsers do."""
    padding = "<!--" + "x" * PRESCAN_BYTES + "-->"
    data = page(GERMAN, padding + '<meta charset="iso-8859-1">').encode("latin-1")

    headline, findings = headline_and_findings(data)

    assert GERMAN == headline  # the fallback for bytes that are not UTF-8
    assert [
        (
            "$: repaired: the page declares no encoding in its first 1024 bytes and is not "
            "UTF-8; read it as windows-1252, as browsers do"
        )
    ] == findings


def test_a_meta_inside_a_comment_or_an_attribute_is_not_read() -> None:
    """The prescan skips comments and other tags' attribute values."""
    head = '<!-- <meta charset="koi8-r"> --><link title="<meta charset=koi8-r>">'

    assert GERMAN == headline_and_findings(page(GERMAN, head).encode("utf-8"))[0]


def test_a_lying_meta_is_reported_with_the_replacements() -> None:
    """A page that says UTF-8 but is Latin-1: each U+FFFD inserted is reported, with where."""
    data = page(GERMAN, '<meta charset="utf-8">').encode("latin-1")

    headline, findings = headline_and_findings(data)

    places = [at for at, byte in enumerate(data) if byte >= 0x80]
    assert "\ufffdberraschung f\ufffdr M\ufffdnchen" == headline
    assert [
        (
            "$: dropped: 3 byte sequences of the page are not valid utf-8: replaced with U+FFFD "
            f"(at bytes {places[0]}, {places[1]}, {places[2]})"
        )
    ] == findings


def test_undeclared_utf8_is_read_as_utf8_and_reported() -> None:
    """Bytes that declare nothing but are valid UTF-8 are read as UTF-8: a finding says so."""
    assert (
        GERMAN,
        [
            (
                "$: repaired: the page declares no encoding in its first 1024 bytes; "
                "read it as UTF-8, which its bytes are"
            )
        ],
    ) == headline_and_findings(page(GERMAN).encode("utf-8"))


def test_undeclared_ascii_is_silent() -> None:
    """Plain ASCII reads the same in every fallback: nothing to report."""
    assert ("Plain", []) == headline_and_findings(page("Plain").encode("ascii"))


def test_unknown_labels_are_reported_and_ignored() -> None:
    """A hint or a meta that names no WHATWG encoding is reported; sniffing goes on."""
    data = page(GERMAN, '<meta charset="klingon"><meta charset="iso-8859-15">').encode("latin-1")

    headline, findings = headline_and_findings(data, encoding="x-bogus")

    assert GERMAN == headline
    assert [
        (
            "$: dropped: expected an encoding label of the WHATWG Encoding Standard as the "
            "encoding hint (like 'utf-8' or 'iso-8859-1'), found 'x-bogus'; ignored it"
        ),
        (
            "$: dropped: the page's <meta> names the encoding 'klingon', which is not an "
            "encoding label of the WHATWG Encoding Standard; ignored it"
        ),
    ] == findings


def test_a_meta_that_says_utf16_means_utf8() -> None:
    """A page read as ASCII bytes cannot be UTF-16: the prescan reads it as UTF-8."""
    data = page(GERMAN, '<meta charset="utf-16">').encode("utf-8")

    assert (GERMAN, []) == headline_and_findings(data)


def test_an_encoding_browsers_refuse_reads_nothing() -> None:
    """ISO-2022-KR and its kind decode to one U+FFFD (WHATWG 'replacement'), reported."""
    findings: list[nm.Finding] = []

    text = decode_page(b"<meta charset=iso-2022-kr>abc", findings=findings).text

    assert "\ufffd" == text
    assert ["dropped"] == [f.code for f in findings]


def test_text_is_taken_as_decoded() -> None:
    """A str page is not decoded again, whatever its meta says."""
    findings: list[nm.Finding] = []

    [article] = nm.extract(page(GERMAN, '<meta charset="iso-8859-1">'), findings=findings)

    assert GERMAN == article.headline
    assert [] == [f for f in findings if f.path == "$"]


@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin1", "utf-16", "nope"]))
def test_any_bytes_decode(data: bytes, hint: str | None) -> None:
    """Any bytes decode to text; when the bytes are not valid in the encoding read, it is said."""
    findings: list[nm.Finding] = []

    decoded = decode_page(data, hint, findings=findings)

    codec = webencodings.lookup(decoded.encoding).codec_info
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    body = body[2:] if decoded.encoding.startswith("utf-16") and body[:2] in BOMS else body
    try:
        codec.decode(body, "strict")
    except UnicodeDecodeError:
        assert any("U+FFFD" in f.message for f in findings)
    else:
        assert not any("U+FFFD" in f.message for f in findings)
