"""``python -m newsmodel``: the same command line as the ``newsmodel`` script."""

from __future__ import annotations

import sys

from newsmodel.cli import main

if __name__ == "__main__":
    sys.exit(main())
