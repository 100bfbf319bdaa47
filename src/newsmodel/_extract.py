"""
Find the articles a web page marks up, in JSON-LD and in microdata.

The page is parsed once with lxml. JSON-LD blocks are read one by one (a
broken block loses only itself), microdata is read by extruct, a well-kept
parser; both then go through the same import as `newsmodel.from_jsonld`,
every article node of them (one article node that cannot be built loses only
itself).
What the page itself says fills what the markup leaves out: ``<html lang>``
the language, ``<link rel=canonical>`` (or the caller's ``base_url``) the url.
A page with no article markup falls back to its Open Graph and ``<meta>``
tags (`newsmodel._page_meta`); nothing is guessed from the page's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _import
from ._errors import ErrorDetail, Finding, ValidationError, describe

if TYPE_CHECKING:
    from datetime import tzinfo

    from ._models import Article


__all__ = ["ARTICLE_ERROR", "UNBUILT_ARTICLE", "extract", "unbuilt_errors"]


def _page_text(html: str | bytes, encoding: str | None, report: list[Finding]) -> str:
    """Return the page as text: bytes decoded as browsers do, text as it is."""
    if isinstance(html, str):
        return html
    from ._decode import decode_page  # noqa: PLC0415 - needs the html extra

    return decode_page(html, encoding, findings=report).text


def _tree(html: str) -> Any:
    try:
        import lxml.etree  # noqa: PLC0415 - the html extra; import only when used
        import lxml.html  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        from ._distribution import install_hint  # noqa: PLC0415

        msg = f"newsmodel.extract needs the html extra: {install_hint('html')}"
        raise ImportError(msg) from error
    # lxml refuses text that declares its own encoding: parse it as UTF-8.
    data = html.encode("utf-8", "surrogatepass")
    try:
        return lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        # Nothing an HTML parser can build a document from (blank, a lone
        # comment): a page with no markup at all.
        return lxml.html.fromstring(b"<html></html>")


#: The deepest nesting of microdata items (``itemscope`` inside ``itemscope``)
#: that `extract` reads. extruct reads nested items recursively: about 250
#: deep it fails, and the failure can leave its shared XPath evaluators locked,
#: so that every later read blocks. News markup nests a handful deep.
MAX_ITEM_DEPTH = 64

# An item with MAX_ITEM_DEPTH items around it (the nearest first on this axis).
_TOO_DEEP = f"//*[@itemscope][ancestor::*[@itemscope][{MAX_ITEM_DEPTH}]]"


def _microdata(tree: Any, base_url: str | None, report: list[Finding]) -> list[Any]:
    """Return the page's microdata items, or none, with a finding, when it cannot be read."""
    if not tree.xpath(f"boolean({_TOO_DEEP})"):
        import extruct  # noqa: PLC0415 - the html extra

        try:
            found = extruct.extract(
                tree, base_url=base_url, syntaxes=["microdata"], uniform=True, errors="strict"
            )
            return list(found["microdata"])
        except Exception as error:
            _renew_microdata_reader()
            reason = f"the microdata reader (extruct) failed: {type(error).__name__}: {error}"
    else:
        reason = f"its items nest more than {MAX_ITEM_DEPTH} deep (itemscope in itemscope)"
    report.append(Finding("$.microdata", "dropped", f"did not read the page's microdata: {reason}"))
    return []


def _renew_microdata_reader() -> None:
    """
    Give extruct's microdata reader new XPath evaluators after it failed.

    Its evaluators are shared by every call; one that fails inside (a
    RecursionError) can stay locked, and every later read would block forever.
    """
    import lxml.etree  # noqa: PLC0415 - the html extra
    from extruct.w3cmicrodata import LxmlMicrodataExtractor  # noqa: PLC0415

    for name, value in list(vars(LxmlMicrodataExtractor).items()):
        if isinstance(value, lxml.etree.XPath):
            setattr(
                LxmlMicrodataExtractor,
                name,
                lxml.etree.XPath(value.path, namespaces={"set": "http://exslt.org/sets"}),
            )


