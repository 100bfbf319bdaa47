"""The importer loses nothing silently: every article node, every property, every value."""

from __future__ import annotations

import json
import re
import signal
import sys
from contextlib import contextmanager
from datetime import timezone
from typing import TYPE_CHECKING, Any
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from helpers import as_plain_text
from newsmodel import _byline, _import, cli, strategies
from newsmodel._extract import ARTICLE_ERROR, UNBUILT_ARTICLE, unbuilt_errors
from newsmodel._import import OTHER_ARTICLE, UNMAPPED, read_articles, read_jsonld

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def node(headline: str, url: str, **extra: Any) -> dict[str, Any]:
    """An article node with what an import needs, and *extra*."""
    return {
        "@type": "NewsArticle",
        "headline": headline,
        "url": url,
        "datePublished": "2024-01-01T00:00:00Z",
        "inLanguage": "en",
        **extra,
    }


def page(*, head: str = "", body: str = "") -> str:
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def script(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ONE, TWO = node("One", "https://a.example/1"), node("Two", "https://a.example/2")


# ------------------------------------------------- several articles in a block


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "https://schema.org", "@graph": [ONE, TWO]},
        [ONE, TWO],
        {
            "@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "position": 1, "item": ONE}, TWO],
        },
        {"@type": "WebPage", "mainEntity": [ONE, TWO]},
    ],
    ids=["graph", "array", "item-list", "main-entity"],
)
def test_every_article_node_of_a_block_is_extracted(document: object) -> None:
    """A graph, an array or an ItemList of articles gives every one of them."""
    findings: list[nm.Finding] = []

    articles = nm.extract(page(head=script(document)), findings=findings)

    assert ["One", "Two"] == [article.headline for article in articles]
    assert not [f for f in findings if f.code in (OTHER_ARTICLE, "dropped")]


def test_read_articles_gives_each_node_its_path_article_and_findings() -> None:
    """One result per article node: the primary first, a node that fails has its errors."""
    bad = {"@type": "Article", "url": "https://a.example/3"}
    results = read_articles({"@graph": [ONE, bad, {**TWO, "wordCount": 3}]})

    assert [
        ("$['@graph'][2]", "Two", [], ["$['@graph'][2].wordCount"]),  # the richest, first
        ("$['@graph'][0]", "One", [], []),
        ("$['@graph'][1]", None, ["$['@graph'][1].headline", "$['@graph'][1].datePublished"], []),
    ] == [
        (
            r.path,
            r.article and r.article.headline,
            [e.path for e in r.errors],
            [f.path for f in r.findings if f.code == UNMAPPED],
        )
        for r in results
    ]


def test_articles_inside_an_article_are_its_properties() -> None:
    """An article node nested in another (a related story, say) is no article of its own."""
    outer = node("Outer", "https://a.example/o", isPartOf=node("Inner", "https://a.example/i"))

    assert ["$"] == [r.path for r in read_articles(outer)]


def test_from_jsonld_reports_the_article_nodes_it_does_not_return() -> None:
    """from_jsonld returns the primary node and names every other one."""
    rich = {**TWO, "description": "The richer one"}
    findings: list[nm.Finding] = []

    article = nm.from_jsonld(
        {"@graph": [ONE, rich, {**ONE, "@type": "BlogPosting"}]}, findings=findings
    )

    assert "Two" == article.headline
    assert [("$['@graph'][0]", OTHER_ARTICLE), ("$['@graph'][2]", OTHER_ARTICLE)] == [
        (f.path, f.code) for f in findings if f.code == OTHER_ARTICLE
    ]


# -------------------------------------------------- one bad item, not the page

TEASER = """
<div itemscope itemtype="https://schema.org/NewsArticle">
  <a itemprop="url" href="https://a.example/teaser">More</a>
</div>
"""


def test_a_node_that_cannot_be_built_loses_only_itself() -> None:
    """A good JSON-LD article survives a microdata teaser without headline or date."""
    findings: list[nm.Finding] = []

    articles = nm.extract(page(head=script(ONE), body=TEASER), findings=findings)

    assert ["One"] == [article.headline for article in articles]
    unbuilt = [(f.path, f.code) for f in findings if f.code in (UNBUILT_ARTICLE, ARTICLE_ERROR)]
    assert [
        ("$.microdata[0]", UNBUILT_ARTICLE),
        ("$.microdata[0].headline", ARTICLE_ERROR),
        ("$.microdata[0].datePublished", ARTICLE_ERROR),
    ] == unbuilt
    count, errors = unbuilt_errors(findings)
    assert (1, ["missing", "missing"]) == (count, [e.code for e in errors])
    assert all(e.message.startswith("expected ") for e in errors)


