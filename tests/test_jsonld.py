"""Tests for schema.org JSON-LD: to_jsonld, jsonld_script and the exact reader read_own_jsonld."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest
from extruct.jsonld import JsonLdExtractor
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmodel as nm
from helpers import as_plain_text, full_article, hostile_articles, seed
from newsmodel import strategies
from newsmodel._jsonld import is_own_jsonld, jsonld_script, read_own_jsonld, to_jsonld

ROOT = Path(__file__).resolve().parent.parent
ISO_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d")


def walk(value: Any) -> Any:
    """Yield every value in a JSON document, depth first."""
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def script_text(block: str) -> str:
    """Return the text of the one script element in *block*, read by an HTML5 parser."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    fragment = parser.parseFragment(block)
    scripts = list(fragment.iter("script"))
    assert [] == [element.tag for element in fragment.iter() if element.tag != "script"][1:]
    assert 1 == len(scripts)
    assert "application/ld+json" == scripts[0].get("type")
    return str(scripts[0].text)


# ------------------------------------------------------------------ round trip


def test_seed_example_round_trips() -> None:
    """The seed example comes back equal from its JSON-LD: as a dict, JSON text and bytes."""
    article = seed()
    document = to_jsonld(article)
    assert article == read_own_jsonld(document)
    assert article == read_own_jsonld(json.dumps(document))
    assert article == read_own_jsonld(json.dumps(document).encode())


def test_full_article_round_trips() -> None:
    """An article with every field of every class set comes back equal."""
    article = full_article()
    assert article == read_own_jsonld(json.loads(json.dumps(to_jsonld(article))))


@given(strategies.articles())
def test_every_article_round_trips(article: nm.Article) -> None:
    """read_own_jsonld(to_jsonld(a)) == a over the whole model, through JSON text."""
    assert as_plain_text(article) == read_own_jsonld(json.dumps(to_jsonld(article)))


def test_explicit_and_derived_values_stay_apart() -> None:
    """A slug or reading time given equal to the derived one still reads back as given."""
    article = full_article(
        tags=[nm.Tag(name="North Korea", slug="north-korea"), nm.Tag(name="South Korea")],
        reading_time_minutes=1,
    )
    back = read_own_jsonld(to_jsonld(article))
    assert ["north-korea", None] == [tag.explicit_slug for tag in back.tags]
    assert 1 == back.explicit_reading_time_minutes
    derived = read_own_jsonld(to_jsonld(attrs.evolve(article, reading_time_minutes=None)))
    assert None is derived.explicit_reading_time_minutes
    assert 1 == derived.reading_time_minutes


def test_quote_dates_keep_their_kind() -> None:
    """A quote dated by day stays a date; one dated to the minute stays a datetime."""
    back = read_own_jsonld(to_jsonld(full_article()))
    assert [date, datetime] == [type(quote.date) for quote in back.quotes[:2]]
    assert ["2024-10-13", "2024-10-13T20:00:00+03:00"] == [
        node["dateCreated"] for node in to_jsonld(full_article())["hasPart"][:2]
    ]


@pytest.mark.parametrize(
    "body",
    [
        ("One.", "Two.\n\nStill two."),
        ("Ends with a break\n", "Next."),
        ("a", "b\n", "c"),
        ("Only one\n\nwith a blank line",),
        ("a\n", "\nb", "c\n\n\nd"),
    ],
)
def test_paragraphs_a_blank_line_cannot_separate(body: tuple[str, ...]) -> None:
    """Paragraphs that hold blank lines are ended by U+2029 and come back as they were."""
    article = full_article(body=body)
    text = to_jsonld(article)["articleBody"]
    assert "\u2029".join(body) + "\u2029" == text
    assert body == read_own_jsonld(to_jsonld(article)).body


