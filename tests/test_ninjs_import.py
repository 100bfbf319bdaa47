"""Tests for `from_ninjs`: ninjs written by `to_ninjs` and by a wire agency."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._models import paragraph_texts
from newsmodel._ninjs import NOT_CARRIED
from newsmodel._values import iri_to_uri, uri_to_iri

DATA = Path(__file__).parent / "data" / "ninjs"
SCHEMA = json.loads((DATA / "ninjs-schema_3.1.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
WIRE = json.loads((DATA / "wire-agency-3.1.json").read_text())
WIRE_URL = "https://wire.example/article/zelenskyy-air-defense"
_TAG_ORDER = [nm.TagKind.TOPIC, nm.TagKind.PERSON, nm.TagKind.ORGANIZATION,
              nm.TagKind.PLACE, nm.TagKind.EVENT]  # fmt: skip


def _entity(author: nm.Person | nm.Organization) -> nm.Person | nm.Organization:
    # A ninjs entity has a name and one uri: the first same_as, else the url.
    uri = author.same_as[0] if author.same_as else author.url
    return type(author)(name=author.name, url=uri)


def _organization(org: nm.Organization | None) -> nm.Organization | None:
    return None if org is None else nm.Organization(name=org.name, url=_entity(org).url)


def _tag(tag: nm.Tag) -> nm.Tag:
    slug = tag.slug if tag.slug != nm.Tag(name=tag.name).slug else None
    return nm.Tag(name=tag.name, kind=tag.kind, slug=slug, same_as=tag.same_as[:1])


def _as_ninjs_iris(value: Any, key: str = "") -> Any:
    """Each URL in wire *value* as ninjs gives it back: the IRI its URI spells (RFC 3987)."""
    if isinstance(value, dict):
        if value.get("type") in _IN_HTML:
            # The body's HTML holds its links as written; a figure shows the
            # association's image, whose uri comes back as the IRI it spells.
            return {k: _as_ninjs_iris(v, "url" if k == "image" else "") for k, v in value.items()}
        return {k: _as_ninjs_iris(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_ninjs_iris(v, key) for v in value]
    if (key.endswith("url") or key == "same_as") and isinstance(value, str):
        return uri_to_iri(iri_to_uri(value))
    return value


_IN_HTML = {"paragraph", "heading", "list", "blockquote", "figure", "embed", "link"}


def ninjs_view(a: nm.Article) -> nm.Article:
    """*a* as ninjs carries it (docs/ninjs.md says what is lost, and why)."""
    # URLs travel as URIs (ninjs's `uri` format) and come back as the IRIs they
    # spell: equal, unless the IRI held percent-escapes of non-ASCII text.
    a = nm.from_dict(_as_ninjs_iris(nm.to_dict(a)))
    modified = a.date_modified
    if modified is not None and modified.isoformat() == a.date_published.isoformat():
        modified = None
    defaults: dict[str, Any] = {
        field.alias or field.name: field.default for field in attrs.fields(nm.Article)
    }
    return attrs.evolve(
        a,
        # what ninjs does not carry at all goes back to its default
        **{
            key: defaults[key]
            for owner, _, key in (name.partition(".") for name in NOT_CARRIED)
            if owner == "Article"
        },
        date_modified=modified,
        # people first, then organisations; each with one uri
        authors=[_entity(x) for x in a.authors if isinstance(x, nm.Person)]
        + [_entity(x) for x in a.authors if isinstance(x, nm.Organization)],
        publisher=_organization(a.publisher),
        tags=sorted((_tag(t) for t in a.tags), key=lambda t: _TAG_ORDER.index(t.kind)),
        # the body comes back whole: its structure from the HTML, its plain
        # paragraphs' texts from the plain text (exact, as articleBody's are)
        related=[
            attrs.evolve(
                story,
                authors=(),
                publisher=_organization(story.publisher),
            )
            for story in a.related
        ],
    )


@given(strategies.articles(quotes=st.nothing()))
def test_from_ninjs_gives_back_what_to_ninjs_wrote(article: nm.Article) -> None:
    findings: list[nm.Finding] = []
    back = nm.from_ninjs(nm.to_ninjs(article), findings=findings)
    assert back == ninjs_view(article)
    # What was lost on the way is said: a related story's byline, a blank paragraph.
    assert all(f.code in {"dropped", "repaired"} for f in findings)
    assert len([f for f in findings if f.path.endswith(".by")]) == sum(
        bool(story.authors) for story in article.related
    )


@pytest.mark.parametrize(
    ("uri", "iri"),
    [
        (
            "https://ru.wikipedia.org/wiki/%D0%9A%D0%B8%D0%B5%D0%B2",
            "https://ru.wikipedia.org/wiki/Киев",
        ),
        ("https://%D0%BF%D1%80.example/", "https://пр.example/"),
        ("https://x.example/a%20b%2F", "https://x.example/a%20b%2F"),  # ASCII stays escaped
        ("https://x.example/%E2%80%AE", "https://x.example/%E2%80%AE"),  # a bidi control
        ("https://x.example/%FF%C2%A1", "https://x.example/%FF¡"),  # not UTF-8, then ¡
    ],
)
def test_uri_to_iri_decodes_only_what_spells_non_ascii(uri: str, iri: str) -> None:
    assert iri == uri_to_iri(uri)
    doc = nm.to_ninjs(nm.from_dict({**MINIMAL, "url": uri}))
    assert iri == nm.from_ninjs(doc).url


@given(strategies.urls())
def test_uri_to_iri_undoes_iri_to_uri(url: str) -> None:
    back = uri_to_iri(iri_to_uri(url))
    assert nm.from_dict({**MINIMAL, "url": back}).url == back
    if "%" not in url:
        assert url == back


MINIMAL = {
    "url": "https://example.com/",
    "headline": "A headline",
    "language": "en",
    "date_published": "2024-10-13T21:04:00+03:00",
}


def test_from_ninjs_reads_json_text_too() -> None:
    assert nm.from_ninjs(orjson.dumps(WIRE), url=WIRE_URL) == nm.from_ninjs(WIRE, url=WIRE_URL)


def test_the_wire_example_is_valid_ninjs() -> None:
    assert [error.message for error in VALIDATOR.iter_errors(WIRE)] == []


def test_a_wire_agency_story_with_findings_for_what_the_model_cannot_hold() -> None:
    findings: list[nm.Finding] = []
    article = nm.from_ninjs(WIRE, url=WIRE_URL, findings=findings)
    assert article.url == WIRE_URL
    assert article.id == "WE-2024-10-13-0042"
    assert article.headline.startswith("Zelenskyy warns allies")
    assert article.language == "en-US"
    assert article.date_published.isoformat() == "2024-10-13T18:04:00+00:00"
    assert article.date_modified is not None
    assert [a.name for a in article.authors] == ["HANNA ARHIROVA", "SAMYA KULLAB"]
    assert article.dateline == "KYIV, Ukraine"
    assert article.publisher == nm.Organization(
        name="Wire Example Agency", url="https://wire.example/"
    )
    assert [(t.name, t.kind.value) for t in article.tags] == [
        ("armed conflict", "topic"),
        ("War and unrest", "topic"),
        ("Volodymyr Zelenskyy", "person"),
        ("NATO", "organization"),
        ("Ukraine", "place"),
    ]
    assert article.tags[1].slug == "war-unrest"
    assert article.images[0].width == 5472
    assert article.images[0].credit == "Efrem Lukatsky"
    assert len(article.body) == 3
    second = paragraph_texts(article.body)[1]
    assert second.startswith("\u201cEvery day of delay costs lives,\u201d")
    # The HTML body keeps its link.
    assert nm.Link(url="https://example.org/video", content=("video address",)) in (
        article.body[1].content  # type: ignore[union-attr]
    )
    dropped = {f.path for f in findings if f.code == "dropped"}
    model_has_no_place = ["pubStatus", "urgency", "copyrightNotice", "usageTerms", "edNote",
                          "embargoedUntil", "slugline", "renditions", "contentCreated"]  # fmt: skip
    assert {f"$.{name}" for name in model_has_no_place} <= dropped
    assert {
        "$.headlines[1]",
        "$.descriptions[1]",
        "$.bodies[1]",
        "$.altIds[0]",
        "$.genres[0]",
        "$.infoSources[0]",
        "$.associations[1]",
        "$.associations[0].renditions[1]",
        "$.associations[0].headlines",
    } <= dropped
    assert ("$.uri", "repaired") in {(f.path, f.code) for f in findings}


def test_a_uri_that_is_not_a_web_address_needs_a_url() -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_ninjs(WIRE)
    assert [(e.path, e.code) for e in caught.value.errors] == [("$.uri", "missing")]


def test_ninjs_2_names() -> None:
    document: dict[str, Any] = {
        "uri": "https://e.example/story",
        "headline": "A 2.x story",
        "description_text": "Its summary.",
        "body_text": "One.\n\nTwo.",
        "byline": "Jo Smith",
        "language": "de",
        "firstCreated": "2024-10-13T21:04:00+02:00",
        "versionCreated": "2024-10-13T21:04:00+02:00",
    }
    article = nm.from_ninjs(document)
    assert (article.headline, article.description, article.body) == (
        "A 2.x story",
        "Its summary.",
        ("One.", "Two."),
    )
    assert [a.name for a in article.authors] == ["Jo Smith"]
    assert article.date_modified is None


@pytest.mark.parametrize(
    ("document", "path", "code"),
    [
        ("{", "$", "json"),
        ("[1]", "$", "type"),
        ({"uri": "https://e.example/"}, "$.headlines", "missing"),
        ({"uri": "https://e.example/"}, "$.firstCreated", "missing"),
        ({"headlines": [{"value": "h"}], "people": 3}, "$.uri", "missing"),
        (
            {"uri": "https://e.example/", "headlines": [{"value": "h"}], "language": "en",
             "firstCreated": "2024-10-13T21:04:00"},
            "$.firstCreated",
            "timezone",
        ),
    ],
)  # fmt: skip
def test_what_cannot_be_an_article_is_an_error_at_its_path(
    document: Any, path: str, code: str
) -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_ninjs(document)
    assert (path, code) in {(e.path, e.code) for e in caught.value.errors}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    ["uri", "headlines", "headline", "descriptions", "bodies", "body_html", "language",
     "firstCreated", "versionCreated", "by", "people", "organisations", "subjects",
     "infoSources", "associations", "genres", "altIds", "located"]
)  # fmt: skip


@given(st.dictionaries(_KEYS, _JSON, max_size=8))
def test_any_document_gives_an_article_or_a_validation_error(document: dict[str, Any]) -> None:
    with contextlib.suppress(nm.ValidationError):
        nm.from_ninjs(document, url="https://e.example/")


def test_linked_rights_that_are_not_a_web_address_are_dropped_and_said() -> None:
    findings: list[nm.Finding] = []
    doc = {
        "uri": "https://example.com/a",
        "headlines": [{"value": "H"}],
        "language": "en",
        "firstCreated": "2024-01-01T00:00:00Z",
        "associations": [
            {
                "name": "i",
                "type": "picture",
                "uri": "https://example.com/i.jpg",
                "rightsInfo": {"linkedRights": "not a url"},
            }
        ],
    }
    article = nm.from_ninjs(doc, findings=findings)
    assert article.images == (nm.Image(url="https://example.com/i.jpg"),)
    assert [("$.associations[0].rightsInfo.linkedRights", "dropped")] == [
        (f.path, f.code) for f in findings
    ]


_WHITESPACE_BODIES = [
    ("\n0", nm.Separator()),
    (nm.Preformatted(text="0"), "0\n"),
    (" 0", nm.Separator()),
    ("0  0 ", nm.Paragraph(content=(nm.Code(text="0"),))),
    ("a\n", "\nb", nm.Separator()),
    ("a\n\nb", "\n\n\nc\n", nm.Separator()),
]


@pytest.mark.parametrize("body", _WHITESPACE_BODIES)
def test_a_structured_body_keeps_the_whitespace_its_html_cannot_carry(
    body: tuple[nm.Block, ...],
) -> None:
    """HTML collapses spaces and drops edge line breaks: the plain-text body keeps them."""
    article = attrs.evolve(nm.from_dict(MINIMAL), body=body)
    findings: list[nm.Finding] = []
    assert body == nm.from_ninjs(nm.to_ninjs(article), findings=findings).body
    assert [] == findings


@pytest.mark.parametrize(
    "body", [("One.", "Two.\n\nStill two."), ("a", "b\n", "c"), ("a\n", "\nb", "c\n\n\nd")]
)
def test_plain_paragraphs_a_blank_line_cannot_separate_read_back_whole(
    body: tuple[str, ...],
) -> None:
    """The plain-text body ends each paragraph with U+2029 then, as articleBody does."""
    article = attrs.evolve(nm.from_dict(MINIMAL), body=body)
    document = nm.to_ninjs(article)
    assert "\u2029".join(body) + "\u2029" == document["bodies"][0]["value"]
    findings: list[nm.Finding] = []
    assert body == nm.from_ninjs(document, findings=findings).body
    assert [] == findings


def test_a_plain_text_body_beside_html_that_says_other_words_is_reported() -> None:
    """Only whitespace comes from the plain text; other words leave the HTML's reading."""
    document = nm.to_ninjs(attrs.evolve(nm.from_dict(MINIMAL), body=(" a", nm.Separator())))
    document["bodies"][0]["value"] = " b"
    findings: list[nm.Finding] = []
    assert ("a", nm.Separator()) == nm.from_ninjs(document, findings=findings).body
    assert [("$.bodies[0]", "dropped")] == [(f.path, f.code) for f in findings]


