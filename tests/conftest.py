"""
Hypothesis settings profiles for the test suite.

``ci`` (the default) runs 100 examples per property, derandomized, so that a
run in CI can be repeated exactly (which is also why the test dependency group
pins Hypothesis's version: a new release draws other examples); ``dev`` runs
fewer, for quick iterations (``HYPOTHESIS_PROFILE=dev pytest``).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,  # the machine is shared: no timed tests
    derandomize=True,
    database=None,  # derandomized: the examples depend on the code and Hypothesis (pinned)
    print_blob=True,
)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