def test_nothing_built_is_still_a_validation_error() -> None:
    """When every article node fails, the caller gets every problem as an error."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.extract(page(body=TEASER))

    assert ["$.microdata[0].headline", "$.microdata[0].datePublished"] == [
        e.path for e in caught.value.errors
    ]


def test_validate_reports_the_nodes_extract_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newsmodel validate page.html fails for a page with a node extract could not build."""
    path = tmp_path / "page.html"
    path.write_text(page(head=script(ONE), body=TEASER), encoding="utf-8")

    status = cli.main(["validate", str(path)])
    out = capsys.readouterr().out

    assert 1 == status
    assert "$.microdata[0].headline: missing: " in out
    assert "$.microdata[0].datePublished: missing: " in out


# --------------------------------------------------------- unmapped properties


def test_each_unmapped_property_is_reported_at_its_path() -> None:
    """wordCount, printEdition and any other property the model has no place for."""
    findings: list[nm.Finding] = []
    document = {
        "@context": "https://schema.org",
        "@id": "https://a.example/1#article",
        **ONE,
        "name": "One",  # the headline again: carried
        "wordCount": 1200,
        "printEdition": "A1",
        "speakable": {"@type": "SpeakableSpecification"},
    }

    nm.from_jsonld(document, findings=findings)

    assert ["$.printEdition", "$.speakable", "$.wordCount"] == sorted(
        f.path for f in findings if f.code == UNMAPPED
    )


def test_an_alternative_that_is_not_carried_is_reported() -> None:
    """A name that differs from the headline is a value the article does not carry."""
    findings: list[nm.Finding] = []

    nm.from_jsonld({**ONE, "name": "Another title"}, findings=findings)

    assert [("$.name", UNMAPPED)] == [(f.path, f.code) for f in findings if f.code == UNMAPPED]


# ----------------------------------------------------------- optional values


def test_a_zone_less_date_modified_is_dropped_not_fatal() -> None:
    """Only a required value can stop the import: an unreadable dateModified is dropped."""
    findings: list[nm.Finding] = []

    article = read_jsonld({**ONE, "dateModified": "2024-01-02 10:00"}, findings=findings)

    assert article.date_modified is None
    [dropped] = [f for f in findings if f.path == "$.dateModified"]
    assert "dropped" == dropped.code
    assert "default_tz" in dropped.message


def test_a_zone_less_date_published_is_still_fatal() -> None:
    """A required value that cannot be read stops the import."""
    with pytest.raises(nm.ValidationError) as caught:
        read_jsonld({**ONE, "datePublished": "2024-01-02 10:00"}, findings=[])

    assert [("$.datePublished", "timezone")] == [(e.path, e.code) for e in caught.value.errors]