_TEXT_DOC = {
    "uri": "https://ex.com/a",
    "headline": "H",
    "firstCreated": "2024-01-01T00:00:00Z",
    "type": "text",
    "language": "en",
}


@pytest.mark.parametrize(
    ("plain", "html", "body"),
    [
        ("a\r\nb", "<p>a<br>b</p>", "a\nb"),
        ("a\tb", "<p>a b</p>", "a b"),
        ("a\x01b", "<p>a&#1;b</p>", "ab"),
        ("a\u2028b", "<p>a&#x2028;b</p>", "ab"),
    ],
)
def test_a_plain_text_body_no_text_may_be_is_not_taken(plain: str, html: str, body: str) -> None:
    """A text/plain body with characters no text may hold leaves the HTML's reading."""
    document = {
        **_TEXT_DOC,
        "bodies": [
            {"role": "main", "contentType": "text/html", "value": html},
            {"role": "main", "contentType": "text/plain", "value": plain},
        ],
    }
    findings: list[nm.Finding] = []
    assert (body,) == nm.from_ninjs(document, findings=findings).body
    assert ("$.bodies[1]", "dropped") in [(f.path, f.code) for f in findings]


def test_a_figure_of_an_association_spelled_otherwise_gives_it_its_caption() -> None:
    """The association takes the figure's caption and alt text, as for any known image."""
    document = {
        **_TEXT_DOC,
        "associations": [{"type": "picture", "uri": "https://ex.com/\u0206.jpg"}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": '<p>x</p><figure><img src="https://ex.com/%C8%86.jpg" alt="ALT">'
                "<figcaption>Cap</figcaption></figure>",
            }
        ],
    }
    findings: list[nm.Finding] = []
    article = nm.from_ninjs(document, findings=findings)
    assert article.images == (
        nm.Image(url="https://ex.com/\u0206.jpg", caption="Cap", alt_text="ALT"),
    )
    assert article.body == ("x", nm.Figure(image="https://ex.com/\u0206.jpg"))
    assert [(f.code, f.message.split(" of ")[0]) for f in findings] == [
        ("repaired", "took the caption and alt text")
    ]