def _check_base_url(base_url: object) -> None:
    """Refuse a ``base_url`` argument that is not an absolute http(s) URL: the caller's mistake."""
    if base_url is None:
        return
    from urllib.parse import urlsplit  # noqa: PLC0415

    from ._values import is_url  # noqa: PLC0415

    if isinstance(base_url, str) and is_url(base_url):
        try:
            urlsplit(base_url)
        except ValueError:  # a host in brackets that is not an IPv6 address
            pass
        else:
            return
    msg = (
        "base_url: expected an absolute http or https URL with a host and no spaces, "
        f"found {describe(base_url)}"
    )
    raise ValueError(msg)


def _page_url(canonical: str | None, base_url: str | None, report: list[Finding]) -> str | None:
    """
    Return the page's canonical link resolved against *base_url*; drop one that is no URL.

    The link is held to the one URL rule (`is_url`): what a browser would
    percent-encode (a space) is encoded, and reported; anything else that is
    no absolute http(s) URL is dropped, and reported.
    """
    if canonical is None:
        return None
    from urllib.parse import urljoin, urlsplit  # noqa: PLC0415

    from ._values import encode_unsafe, is_url, url_problem  # noqa: PLC0415

    try:
        url = urljoin(base_url, canonical) if base_url is not None else urlsplit(canonical).geturl()
    except ValueError as error:  # "Invalid IPv6 URL" and the like
        why: str | None = str(error)
    else:
        if is_url(url):
            return url
        encoded = encode_unsafe(url)
        if is_url(encoded):
            report.append(
                Finding(
                    "$",
                    "repaired",
                    f"percent-encoded what a URL may not hold in the page's <link rel=canonical> "
                    f"{describe(canonical)}, as a browser does: {describe(encoded)}",
                )
            )
            return encoded
        why = url_problem(url) or "not an absolute http(s) URL"
    report.append(
        Finding(
            "$",
            "dropped",
            f"the page's <link rel=canonical> is not a URL ({why}): {describe(canonical)}; "
            "left it out",
        )
    )
    return None


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
    encoding: str | None = None,
) -> list[Article]:
    """
    Return the articles that a web page marks up with schema.org.

    Args:
        html: The page, as text (taken as decoded) or as the bytes fetched:
            bytes are decoded as browsers do (see *encoding*).
        base_url: The page's address, an absolute http(s) URL: relative URLs
            resolve against it, and it is the article's url when the markup
            and the page's ``<link rel=canonical>`` give none.
        default_tz: The zone (an IANA name or a `tzinfo`) for dates the
            markup gives without one.
        dayfirst: The order of day and month in all-numeric dates, as for
            `newsmodel.from_jsonld`.
        findings: A list to append every repair and drop to.
        encoding: For bytes, the encoding the page came with from outside it
            (the charset of the HTTP ``Content-Type`` header), a WHATWG label
            like ``"iso-8859-1"``. It wins over the page's ``<meta charset>``;
            a byte order mark wins over it. Without it (or when it is not a
            label: a finding), the ``<meta>`` in the first 1024 bytes decides,
            else UTF-8 when the bytes are valid UTF-8, else windows-1252; each
            guess and each undecodable byte sequence (read as U+FFFD) is a
            finding at ``$``.

    Returns:
        One article for each article node the page marks up, in JSON-LD or in
        microdata (several in one block too: an ``@graph``, an array, an
        ``ItemList``); an article marked up twice (same url) counts once, the
        first kept; a second copy that differs is reported as ``dropped``.
        A microdata ``articleBody`` is text the page's parser has read, never
        HTML to read again.
        A page without article markup gives the article its Open Graph and
        ``<meta>`` tags describe (with a finding saying so), or an empty list
        when they give no publication date or title. An article node
        that makes no valid article is left out, and reported: an
        ``unbuilt_article`` finding at the node's path and an
        ``article_error`` finding for each problem (the command
        line's ``validate`` turns them back into errors).

    Raises:
        ValidationError: When the page has article nodes but none makes a
            valid `Article`: every problem of every node, with paths like
            ``$['json-ld'][0].headline`` (the caller would get nothing).
        ValueError: When *base_url* is not an absolute http(s) URL.
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
    from ._dates import resolve_dayfirst, resolve_zone  # noqa: PLC0415 - shared

    zone, order = resolve_zone(default_tz), resolve_dayfirst(dayfirst)
    _check_base_url(base_url)
    tree = _tree(_page_text(html, encoding, report))
    language, canonical = _page_defaults(tree)
    url = _page_url(canonical, base_url, report) or base_url
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
    for index, item in enumerate(_microdata(tree, base_url, report)):
        documents.append((f"$.microdata[{index}]", item))
    articles: list[Article] = []
    first_at: dict[str, tuple[Article, str]] = {}
    problems: list[ErrorDetail] = []
    for prefix, document in documents:
        microdata = prefix.startswith("$.microdata")
        try:
            results = _import.read_articles(
                document,
                url=url,
                language=language,
                default_tz=zone,
                dayfirst=order,
                microdata=microdata,
            )
        except ValidationError as error:
            # A block that is not JSON at all: no article is lost with it.
            report.extend(_prefixed_finding(detail, prefix, "dropped") for detail in error.errors)
            continue
        for result in results:
            where = _repath(result.path, prefix)
            local = [_prefixed_finding(f, prefix, f.code) for f in result.findings]
            if result.article is None:
                errors = [_prefixed(detail, prefix) for detail in result.errors]
                problems.extend(errors)
                report.extend(local)
                report.extend(_unbuilt_findings(where, errors))
                continue
            article = result.article
            kept = first_at.get(article.url)
            if kept is None:
                first_at[article.url] = (article, where)
                articles.append(article)
                report.extend(local)
            elif not _same_article(kept[0], article, microdata=microdata):
                # The same article in two syntaxes, identical, loses nothing;
                # a second, different one is dropped, and what differs is said.
                report.append(
                    Finding(
                        where,
                        "dropped",
                        f"the same article ({article.url}) is marked up twice, differently "
                        f"({', '.join(_differences(kept[0], article, microdata=microdata))}); "
                        f"kept the first, at {kept[1]}",
                    )
                )
    if problems and not articles:
        raise ValidationError(problems)
    if not articles:
        from ._page_meta import read_page_meta  # noqa: PLC0415 - only for pages without markup

        from_tags = read_page_meta(
            tree, url=url, language=language, default_tz=zone, dayfirst=order, findings=report
        )
        articles.extend([from_tags] if from_tags is not None else [])
    return articles


#: The finding code for an article node of the page that makes no valid
#: article (one finding at the node's path).
UNBUILT_ARTICLE = "unbuilt_article"
#: The finding code for each problem that stopped such a node, at its path;
#: the message is the error's ``code: message`` (see `unbuilt_errors`).
ARTICLE_ERROR = "article_error"


def _unbuilt_findings(where: str, errors: list[ErrorDetail]) -> list[Finding]:
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    head = Finding(
        where,
        UNBUILT_ARTICLE,
        f"expected an article node that makes a valid Article, found {count} "
        f"(each reported as {ARTICLE_ERROR}); left it out",
    )
    return [head, *(Finding(e.path, ARTICLE_ERROR, f"{e.code}: {e.message}") for e in errors)]


def unbuilt_errors(findings: list[Finding]) -> tuple[int, list[ErrorDetail]]:
    """
    Turn the findings `extract` makes for article nodes it could not build back into errors.

    Returns:
        The number of such article nodes, and every problem that stopped them,
        each as the `ErrorDetail` the `ValidationError` would have held.
    """
    nodes = sum(finding.code == UNBUILT_ARTICLE for finding in findings)
    errors = [
        ErrorDetail(finding.path, *finding.message.split(": ", 1))
        for finding in findings
        if finding.code == ARTICLE_ERROR
    ]
    return nodes, errors


def _same_article(first: Article, second: Article, *, microdata: bool) -> bool:
    # Microdata of our own output reads as any markup does (texts cleaned,
    # quotes left out): it is the same article if the JSON-LD read that way
    # gives it.
    return first == second or _import.read_as_markup(first, microdata=microdata) == second


def _differences(first: Article, second: Article, *, microdata: bool) -> list[str]:
    from ._canonical import to_dict  # noqa: PLC0415

    markup = _import.read_as_markup(first, microdata=microdata)
    one, two = to_dict(markup or first), to_dict(second)
    return sorted(key for key in one.keys() | two.keys() if one.get(key) != two.get(key))


def _repath(path: str, prefix: str) -> str:
    return prefix + path[1:] if path.startswith("$") else path


def _prefixed(detail: ErrorDetail, prefix: str) -> ErrorDetail:
    return ErrorDetail(_repath(detail.path, prefix), detail.code, detail.message, detail.input)


def _prefixed_finding(found: ErrorDetail | Finding, prefix: str, code: str) -> Finding:
    return Finding(_repath(found.path, prefix), code, found.message)