def test_an_optional_value_the_model_refuses_is_dropped_and_the_rest_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tag the model refuses (a name repeated) is dropped; the article loads."""
    # The mapping keeps tag names unique itself: add a repeat behind its back
    # to reach the model's own rule.
    original = _import._tags

    def repeated(*args: Any) -> list[dict[str, Any]]:
        return [*original(*args), {"name": "WAR"}]

    monkeypatch.setattr(_import, "_tags", repeated)
    findings: list[nm.Finding] = []

    article = read_jsonld({**ONE, "keywords": ["War", "Peace"]}, findings=findings)

    assert ["War", "Peace"] == [tag.name for tag in article.tags]
    assert [("$.keywords[2].name", "dropped")] == [
        (f.path, f.code) for f in findings if f.path.startswith("$.keywords[")
    ]


# ------------------------------------------------------- our own output, exact


@given(strategies.articles())
def test_own_page_extracts_exactly_with_no_findings(article: nm.Article) -> None:
    """
    jsonld_script(a) + to_microdata(a) on a page gives [a] and not one finding.

    Both give the body's plain text (articleBody), so a structured body comes
    back as its plain paragraphs.
    """
    findings: list[nm.Finding] = []
    html = page(head=nm.jsonld_script(article), body=nm.to_microdata(article))

    assert [as_plain_text(article)] == nm.extract(html, findings=findings)
    assert [] == findings


@given(strategies.articles())
def test_own_jsonld_reads_back_with_no_findings(article: nm.Article) -> None:
    """
    from_jsonld(to_jsonld(a)) == a, tags, quotes, related and dates included, silently.

    A structured body comes back as its plain text, all articleBody carries.
    """
    findings: list[nm.Finding] = []

    assert as_plain_text(article) == nm.from_jsonld(nm.to_jsonld(article), findings=findings)
    assert [] == findings


_PLAIN = nm.Article(
    url="https://ex.com/a",
    headline="H",
    language="en",
    date_published=strategies.MIN_DATETIME.replace(year=2024, tzinfo=timezone.utc),
)
# Pieces of text that look like HTML: tags, comments, references, brackets.
_MARKUP_LIKE = st.lists(
    st.sampled_from(
        ["<", ">", "</", "<b>", "</b>", "<p>", "<br>", "<a href=x>", "<!--", "-->", "<script>",
         "&amp;", "&lt;", "&#60;", "&", ";", " ", "\n", "\n\n", "a", "b", "0", "\u2029"]
    ),
    min_size=1,
    max_size=12,
).map("".join)  # fmt: skip


def _valid_text(text: str) -> bool:
    return text.strip() != "" and "\u2029" not in text


@given(st.lists(strategies.texts() | _MARKUP_LIKE.filter(_valid_text), min_size=1, max_size=4))
def test_any_plain_body_reads_back_from_own_jsonld_and_page_exactly(body: list[str]) -> None:
    """Our articleBody is plain text, whatever it holds: never re-read as HTML, never split."""
    article = attrs.evolve(_PLAIN, body=body)
    findings: list[nm.Finding] = []

    assert article == nm.from_jsonld(nm.to_jsonld(article), findings=findings)
    html = page(head=nm.jsonld_script(article), body=nm.to_microdata(article))
    assert [article] == nm.extract(html, findings=findings)
    assert [] == findings


@pytest.mark.parametrize(
    "text",
    ["a <b> c", "Fish &amp; chips", "<p>x</p>", "x <!-- y -->", "a <br> b", "<script>1</script>",
     "a\n\n<b>b</b>\n"],
)  # fmt: skip
def test_a_plain_paragraph_that_looks_like_html_reads_back_as_written(text: str) -> None:
    article = attrs.evolve(_PLAIN, body=(text, "Next."))
    findings: list[nm.Finding] = []

    assert article == nm.from_jsonld(nm.to_jsonld(article), findings=findings)
    assert [article] == nm.extract(nm.jsonld_script(article), findings=findings)
    assert [] == findings


@pytest.mark.parametrize(
    "body",
    [("a <b> c", "Fish &lt;chips&gt;"), ("<p>x</p>",), ("x <!-- y -->", "<script>1</script>")],
)
def test_a_microdata_article_body_is_text_not_html(body: tuple[str, ...]) -> None:
    """What extruct gives of a microdata value is text the page's parser decoded: never HTML."""
    article = attrs.evolve(_PLAIN, body=body)
    findings: list[nm.Finding] = []

    [back] = nm.extract(page(body=nm.to_microdata(article)), findings=findings)
    assert body == back.body
    assert [] == [f for f in findings if "articleBody" in f.path]


@pytest.mark.parametrize("text", ["Fish &amp; chips", "&lt;b&gt; &#38; &copy", "A & B &amp"])
def test_microdata_texts_are_what_the_page_shows(text: str) -> None:
    """No microdata text has its character references decoded a second time."""
    article = attrs.evolve(_PLAIN, headline=text, description=text, body=(text, "Next."))
    findings: list[nm.Finding] = []

    [back] = nm.extract(page(body=nm.to_microdata(article)), findings=findings)
    assert (text, text, (text, "Next.")) == (back.headline, back.description, back.body)
    assert [] == [f for f in findings if "decoded" in f.message]


def test_a_second_copy_that_differs_is_reported_with_what_differs() -> None:
    """The same url marked up twice, differently: the first is kept, the fields named."""
    findings: list[nm.Finding] = []
    html = page(head=script(ONE) + script({**ONE, "description": "More"}))

    assert ["One"] == [a.headline for a in nm.extract(html, findings=findings)]
    [dropped] = [f for f in findings if f.code == "dropped"]
    assert ("$['json-ld'][1]", True) == (dropped.path, "(description)" in dropped.message)


# ------------------------------------------------------------ hostile families


def deep(depth: int, leaf: object = "x") -> object:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def test_huge_reading_time_and_identifier_are_dropped() -> None:
    """More than 4,300 digits in timeRequired or identifier: dropped, reported."""
    findings: list[nm.Finding] = []
    document = {**ONE, "timeRequired": "PT" + "9" * 5000 + "M", "identifier": 10**5000}

    article = read_jsonld(document, findings=findings)

    assert (None, None) == (article.id, article._reading_time_minutes)
    assert {"$.timeRequired", "$.identifier"} <= {f.path for f in findings if f.code == "dropped"}


