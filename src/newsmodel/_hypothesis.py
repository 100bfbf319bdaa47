"""
The Hypothesis entry point: registers newsmodel's strategies for `st.from_type`.

It lives apart from `newsmodel.strategies` because Hypothesis calls it while
Hypothesis itself is being imported, which may be in the middle of importing
`newsmodel.strategies`: so it imports nothing from there until a strategy is
first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _models as m

if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["_hypothesis_setup_hook"]

_STRATEGIES = {
    m.Image: "images",
    m.Organization: "organizations",
    m.Person: "persons",
    m.Tag: "tags",
    m.Quote: "quotes",
    m.RelatedStory: "related_stories",
    m.Article: "articles",
}


def _lazy(name: str) -> Callable[[type], Any]:
    def resolve(_: type) -> Any:
        from . import strategies  # noqa: PLC0415 - see the module docstring

        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register every class's strategy with `hypothesis.strategies.register_type_strategy`."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis calls us

    for cls, name in _STRATEGIES.items():
        st.register_type_strategy(cls, _lazy(name))
