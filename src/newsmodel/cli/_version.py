"""The installed version, found without `importlib.metadata` (``newsmodel --version`` is quick)."""

from __future__ import annotations

import os
import sys


def version() -> str:
    """
    Return the installed distribution's version.

    `importlib.metadata` costs tens of milliseconds to import, more than the rest
    of ``newsmodel --version``; the ``.dist-info`` directory it would find is read
    directly, in the same order it searches ``sys.path``.
    """
    from .._distribution import DISTRIBUTION  # noqa: PLC0415

    prefix = DISTRIBUTION + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as f:
                        for line in f:
                            if line.startswith("Version:"):
                                return line.split(":", 1)[1].strip()
                            if not line.strip():
                                break
                except OSError:
                    pass
    from importlib.metadata import version as installed_version  # noqa: PLC0415

    return installed_version(DISTRIBUTION)
