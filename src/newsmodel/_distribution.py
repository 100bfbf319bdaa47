"""
The name newsmodel is published under, and how to install one of its extras.

The import package is ``newsmodel``; the distribution on the package index is
``pynewsmodel``, because ``newsmodel`` there is an unrelated project that
also installs a ``newsmodel`` import package. Every install hint and version
lookup uses this one name.
"""

from __future__ import annotations

__all__ = ["DISTRIBUTION", "install_hint"]

#: The distribution name: ``pip install pynewsmodel``.
DISTRIBUTION = "pynewsmodel"


def install_hint(extra: str) -> str:
    """Return the pip command that installs newsmodel with *extra*."""
    return f'pip install "{DISTRIBUTION}[{extra}]"'
