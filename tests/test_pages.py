"""Hostile pages: whatever a page holds, extract gives a list of articles or a ValidationError."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm

TAGS = ["div", "span", "article", "a", "meta", "link", "time", "img", "script", "p", "html"]
ITEMTYPES = ["https://schema.org/NewsArticle", "http://schema.org/Person", "Thing", ""]
PROPS = ["headline", "author", "name", "url", "datePublished", "image", "itemListElement", "x"]
ODD_TEXT = st.sampled_from(
    [
        "",
        "\x00",
        "\ufffd",
        "\ud800",
        "http://[::1",
        "https://[1.2.3.4]/",
        "//[x",
        "javascript:alert(1)",
        "2024-13-45T99:99",
        "&#0;&#x110000;&amp",
        "]]><!--",
        "x" * 5000,
    ]
) | st.text(max_size=20)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    chosen = draw(
        st.lists(
            st.sampled_from(
                [
                    "itemscope",
                    "itemtype",
                    "itemprop",
                    "itemid",
                    "itemref",
                    "href",
                    "content",
                    "datetime",
                    "src",
                    "id",
                    "lang",
                    "rel",
                    "type",
                    "charset",
                ]
            ),
            max_size=4,
            unique=True,
        )
    )
    out = []
    for name in chosen:
        if name == "itemscope":
            out.append("itemscope")
        elif name == "itemtype":
            out.append(f'itemtype="{draw(st.sampled_from(ITEMTYPES))}"')
        elif name == "itemprop":
            out.append(f'itemprop="{draw(st.sampled_from(PROPS))}"')
        elif name == "type":
            out.append('type="application/ld+json"')
        elif name == "rel":
            out.append('rel="canonical"')
        else:
            value = draw(ODD_TEXT).replace('"', "&quot;")
            out.append(f'{name}="{value}"')
    return (" " + " ".join(out)) if out else ""


JSON_BLOCKS = st.sampled_from(
    [
        "{oops",
        "[]",
        "null",
        '{"@type": "NewsArticle", "headline": "H", "datePublished": "2024-01-01"}',
        '{"@graph": [{"@id": "#a", "author": {"@id": "#a"}}]}',
        (
            '{"@type": "NewsArticle", "url": "//[x", "headline": "H", '
            '"datePublished": "2024-01-01T00:00:00Z", "image": "//[y"}'
        ),
        "[" * 3000 + "]" * 3000,
    ]
) | st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["@type", *PROPS, "@id"]), children, max_size=3)
    ),
    max_leaves=10,
).map(json.dumps)


def fragments() -> st.SearchStrategy[str]:
    leaf = (
        ODD_TEXT
        | JSON_BLOCKS.map(lambda text: f'<script type="application/ld+json">{text}</script>')
        | st.integers(1, 400).map(
            lambda depth: '<div itemscope itemprop="x">' * depth + "</div>" * depth
        )
        | st.integers(1, 3000).map(lambda depth: "<div>" * depth)
    )
    return st.recursive(
        leaf,
        lambda children: st.builds(
            lambda tag, attrs, inner: f"<{tag}{attrs}>{''.join(inner)}</{tag}>",
            st.sampled_from(TAGS),
            attributes(),
            st.lists(children, max_size=3),
        ),
        max_leaves=8,
    )


HEADS = st.sampled_from(
    [
        "",
        '<meta charset="iso-8859-1">',
        '<meta charset="utf-16">',
        '<meta charset="nonsense">',
        '<meta http-equiv="content-type" content="charset=shift_jis">',
        '<link rel="canonical" href="http://[::1">',
        '<?xml version="1.0" encoding="utf-8"?>',
    ]
)
ENCODE = st.sampled_from(["utf-8", "latin-1", "utf-16", "shift_jis", "cp1251"])


@given(
    HEADS,
    st.lists(fragments(), max_size=4),
    st.one_of(st.none(), ENCODE),
    st.one_of(st.none(), st.sampled_from(["https://a.example/", "https://[::1]/x/"])),
)
def test_any_page_gives_articles_or_a_validation_error(
    head: str, body: list[str], encode: str | None, base_url: str | None
) -> None:
    """Random tags, deep nesting, item soup, broken JSON-LD and odd bytes: never a crash."""
    html = f"<html><head>{head}</head><body>{''.join(body)}</body></html>"
    # Encoded bytes may contradict the page's <meta>, and lone surrogates become "?".
    page: str | bytes = html if encode is None else html.encode(encode, "replace")
    findings: list[nm.Finding] = []
    try:
        articles = nm.extract(page, base_url=base_url, findings=findings)
    except nm.ValidationError as error:
        assert error.errors  # noqa: PT017 - either outcome is right; its shape is checked
    else:
        assert all(isinstance(article, nm.Article) for article in articles)
    assert all(isinstance(finding, nm.Finding) for finding in findings)