def test_deep_values_in_our_own_shape_do_not_recurse() -> None:
    """Deep arrays where our own output has URLs: a ValidationError, not a RecursionError."""
    document = nm.to_jsonld(nm.from_dict(_MINIMAL))
    document["url"] = deep(100_000)
    document["mainEntityOfPage"] = {"@type": "WebPage", "@id": deep(100_000), "url": deep(100_000)}

    with pytest.raises(nm.ValidationError):
        read_jsonld(document, findings=[])


_MINIMAL = {
    "url": "https://a.example/",
    "headline": "H",
    "language": "en",
    "date_published": "2024-01-01T00:00:00Z",
}


@contextmanager
def generous_alarm(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) if the block runs for minutes: a guard, not a timing."""

    def stop(*_: object) -> None:
        raise AssertionError(f"still running after {seconds} s: superlinear?")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "byline",
    [
        "a" + " " * 200_000 + "b",
        "(with " * 40_000,
        "a y " * 50_000,
        ("a" + " " * 100) * 2_000,
        " " * 200_000 + "& x",
    ],
    ids=["spaces", "with", "short-and", "runs", "ampersand"],
)
def test_byline_splitting_is_linear(byline: str) -> None:
    """Bylines that took minutes (quadratic backtracking) split at once."""
    with generous_alarm(30):
        _byline.split_byline(byline, "$", [])


@pytest.mark.parametrize("selectolax", [True, False], ids=["lexbor", "stdlib"])
@pytest.mark.parametrize("body", ["<p>" + "<" * 200_000, "<p" * 100_000], ids=["lt", "p"])
def test_body_cleaning_is_linear(body: str, selectolax: bool) -> None:
    """HTML bodies full of '<' clean at once, with selectolax and with the stdlib's parser."""
    hidden = {} if selectolax else {"selectolax": None, "selectolax.lexbor": None}
    with generous_alarm(30), mock.patch.dict(sys.modules, hidden):
        read_jsonld({**ONE, "articleBody": body}, findings=[])


def test_byline_patterns_cannot_backtrack_through_whitespace() -> None:
    """Each byline pattern enters a run of whitespace only at its start."""
    for pattern in (_byline._AND, _byline._SHORT_AND, _byline._WITH):
        assert re.search(r"\(\?<!\\s\)", pattern.pattern), pattern.pattern


@pytest.mark.parametrize("size", [20_000])
def test_many_images_authors_and_same_as_import(size: int) -> None:
    """Thousands of images, authors and sameAs links are read (with sets, not list scans)."""
    document = {
        **ONE,
        "image": [f"https://a.example/{i}.jpg" for i in range(size)] * 2,
        "author": [{"@type": "Person", "name": f"Name {i}"} for i in range(size // 10)] * 2,
        "publisher": {"name": "P", "sameAs": [f"https://a.example/p{i}" for i in range(size)]},
    }
    findings: list[nm.Finding] = []

    with generous_alarm(60):
        article = read_jsonld(document, findings=findings)

    assert (size, size // 10) == (len(article.images), len(article.authors))
    assert sum(f.code == "dropped" and "twice" in f.message for f in findings) == size + size // 10


_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**5000), max_value=10**5000),
        st.floats(),
        st.text(max_size=30),
        st.sampled_from(["#a", "#b", "PT" + "9" * 5000 + "M", "x" * 100_000]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["@type", "@id", "@graph", "headline", "author", "name", "url", "datePublished",
                 "dateModified", "image", "publisher", "keywords", "mainEntityOfPage", "about",
                 "articleBody", "identifier", "timeRequired", "creator", "itemListElement",
                 "item", "affiliation", "logo", "sameAs", "wordCount"]
            ),
            children,
            max_size=6,
        ),
    ),
    max_leaves=25,
)  # fmt: skip


@given(
    _values,
    st.sampled_from(["NewsArticle", "Article", "ItemList", None]),
    st.sampled_from([0, 1, 3000]),
)
def test_any_value_gives_an_article_or_a_validation_error(
    document: object, kind: object, depth: int
) -> None:
    """Any JSON value (deep, @id cycles, huge numbers and strings): Article or ValidationError."""
    if isinstance(document, dict):
        document = {**document, "@type": kind, "@id": "#a"} if kind else document
        document = {"@graph": [document, {"@id": "#b", "@type": "Person", "author": {"@id": "#a"}}]}
    document = deep(depth, document)
    try:
        read_jsonld(document, findings=[], default_tz=timezone.utc)
    except nm.ValidationError as error:
        assert error.errors  # noqa: PT017 - either outcome is right; its shape is checked
    try:
        results = read_articles(document)
    except nm.ValidationError as error:
        assert error.errors  # noqa: PT017
    else:
        assert all((r.article is None) == bool(r.errors) for r in results)