@pytest.mark.parametrize(
    "body", [("One.", "Two."), ("One.", "\nStarts with a break", "Ends with one\n"), ("a\nb",)]
)
def test_paragraphs_are_joined_by_a_blank_line(body: tuple[str, ...]) -> None:
    """A body that splits back at its blank lines is joined by them, with no other mark."""
    article = full_article(body=body)
    assert "\n\n".join(body) == to_jsonld(article)["articleBody"]
    assert body == read_own_jsonld(to_jsonld(article)).body


# ----------------------------------------------------------------------- shape


def test_seed_example_document() -> None:
    """The seed's JSON-LD: one context, the NewsArticle type, the WebPage, keywords and about."""
    document = to_jsonld(seed())
    assert "https://schema.org" == document["@context"]
    assert 1 == sum(
        1 for value in walk(document) if isinstance(value, dict) and "@context" in value
    )
    assert "NewsArticle" == document["@type"]
    assert {
        "@type": "WebPage",
        "@id": seed().url,
        "url": seed().url,
        "relatedLink": document["mainEntityOfPage"]["relatedLink"],
    } == document["mainEntityOfPage"]
    assert [
        "News Feed",
        "Volodymyr Zelensky",
        "Ukraine",
        "Russia",
        "North Korea",
        "Victory Plan",
    ] == (document["keywords"])
    assert ["Person", "Place", "Place", "Place"] == [node["@type"] for node in document["about"]]
    assert "PT2M" == document["timeRequired"]
    assert 8 == len(document["hasPart"])
    assert {
        "@type": "Person",
        "name": "Volodymyr Zelensky",
        "jobTitle": "President of Ukraine",
    } == (document["hasPart"][0]["creator"])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (nm.ArticleKind.NEWS, "NewsArticle"),
        (nm.ArticleKind.OPINION, ["NewsArticle", "OpinionNewsArticle"]),
        (nm.ArticleKind.REVIEW, ["NewsArticle", "ReviewNewsArticle"]),
        (nm.ArticleKind.ARTICLE, "Article"),
        (nm.ArticleKind.SATIRE, "SatiricalArticle"),
        (nm.ArticleKind.SPONSORED, "AdvertiserContentArticle"),
        (nm.ArticleKind.LIVE_BLOG, "LiveBlogPosting"),
        (nm.ArticleKind.BLOG_POSTING, "BlogPosting"),
    ],
)
def test_kind_is_the_type(kind: nm.ArticleKind, expected: str | list[str]) -> None:
    """A kind is its schema.org type; a NewsArticle subtype comes with NewsArticle beside it."""
    dateline = "KYIV" if kind.is_news else None
    article = full_article(kind=kind, dateline=dateline)
    assert expected == to_jsonld(article)["@type"]
    assert kind == read_own_jsonld(to_jsonld(article)).kind


def test_related_stories_go_where_their_relation_is_allowed() -> None:
    """Related goes on the WebPage (relatedLink); cited, follow_up, background on the article."""
    document = to_jsonld(full_article())
    page = document["mainEntityOfPage"]
    assert ["https://kyivindependent.com/related/", "https://kyivindependent.com/see-also/"] == [
        node["url"] for node in page["relatedLink"]
    ]
    assert "relatedLink" not in document
    places = {"citation": "cited/", "isBasedOn": "earlier/", "mentions": "background/"}
    for prop, path in places.items():
        assert [f"https://kyivindependent.com/{path}"] == [node["url"] for node in document[prop]]
    positions = [node["position"] for node in page["relatedLink"]]
    positions += [node["position"] for prop in places for node in document[prop]]
    assert [1, 2, 3, 4, 5] == sorted(positions)


