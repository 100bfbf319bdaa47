"""
Decode a web page's bytes as browsers do: WHATWG HTML "encoding sniffing".

In order, the first that names an encoding wins:

1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
2. the caller's hint (the charset of an HTTP ``Content-Type`` header);
3. the page's ``<meta charset>`` or ``<meta http-equiv=Content-Type content=…>``
   in its first `PRESCAN_BYTES` bytes (the prescan);
4. the fallback: UTF-8 when the bytes are valid UTF-8, else windows-1252.

Labels are the WHATWG Encoding Standard's (``latin1``, ``iso-8859-1`` and
``us-ascii`` all mean windows-1252), looked up with webencodings, the table
html5lib uses; Python's codecs decode. Every guess, every label that is not an
encoding, and every replacement character that decoding inserts is a `Finding`
at ``$``: nothing is decoded differently from what the page says, silently.
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from typing import TYPE_CHECKING, NamedTuple

from ._errors import Finding

if TYPE_CHECKING:
    import webencodings

__all__ = ["PRESCAN_BYTES", "Decoded", "decode_page", "header_charset"]

#: How far into the page the prescan looks for a ``<meta>`` that names the
#: encoding (WHATWG HTML: 1024 bytes).
PRESCAN_BYTES = 1024

#: How many places of replaced bytes a finding lists before "…".
_SHOWN_PLACES = 5

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"))

# The prescan's tokens: a comment, a <meta> tag, any other tag (skipped whole,
# so a "<meta" inside its attribute values is not read), and "<!", "</", "<?"
# constructs. Bytes, ASCII case-insensitive, as the WHATWG prescan reads them.
_PRESCAN = re.compile(
    rb"<!--.*?-->"
    rb"|<meta[\t\n\f\r /](?P<meta>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
    rb"|</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*"
    rb"|<[!/?][^>]*",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(
    rb"[\t\n\f\r /]*(?P<name>[^\t\n\f\r />][^\t\n\f\r /=>]*)"
    rb"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\t\n\f\r >]*)))?"
)
# WHATWG "extract a character encoding from a meta element" (the content attribute).
_CONTENT_CHARSET = re.compile(
    rb"charset[\t\n\f\r ]*=[\t\n\f\r ]*"
    rb"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\t\n\f\r ;]+))",
    re.IGNORECASE,
)

_REPLACED: ContextVar[list[tuple[int, int]] | None] = ContextVar("_REPLACED", default=None)
_ERRORS = "newsmodel-counted-replace"


class Decoded(NamedTuple):
    """A decoded page: its text and the WHATWG name of the encoding read."""

    text: str
    encoding: str


def _counted_replace(error: UnicodeError) -> tuple[str, int]:
    """Replace undecodable bytes with U+FFFD, as ``errors="replace"``, noting where."""
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover - registered for decoding
        raise error
    places = _REPLACED.get()
    if places is not None:
        places.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _counted_replace)


def _lookup(label: str) -> webencodings.Encoding | None:
    import webencodings  # noqa: PLC0415 - the html extra; import only when used

    return webencodings.lookup(label)


def header_charset(content_type: str) -> str | None:
    """
    Return the charset an HTTP ``Content-Type`` value names, as it is written, or None.

    ``text/html; charset="ISO-8859-1"`` gives ``ISO-8859-1``: the label for
    `decode_page`'s *hint*, which says whether it is an encoding.
    """
    match = _CONTENT_CHARSET.search(content_type.encode("latin-1", "replace"))
    if match is None:
        return None
    label = match["dq"] if match["dq"] is not None else match["sq"] or match["uq"]
    return label.decode("latin-1") if label is not None else None


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    found: dict[bytes, bytes] = {}
    for match in _ATTRIBUTE.finditer(tag):
        name = match["name"].lower()
        value = match["dq"] if match["dq"] is not None else match["sq"]
        if value is None:
            value = match["uq"] or b""
        found.setdefault(name, value)  # the first of a repeated attribute counts
    return found


def _meta_label(attributes: dict[bytes, bytes]) -> bytes | None:
    """Return the label a ``<meta>`` names (WHATWG prescan), or None."""
    if b"charset" in attributes:
        return attributes[b"charset"]
    if attributes.get(b"http-equiv", b"").strip().lower() == b"content-type":
        match = _CONTENT_CHARSET.search(attributes.get(b"content", b""))
        if match is not None:
            return match["dq"] if match["dq"] is not None else match["sq"] or match["uq"]
    return None


def _prescan(head: bytes, report: list[Finding]) -> webencodings.Encoding | None:
    for token in _PRESCAN.finditer(head):
        tag = token["meta"]
        if tag is None:
            continue
        label = _meta_label(_attributes(tag))
        if label is None:
            continue
        text = label.decode("ascii", "replace")
        encoding = _lookup(text)
        if encoding is None:
            report.append(
                Finding(
                    "$",
                    "dropped",
                    f"the page's <meta> names the encoding {text!r}, which is not an encoding "
                    "label of the WHATWG Encoding Standard; ignored it",
                )
            )
            continue
        # A page that says it is UTF-16 but was read as ASCII bytes is not.
        if encoding.name in ("utf-16le", "utf-16be"):
            return _lookup("utf-8")
        if encoding.name == "x-user-defined":
            return _lookup("windows-1252")
        return encoding
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _choose(data: bytes, hint: str | None, report: list[Finding]) -> tuple[str, int]:
    """Return the WHATWG name of the page's encoding and the length of its BOM."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    if hint is not None:
        encoding = _lookup(hint)
        if encoding is not None:
            return encoding.name, 0
        report.append(
            Finding(
                "$",
                "dropped",
                f"expected an encoding label of the WHATWG Encoding Standard as the encoding "
                f"hint (like 'utf-8' or 'iso-8859-1'), found {hint!r}; ignored it",
            )
        )
    declared = _prescan(data[:PRESCAN_BYTES], report)
    if declared is not None:
        return declared.name, 0
    if _is_utf8(data):
        if not data.isascii():
            report.append(
                Finding(
                    "$",
                    "repaired",
                    "the page declares no encoding in its first "
                    f"{PRESCAN_BYTES} bytes; read it as UTF-8, which its bytes are",
                )
            )
        return "utf-8", 0
    report.append(
        Finding(
            "$",
            "repaired",
            f"the page declares no encoding in its first {PRESCAN_BYTES} bytes and is not "
            "UTF-8; read it as windows-1252, as browsers do",
        )
    )
    return "windows-1252", 0


