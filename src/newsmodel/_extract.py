"""
Find the articles a web page marks up, in JSON-LD and in microdata.

The page is parsed once with lxml. JSON-LD blocks are read one by one (a
broken block loses only itself), microdata is read by extruct, a well-kept
parser; both then go through the same import as `newsmodel.from_jsonld`.
What the page itself says fills what the markup leaves out: ``<html lang>``
the language, ``<link rel=canonical>`` (or the caller's ``base_url``) the url.
A page with no article markup gives no articles: nothing is guessed from the
page's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _import
from ._errors import ErrorDetail, Finding, ValidationError, describe

if TYPE_CHECKING:
    from datetime import tzinfo

    from ._models import Article


__all__ = ["extract"]


def _tree(html: str | bytes) -> Any:
    try:
        import lxml.etree  # noqa: PLC0415 - the html extra; import only when used
        import lxml.html  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        from ._distribution import install_hint  # noqa: PLC0415

        msg = f"newsmodel.extract needs the html extra: {install_hint('html')}"
        raise ImportError(msg) from error
    if isinstance(html, str):
        # lxml refuses text that declares its own encoding: parse it as UTF-8.
        html = html.encode("utf-8", "surrogatepass")
    try:
        return lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        # Nothing an HTML parser can build a document from (blank, a lone
        # comment): a page with no markup at all.
        return lxml.html.fromstring(b"<html></html>")


def _microdata(tree: Any, base_url: str | None) -> list[Any]:
    import extruct  # noqa: PLC0415 - the html extra

    found = extruct.extract(
        tree, base_url=base_url, syntaxes=["microdata"], uniform=True, errors="ignore"
    )
    return list(found.get("microdata", []))


def _page_defaults(tree: Any) -> tuple[str | None, str | None]:
    languages = tree.xpath("/html/@lang | //html/@lang")
    language = languages[0].strip() if languages and languages[0].strip() else None
    canonical = None
    for link in tree.xpath("//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            canonical = link.get("href").strip() or None
            break
    return language, canonical


def extract(
    html: str | bytes,
    base_url: str | None = None,
    *,
    default_tz: tzinfo | str | None = None,
    dayfirst: bool | None = None,
    findings: list[Finding] | None = None,
) -> list[Article]:
    """
    Return the articles that a web page marks up with schema.org.

    Args:
        html: The page, as text or as UTF-8 bytes.
        base_url: The page's address: relative URLs resolve against it, and
            it is the article's url when the markup and the page's
            ``<link rel=canonical>`` give none.
        default_tz: The zone (an IANA name or a `tzinfo`) for dates the
            markup gives without one.
        dayfirst: The order of day and month in all-numeric dates, as for
            `newsmodel.from_jsonld`.
        findings: A list to append every repair and drop to.

    Returns:
        One article for each article node the page marks up, in JSON-LD or in
        microdata; an article marked up in both counts once (JSON-LD first).
        A page without article markup gives an empty list.

    Raises:
        ValidationError: When a marked-up article cannot make a valid
            `Article`, listing the problems of every such article, with
            paths like ``$['json-ld'][0].headline``.
        ImportError: Without the ``html`` extra (lxml and extruct).
    """
    report = findings if findings is not None else []
    if not isinstance(html, (str, bytes)):
        raise ValidationError(
            [
                ErrorDetail(
                    "$", "type", f"expected an HTML page (str or bytes), found {describe(html)}"
                )
            ]
        )
    from ._canonical import _resolve_dayfirst, _resolve_zone  # noqa: PLC0415 - shared

    zone, order = _resolve_zone(default_tz), _resolve_dayfirst(dayfirst)
    tree = _tree(html)
    language, canonical = _page_defaults(tree)
    if canonical is not None and base_url is not None:
        from urllib.parse import urljoin  # noqa: PLC0415

        canonical = urljoin(base_url, canonical)
    url = canonical or base_url
    documents: list[tuple[str, Any]] = []
    scripts = [
        script
        for script in tree.xpath("//script[@type]")
        if script.get("type", "").strip().lower() == "application/ld+json"
    ]
    for index, script in enumerate(scripts):
        text = script.text or ""
        if text.strip():
            documents.append((f"$['json-ld'][{index}]", text))
    for index, item in enumerate(_microdata(tree, base_url)):
        documents.append((f"$.microdata[{index}]", item))
    articles: list[Article] = []
    problems: list[ErrorDetail] = []
    for prefix, document in documents:
        local: list[Finding] = []
        try:
            article = _import.read_jsonld(
                document,
                url=url,
                language=language,
                default_tz=zone,
                dayfirst=order,
                findings=local,
            )
        except ValidationError as error:
            if all(detail.path == "$" for detail in error.errors):
                # A block that holds no article (a breadcrumb list, an
                # organization), or is not JSON at all: no article is lost.
                if any(detail.code == "json" for detail in error.errors):
                    report.append(Finding(prefix, "dropped", error.errors[0].message))
                continue
            problems.extend(_prefixed(detail, prefix) for detail in error.errors)
            continue
        report.extend(Finding(_repath(f.path, prefix), f.code, f.message) for f in local)
        if any(other.url == article.url for other in articles):
            report.append(
                Finding(
                    prefix,
                    "dropped",
                    f"the same article ({article.url}) is marked up twice; kept the first",
                )
            )
            continue
        articles.append(article)
    if problems:
        raise ValidationError(problems)
    return articles


def _repath(path: str, prefix: str) -> str:
    return prefix + path[1:] if path.startswith("$") else path


def _prefixed(detail: ErrorDetail, prefix: str) -> ErrorDetail:
    return ErrorDetail(_repath(detail.path, prefix), detail.code, detail.message)