def test_multi_valued_properties_are_arrays_even_with_one_value() -> None:
    """With one author, tag, image, quote, story and sameAs each, every one is still an array."""
    person = nm.Person(name="A", same_as=["https://example.com/a"])
    article = full_article(
        authors=[person],
        tags=[nm.Tag(name="Ukraine", kind=nm.TagKind.PLACE, same_as=["https://w.org/Q212"])],
        images=[nm.Image(url="https://example.com/i.jpg")],
        quotes=[nm.Quote(text="Words", speaker=person)],
        related=[nm.RelatedStory(url="https://example.com/r", headline="R", authors=[person])],
    )
    document = to_jsonld(article)
    assert isinstance(document["author"], list)
    assert isinstance(document["author"][0]["sameAs"], list)
    for key in ("keywords", "about", "image", "hasPart"):
        assert isinstance(document[key], list)
    assert isinstance(document["about"][0]["sameAs"], list)
    assert isinstance(document["mainEntityOfPage"]["relatedLink"], list)
    assert isinstance(document["mainEntityOfPage"]["relatedLink"][0]["author"], list)


@given(strategies.articles())
def test_documents_have_no_nulls_and_dates_with_offsets(article: nm.Article) -> None:
    """No value is null; every date property is ISO 8601 with an offset (or a plain date)."""
    document = to_jsonld(article)
    assert [] == [value for value in walk(document) if value is None]
    for value in walk(document):
        if isinstance(value, dict):
            for key in ("datePublished", "dateModified"):
                if key in value:
                    assert ISO_WITH_OFFSET.fullmatch(value[key])
            if "dateCreated" in value:
                text = value["dateCreated"]
                assert len(text) == 10 or ISO_WITH_OFFSET.fullmatch(text)
    assert [1] == [1 for value in walk(document) if isinstance(value, dict) and "@context" in value]


@given(strategies.articles())
def test_shared_people_are_written_the_same_everywhere(article: nm.Article) -> None:
    """A speaker who is also an author is the same node in both places."""
    document = to_jsonld(article)
    for quote, node in zip(article.quotes, document.get("hasPart", []), strict=True):
        if quote.speaker in article.authors:
            index = article.authors.index(quote.speaker)
            assert document["author"][index] == node["creator"]


# ---------------------------------------------------------------- the script


@given(strategies.articles())
def test_script_block_is_valid_json_that_html_leaves_alone(article: nm.Article) -> None:
    """The script's raw text is JSON equal to to_jsonld, with no <, > or & in it."""
    block = jsonld_script(article)
    text = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not set("<>&") & set(text)
    assert to_jsonld(article) == json.loads(text)


@settings(max_examples=60)
@given(hostile_articles())
def test_nothing_escapes_the_script(article: nm.Article) -> None:
    """Hostile text in every field: one script element, its JSON unchanged, read by extruct too."""
    block = jsonld_script(article)
    text = script_text(block)
    assert to_jsonld(article) == json.loads(text)
    assert article == read_own_jsonld(text)
    page = f"<!DOCTYPE html><html><head>{block}</head><body><p>after</p></body></html>"
    assert [to_jsonld(article)] == JsonLdExtractor().extract(page)


def test_script_escapes_are_json_escapes() -> None:
    """The escapes are \\u003c, \\u003e and \\u0026, never HTML entities or JS-only escapes."""
    article = full_article(headline="a </script><!-- <script> & b")
    block = jsonld_script(article)
    assert '"a \\u003c/script\\u003e\\u003c!-- \\u003cscript\\u003e \\u0026 b"' in block
    assert "&lt;" not in block
    assert "\\x3c" not in block.lower()


@pytest.mark.parametrize(
    "noncharacter", ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
)
def test_noncharacters_are_escaped_in_the_script(noncharacter: str) -> None:
    """A noncharacter, which HTML calls a parse error, is a JSON escape: the block parses clean."""
    article = full_article(headline=f"a{noncharacter}b", description="\u00ff \u00b7 \u0437")
    block = jsonld_script(article)
    assert noncharacter not in block
    assert "\u00ff \u00b7 \u0437" in block  # other characters with 0xBF or 0xB7 bytes stay
    assert to_jsonld(article) == json.loads(script_text(block))  # strict: no parse error