# ------------------------------------------------- keywords and about entities


def test_an_about_entity_named_like_a_keyword_keeps_its_kind_and_same_as() -> None:
    # Publishers list an entity both in keywords and in about: the keyword
    # tag takes the entity's kind and sameAs, nothing is lost.
    data = node(
        "H",
        "https://ex.com/a",
        keywords="Berlin",
        about={"@type": "Place", "name": "Berlin", "sameAs": "https://ex.com/berlin"},
    )
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(data, findings=findings)
    assert article.tags == (
        nm.Tag(name="Berlin", kind=nm.TagKind.PLACE, same_as=("https://ex.com/berlin",)),
    )
    assert findings == []


def test_a_second_about_entity_of_the_same_name_but_another_kind_is_reported() -> None:
    data = node(
        "H",
        "https://ex.com/a",
        about=[{"@type": "Place", "name": "Berlin"}, {"@type": "Person", "name": "berlin"}],
    )
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(data, findings=findings)
    assert article.tags == (nm.Tag(name="Berlin", kind=nm.TagKind.PLACE),)
    assert [(f.path, f.code) for f in findings] == [("$.about[1]", "dropped")]


def test_a_keyword_text_that_names_an_about_entity_is_not_split() -> None:
    data = node("H", "https://ex.com/a", keywords="Smith, John", about={"name": "Smith, John"})
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(data, findings=findings)
    assert article.tags == (nm.Tag(name="Smith, John"),)
    assert findings == []


@pytest.mark.parametrize("name", ["Smith, John", "a;b", "x"])
def test_microdata_of_a_single_tag_reads_back_whole(name: str) -> None:
    article = nm.Article(
        url="https://ex.com/a",
        headline="H",
        language="en",
        date_published=strategies.MIN_DATETIME.replace(year=2024, tzinfo=timezone.utc),
        tags=(
            nm.Tag(name=name, kind=nm.TagKind.PLACE, same_as=("https://ex.com/t",)),
            nm.Tag(name="y"),
        ),
    )
    single = attrs.evolve(article, tags=article.tags[:1])
    for each in (article, single, attrs.evolve(single, tags=(nm.Tag(name=name),))):
        assert nm.extract(nm.to_microdata(each)) == [each]


# ------------------------------------------- values that were lost without a word


@pytest.mark.parametrize(
    ("extra", "path", "code"),
    [
        ({"articleBody": ["One.", 5, "Two."]}, "$.articleBody[1]", "dropped"),
        ({"articleBody": "One.\x01 Two."}, "$.articleBody", "repaired"),
        ({"articleBody": "Fish &amp; chips."}, "$.articleBody", "repaired"),
        ({"headline": ["H", 5]}, "$.headline[1]", "dropped"),
        ({"description": ["D", {"x": 1}]}, "$.description[1]", "dropped"),
        ({"url": ["https://ex.com/a", "https://ex.com/b"]}, "$.url", "repaired"),
        ({"mainEntityOfPage": "https://ex.com/other"}, "$.mainEntityOfPage", "dropped"),
        (
            {
                "author": {
                    "@type": "Person",
                    "name": "Ann Lee and Bo Chan",
                    "url": "https://ex.com/al",
                }
            },
            "$.author",
            "dropped",
        ),
        (
            {"author": {"name": "A", "affiliation": {"name": "O1"}, "worksFor": {"name": "O2"}}},
            "$.author.worksFor",
            "dropped",
        ),
        ({"publisher": {"name": "P", "legalName": "P Inc."}}, "$.publisher.legalName", "dropped"),
        (
            {"image": {"url": "https://ex.com/i.jpg", "contentUrl": "https://ex.com/j.jpg"}},
            "$.image.url",
            "dropped",
        ),
        (
            {"image": {"url": "https://ex.com/i.jpg", "caption": {"x": "y"}}},
            "$.image.caption",
            "dropped",
        ),
        ({"author": {"name": "A", "jobTitle": {"x": "y"}}}, "$.author.jobTitle", "dropped"),
    ],
)
def test_a_value_left_out_or_changed_is_reported(
    extra: dict[str, Any], path: str, code: str
) -> None:
    findings: list[nm.Finding] = []
    nm.from_jsonld({**node("H", "https://ex.com/a"), **extra}, findings=findings)
    assert (path, code) in [(f.path, f.code) for f in findings], findings