def _places(replaced: list[tuple[int, int]], offset: int) -> str:
    shown = ", ".join(str(start + offset) for start, _ in replaced[:_SHOWN_PLACES])
    return shown + (", …" if len(replaced) > _SHOWN_PLACES else "")


def decode_page(data: bytes, hint: str | None = None, *, findings: list[Finding]) -> Decoded:
    """
    Decode a page's bytes as a browser does; see the module's docstring.

    Args:
        data: The page's bytes.
        hint: An encoding label from outside the page (an HTTP header's
            charset); a byte order mark still wins over it.
        findings: Where the guesses, ignored labels and replaced bytes go.
    """
    report: list[Finding] = []
    name, skip = _choose(data, hint, report)
    encoding = _lookup(name)
    if encoding is None:  # pragma: no cover - every name _choose returns is a WHATWG name
        raise LookupError(name)
    replaced: list[tuple[int, int]] = []
    if name == "replacement":
        text = "\ufffd"  # the WHATWG replacement decoder: one U+FFFD for the whole page
    else:
        token = _REPLACED.set(replaced)
        try:
            text, _ = encoding.codec_info.decode(data[skip:], _ERRORS)
        finally:
            _REPLACED.reset(token)
    if name == "replacement":
        report.append(
            Finding(
                "$",
                "dropped",
                "the page is in an encoding browsers refuse to read (ISO-2022-KR, "
                "HZ-GB-2312 or ISO-2022-CN, WHATWG 'replacement'); read nothing of it",
            )
        )
    elif replaced:
        count = len(replaced)
        report.append(
            Finding(
                "$",
                "dropped",
                f"{count} byte sequence{'s' if count != 1 else ''} of the page "
                f"{'are' if count != 1 else 'is'} not valid {name}: replaced with U+FFFD "
                f"(at byte{'s' if count != 1 else ''} {_places(replaced, skip)})",
            )
        )
    findings.extend(report)
    return Decoded(text, name)