def test_paragraph_separator_is_escaped_in_the_script() -> None:
    """The U+2029 paragraph ends are written \\u2029 in the script, as JavaScript needs."""
    block = jsonld_script(full_article(body=["a\n\nb"]))
    assert "\u2029" not in block
    assert "a\\n\\nb\\u2029" in block


# ----------------------------------------------------------------- URL safety


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,x"]
)
def test_urls_cannot_carry_script(url: str) -> None:
    """The model refuses javascript: and data: URLs, so no href or src can hold one."""
    with pytest.raises(nm.ValidationError) as raised:
        nm.Person(name="A", url=url)
    assert ["url"] == [error.code for error in raised.value.errors]
    document = to_jsonld(full_article())
    document["author"][0]["url"] = url
    with pytest.raises(nm.ValidationError) as raised:
        read_own_jsonld(document)
    assert [("$.author[0].url", "url")] == [(e.path, e.code) for e in raised.value.errors]


# ------------------------------------------------------------ reading errors


def errors_of(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(nm.ValidationError) as raised:
        read_own_jsonld(document)
    return [(error.path, error.code) for error in raised.value.errors]


def test_errors_are_reported_at_the_input_paths() -> None:
    """Bad values deep in the document are reported where they are, all at once."""
    document = to_jsonld(full_article())
    document["headline"] = ""
    document["hasPart"][1]["creator"]["url"] = "not a url"
    document["hasPart"][0]["dateCreated"] = "13 October"
    document["mainEntityOfPage"]["relatedLink"][0]["image"]["width"] = 0
    document["citation"][0]["author"][0]["sameAs"] = ["ftp://x"]
    document["about"][0]["identifier"] = "Not A Slug"
    document["keywords"][0] = 5
    document["image"][0]["license"] = "x"
    document["author"][0]["sameAs"][1] = "y"
    document["publisher"]["logo"]["url"] = "z"
    document["publisher"]["logo"]["contentUrl"] = "z"
    assert sorted(
        [
            ("$.headline", "empty"),
            ("$.author[0].sameAs[1]", "url"),
            ("$.publisher.logo.url", "url"),
            ("$.keywords[0]", "type"),
            ("$.about[0].identifier", "invalid"),
            ("$.image[0].license", "url"),
            ("$.hasPart[0].dateCreated", "invalid"),
            ("$.hasPart[1].creator.url", "url"),
            ("$.citation[0].author[0].sameAs[0]", "url"),
            ("$.mainEntityOfPage.relatedLink[0].image.width", "invalid"),
        ]
    ) == sorted(errors_of(document))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(wordCount=3), [("$.wordCount", "unknown_field")]),
        (lambda d: d.update({"@type": "Thing"}), [("$['@type']", "type")]),
        (lambda d: d.update({"@context": "http://schema.org"}), [("$['@context']", "invalid")]),
        (lambda d: d.pop("@context"), [("$['@context']", "missing")]),
        (lambda d: d.update(author={"@type": "Person", "name": "A"}), [("$.author", "type")]),
        (lambda d: d["author"][0].update({"@type": "Thing"}), [("$.author[0]['@type']", "type")]),
        (lambda d: d["author"][0].update(email="a@b"), [("$.author[0].email", "unknown_field")]),
        (lambda d: d["hasPart"][1].update(position=1), [("$.hasPart[1].position", "duplicate")]),
        (lambda d: d["hasPart"][1].update(position="2"), [("$.hasPart[1].position", "invalid")]),
        (
            lambda d: d["mainEntityOfPage"].update({"@id": "https://elsewhere.example/"}),
            [("$.mainEntityOfPage['@id']", "invalid")],
        ),
        (lambda d: d.pop("mainEntityOfPage"), [("$.mainEntityOfPage", "missing")]),
        (lambda d: d["about"][0].update(name="Nobody"), [("$.about[0].name", "invalid")]),
        (lambda d: d.update(timeRequired="PT1H"), [("$.timeRequired", "invalid")]),
        (lambda d: d.update(articleBody=["a"]), [("$.articleBody", "type")]),
        (lambda d: d.update(articleBody="a\n\n "), [("$.articleBody", "empty")]),
        (
            lambda d: d["image"][0].update(contentUrl="https://x.example/"),
            [("$.image[0].contentUrl", "invalid")],
        ),
        (
            lambda d: d["citation"][0].update({"@id": "https://x.example/"}),
            [("$.citation[0]['@id']", "invalid")],
        ),
        (lambda d: d.pop("headline"), [("$.headline", "missing")]),
        (
            lambda d: d.update(datePublished="2024-10-13T21:04:00"),
            [("$.datePublished", "timezone")],
        ),
        (lambda d: d.update(dateline="X", **{"@type": "Article"}), [("$.dateline", "invalid")]),
        (lambda d: d["keywords"].append("news feed"), [("$.keywords[7]", "duplicate")]),
        (lambda d: d.update(relatedLink=[]), [("$.relatedLink", "unknown_field")]),
        (
            lambda d: d["mainEntityOfPage"].update(citation=[]),
            [("$.mainEntityOfPage.citation", "unknown_field")],
        ),
        (lambda d: d["hasPart"].append(5), [("$.hasPart[3]", "type")]),
    ],
)
def test_refuses_what_to_jsonld_does_not_write(
    change: Any, expected: list[tuple[str, str]]
) -> None:
    """Each departure from the mapping is one error, at its path, with a stable code."""
    document = to_jsonld(full_article())
    change(document)
    assert expected == errors_of(document)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("{", "json"),
        (b"\xff", "json"),
        ("[]", "type"),
        ("null", "type"),
        (42, "type"),
        (None, "type"),
    ],
)
def test_bad_documents_are_validation_errors(data: Any, code: str) -> None:
    """Text that is not JSON, or JSON that is not a node, is a ValidationError at $."""
    assert [("$", code)] == errors_of(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> Any:
    """A valid document with one value somewhere replaced by arbitrary JSON."""
    document = to_jsonld(draw(strategies.articles()))
    containers = [v for v in walk(document) if isinstance(v, (dict, list)) and v]
    target = draw(st.sampled_from(containers))
    if isinstance(target, dict):
        target[draw(st.sampled_from(sorted(target)))] = draw(json_values)
    else:
        target[draw(st.integers(0, len(target) - 1))] = draw(json_values)
    return json.loads(json.dumps(document))


@settings(max_examples=150)
@given(damaged_documents())
def test_never_another_exception(document: Any) -> None:
    """Whatever a document holds, read_own_jsonld returns an article or raises ValidationError."""
    errors: list[nm.ErrorDetail] = []
    try:
        read_own_jsonld(document)
    except nm.ValidationError as error:
        errors = error.errors or [nm.ErrorDetail("", "", "no errors in the ValidationError")]
    assert [] == [e for e in errors if not e.path.startswith("$")]


def test_is_own_jsonld() -> None:
    """The shape test knows our output from other JSON-LD."""
    document = to_jsonld(seed())
    assert is_own_jsonld(document)
    assert not is_own_jsonld({**document, "mainEntityOfPage": "https://example.com/"})
    assert not is_own_jsonld({**document, "@type": "WebPage"})
    assert not is_own_jsonld([document])


@given(strategies.articles())
def test_public_from_jsonld_round_trips_our_own_output(article: nm.Article) -> None:
    """nm.from_jsonld, the importer users call, reads our own JSON-LD back exactly."""
    assert as_plain_text(article) == nm.from_jsonld(nm.to_jsonld(article))
    assert as_plain_text(article) == nm.from_jsonld(json.dumps(nm.to_jsonld(article)))
